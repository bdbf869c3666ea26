package core

// Which Braze SDK a page loads: its version, CDN URL and SRI hash.

import (
	"math"
	"unicode/utf8"
)

// version sets the SDK version. An unsupported one fails the settings,
// and the rest is checked as for the default version.
func (p *settingsParser) version(s *Settings) {
	s.Major, s.Minor = parseMajorMinor(DefaultSDKVersion)
	if key, v, ok := p.lookup(versionNames...); ok {
		major, minor, valid := parseSDKVersion(v)
		if !valid {
			p.fail(&SettingsError{Field: key, Code: CodeUnsupportedVersion, Value: v,
				Message: sprintf("unsupported value %s: expected 1, 2, 2.7, 3.x or 4.x to 6.x", settingPreview(v))})
		} else {
			if newest, ok := newestMinor(major); ok && minor > newest {
				p.warn(key, CodeInvalidSetting, "%d.%d is newer than the newest %d.x this build knows (%d.%d): its CDN path may not exist", major, minor, major, major, newest)
			}
			s.Major, s.Minor = major, minor
		}
	}
	s.Version = itoa(s.Major) + "." + itoa(s.Minor)
	switch {
	case s.Major <= 2:
		s.Family = FamilyAppboyAB
	case s.Major == 3:
		s.Family = FamilyAppboy
	default:
		s.Family = FamilyBraze
	}
}

// parseSDKVersion maps a version setting to the SDK release it loads. SDK 1
// and 2 exist on the CDN only as 1.6, 2.4 and 2.7, so other 1.x and 2.x
// are rejected rather than silently moved, unlike the classic integration.
// A bare major selects the newest release we know of it.
func parseSDKVersion(v any) (major, minor int, ok bool) {
	var s string
	switch x := v.(type) {
	case string:
		s = trimSpace(x)
	default:
		f, isNum := settingFloat(v)
		if !isNum || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, 0, false
		}
		// A number reads as its shortest decimal form, so 6.10 as a
		// number is 6.1; the string "6.10" keeps its minor.
		s = formatFloat(f)
	}
	majorStr, minorStr, hasMinor := cut(s, ".")
	major, ok = sdkVersionPart(majorStr)
	if !ok {
		return 0, 0, false
	}
	minor = -1
	if hasMinor {
		if minor, ok = sdkVersionPart(minorStr); !ok {
			return 0, 0, false
		}
	}
	switch major {
	case 1:
		if minor == -1 || minor == 6 {
			return 1, 6, true
		}
	case 2:
		switch minor {
		case -1, 4:
			return 2, 4, true
		case 7:
			return 2, 7, true
		}
	case 3, 4, 5, 6:
		if minor == -1 {
			minor, _ = newestMinor(major)
		}
		return major, minor, true
	}
	return 0, 0, false
}

// sdkVersionPart parses one canonical decimal part: no sign, no leading zero,
// so "3.05" is not silently read as 3.5.
func sdkVersionPart(s string) (int, bool) {
	if s == "" || len(s) > 4 || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func parseMajorMinor(v string) (int, int) {
	major, minor, _ := parseSDKVersion(v)
	return major, minor
}

// sdkCDNURL is the Braze CDN script of a version, per SDK family (contract §5).
func sdkCDNURL(s *Settings) string {
	switch s.Family {
	case FamilyAppboyAB:
		return sdkCDNBase + s.Version + "/appboy.min.js"
	case FamilyAppboy:
		return sdkCDNBase + s.Version + "/appboy.no-amd.min.js"
	}
	return sdkCDNBase + s.Version + "/braze.no-module.min.js"
}

func (p *settingsParser) sdkURL(s *Settings) {
	s.SDKURL = sdkCDNURL(s)
	if key, v, ok := p.lookup("sdkUrl"); ok {
		if u, ok := p.stringValue(key, v); ok && u != "" {
			s.SDKURL = u
		}
	}
	if key, v, ok := p.lookup("sdkIntegrity"); ok {
		sri, ok := p.stringValue(key, v)
		switch {
		case !ok || sri == "":
		case !validSRI(sri):
			// An unparseable integrity attribute would make the browser
			// load the script unchecked, which is worse than saying so.
			p.warn(key, CodeInvalidSetting, "expected sha256-, sha384- or sha512- followed by a base64 hash but got: %s; ignored", settingPreview(sri))
		default:
			s.SDKIntegrity = sri
		}
	}
}

// validSRI reports whether one of the space-separated tokens of an
// integrity attribute names a hash the browser knows.
func validSRI(s string) bool {
	for s != "" {
		tok := s
		s = ""
		if i := indexFunc(tok, isSpace); i >= 0 {
			_, size := utf8.DecodeRuneInString(tok[i:])
			tok, s = tok[:i], tok[i+size:]
		}
		for _, alg := range []string{"sha256-", "sha384-", "sha512-"} {
			if hasPrefix(tok, alg) && len(tok) > len(alg) {
				return true
			}
		}
	}
	return false
}
