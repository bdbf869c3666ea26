package core

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// SettingsError is a settings problem that stops the destination (state
// failed, no SDK load): a missing API key, an unsupported version, or
// consent categories that cannot be read.
// Callers tell them apart by Code, never by the message.
type SettingsError struct {
	// Field is the setting key as given ("api_key", "sdkVersion"), or the
	// preferred name when the setting is missing altogether.
	Field string
	// Code is CodeMissingAPIKey, CodeUnsupportedVersion, or
	// CodeInvalidSetting for a consentCategories that names no category.
	Code string
	// Value is the offending value; nil when the setting is missing.
	Value   any
	Message string
}

func (e *SettingsError) Error() string { return e.Field + ": " + e.Message }

// DefaultSDKVersion is the SDK version used when the settings name none:
// the newest this build knows.
const DefaultSDKVersion = "6.13"

// DefaultEndpoint is Braze's US-01 SDK host, the endpoint of both
// reference integrations when none is configured.
const DefaultEndpoint = "sdk.iad-01.braze.com"

const (
	sdkCDNBase = "https://js.appboycdn.com/web-sdk/"

	// The classic integration turns 0, "" and NaN into these (§1.1); we
	// keep an explicit 0 trigger interval (§7).
	classicTriggerInterval = 30
	classicSessionTimeout  = 30

	defaultReadyTimeoutMs = 5000
	// maxReadyTimeoutMs bounds how long a typo can hold every
	// analytics.ready callback of the page.
	maxReadyTimeoutMs = 60000

	// settingPreviewLen is how much of a bad value a message quotes.
	settingPreviewLen = 30
)

// newestSDKMinor is the newest release of each major this build knows. A
// bare major selects it; a newer minor is accepted (Braze ships minors
// often) with a warning, since its CDN path may not exist. An array by
// major, 0 for none: a map literal is built by code at start-up.
var newestSDKMinor = [...]int{3: 5, 4: 10, 5: 9, 6: 13}

// newestMinor returns newestSDKMinor's entry for major, if it has one.
func newestMinor(major int) (int, bool) {
	if major < 0 || major >= len(newestSDKMinor) || newestSDKMinor[major] == 0 {
		return 0, false
	}
	return newestSDKMinor[major], true
}

// classicDatacenter returns the host of one of the classic integration's
// datacenter values (§1.3), lower-cased.
func classicDatacenter(d string) (string, bool) {
	switch d {
	case "us":
		return "sdk.iad-01.braze.com", true
	case "us02":
		return "sdk.iad-02.braze.com", true
	case "us03":
		return "sdk.iad-03.braze.com", true
	case "eu":
		return "sdk.fra-01.braze.eu", true
	}
	return "", false
}

type optionKind uint8

const (
	optionBool optionKind = iota
	optionNumber
	optionString
	optionStrings
)

func (k optionKind) String() string {
	switch k {
	case optionBool:
		return "a boolean"
	case optionNumber:
		return "a number"
	case optionString:
		return "a string"
	}
	return "an array of strings"
}

// brazeOption is a Braze initialize option we accept as a setting.
type brazeOption struct {
	name    string // Braze's name on SDK 4+, and the preferred setting name
	classic string // the classic setting and SDK 1-3 name, when it differs
	kind    optionKind
	since   [2]int // first SDK major.minor that knows it (Braze changelog)
}

// brazeInitOptions in the order SDK 4+ options are emitted (after baseUrl).
var brazeInitOptions = []brazeOption{
	{name: "allowCrawlerActivity", kind: optionBool},
	{name: "allowUserSuppliedJavascript", classic: "enableHtmlInAppMessages", kind: optionBool},
	{name: "appVersion", kind: optionString},
	{name: "contentSecurityNonce", kind: optionString, since: [2]int{2, 4}},
	{name: "devicePropertyAllowlist", kind: optionStrings, since: [2]int{3, 1}},
	{name: "disablePushTokenMaintenance", kind: optionBool, since: [2]int{2, 4}},
	{name: "doNotLoadFontAwesome", kind: optionBool},
	{name: "enableLogging", kind: optionBool},
	{name: "enableSdkAuthentication", kind: optionBool, since: [2]int{3, 3}},
	{name: "inAppMessageZIndex", kind: optionNumber, since: [2]int{3, 3}},
	{name: "localization", kind: optionString},
	{name: "manageServiceWorkerExternally", kind: optionBool, since: [2]int{2, 4}},
	{name: "minimumIntervalBetweenTriggerActionsInSeconds", kind: optionNumber},
	{name: "noCookies", kind: optionBool},
	{name: "openCardsInNewTab", classic: "openNewsFeedCardsInNewTab", kind: optionBool},
	{name: "openInAppMessagesInNewTab", kind: optionBool},
	{name: "requireExplicitInAppMessageDismissal", kind: optionBool},
	{name: "safariWebsitePushId", kind: optionString},
	{name: "serviceWorkerLocation", kind: optionString},
	{name: "sessionTimeoutInSeconds", kind: optionNumber},
}

// classicInitOptions is the SDK 2/3 initialize object of the classic
// integration (§1.4), key for key: the key sent, the option it reads
// (Braze 4+ name) and the value when it is not set.
var classicInitOptions = []struct {
	key, option string
	def         any
}{
	{"safariWebsitePushId", "safariWebsitePushId", ""},
	{"enableHtmlInAppMessages", "allowUserSuppliedJavascript", false},
	{"allowCrawlerActivity", "allowCrawlerActivity", false},
	{"doNotLoadFontAwesome", "doNotLoadFontAwesome", false},
	{"enableLogging", "enableLogging", false},
	{"localization", "localization", "en"},
	{"minimumIntervalBetweenTriggerActionsInSeconds", "minimumIntervalBetweenTriggerActionsInSeconds", float64(classicTriggerInterval)},
	{"openInAppMessagesInNewTab", "openInAppMessagesInNewTab", false},
	{"openNewsFeedCardsInNewTab", "openCardsInNewTab", false},
	{"requireExplicitInAppMessageDismissal", "requireExplicitInAppMessageDismissal", false},
	{"serviceWorkerLocation", "serviceWorkerLocation", Undefined{}},
	{"sessionTimeoutInSeconds", "sessionTimeoutInSeconds", float64(classicSessionTimeout)},
}

// Aliases: the first name is preferred when several are set.
var (
	apiKeyNames    = []string{"apiKey", "api_key"}
	versionNames   = []string{"version", "sdkVersion"}
	knownOnlyNames = []string{"onlyTrackKnownUsersOnWeb", "deferUntilIdentified"}
)

// otherSettings are the settings that are neither aliases above nor
// initialize options.
var otherSettings = []string{
	"sdkUrl", "sdkIntegrity", "endpoint", "datacenter", "customEndpoint", "baseUrl",
	"automaticallyDisplayMessages", "trackAllPages", "trackNamedPages",
	"logPurchaseWhenRevenuePresent", "anonymousEvents", "debounceIdentify",
	"sendOnlyChangedTraits", "appboyCompat", "readyTimeoutMs", "assetsUrl", "consentCategories",
}

// injectedSettings are added by Segment's Actions runtime to every
// settings object; they are not the user's, so they are not reported.
var injectedSettings = []string{"subscriptions", "versionSettings"}

var knownSettings = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range [][]string{apiKeyNames, versionNames, knownOnlyNames, otherSettings, injectedSettings} {
		for _, k := range list {
			m[k] = true
		}
	}
	for _, o := range brazeInitOptions {
		m[o.name] = true
		if o.classic != "" {
			m[o.classic] = true
		}
	}
	return m
}()

// ParseSettings turns a settings object, as JSON or a JS object decodes
// to, into Settings with every default applied. It accepts the classic
// "Appboy" names, the "Braze Web Mode (Actions)" names and our own (see
// contract.md §2).
//
// Problems that leave a usable configuration are warnings (Event -1,
// Field the key as given): unknown keys, converted types, invalid values
// replaced by their default. A missing API key, an unsupported version or
// unreadable consentCategories is a *SettingsError, with nil Settings: the
// destination must not load an SDK it was not asked for. Every other setting is still checked (an
// unsupported version as the default one), so that one pass reports every
// problem; a second *SettingsError comes as a warning with its code.
func ParseSettings(raw map[string]any) (*Settings, []Warning, error) {
	return ParsePageSettings(raw, "")
}

// ParsePageSettings is ParseSettings on a page whose script tags carry
// nonce: contentSecurityNonce, when the settings leave it unset (blank or
// invalid), is the page's (contract §2), on the SDKs that have the option
// (2.4 and later).
func ParsePageSettings(raw map[string]any, nonce string) (*Settings, []Warning, error) {
	p := &settingsParser{raw: raw, nonce: nonce}
	p.unknownKeys()
	s := &Settings{}
	p.apiKey(s)
	p.version(s)
	p.sdkURL(s)
	s.InitOptions = p.initOptions(s)

	s.AutomaticallyDisplayMessages = p.boolSetting(true, "automaticallyDisplayMessages")
	s.TrackAllPages = p.boolSetting(false, "trackAllPages")
	s.TrackNamedPages = p.boolSetting(false, "trackNamedPages")
	s.LogPurchaseWhenRevenuePresent = p.boolSetting(false, "logPurchaseWhenRevenuePresent")
	s.OnlyKnownUsers = p.boolSetting(false, knownOnlyNames...)
	s.BufferAnonymous = p.anonymousEvents(s.OnlyKnownUsers)
	p.consentCategories(s)
	s.DebounceIdentify = p.boolSetting(false, "debounceIdentify")
	s.SendOnlyChangedTraits = p.boolSetting(false, "sendOnlyChangedTraits")
	s.AppboyCompat = p.boolSetting(true, "appboyCompat")
	s.ReadyTimeoutMs = p.readyTimeout()
	if key, v, ok := p.lookup("assetsUrl"); ok {
		s.AssetsURL, _ = p.stringValue(key, v)
	}
	if p.err != nil {
		return nil, p.warns, p.err
	}
	return s, p.warns, nil
}

type settingsParser struct {
	raw   map[string]any
	nonce string // the page's script nonce, "" for none
	warns []Warning
	err   *SettingsError // the first problem that stops the destination
}

// fail records a problem that stops the destination. Not inlined: each
// of its callers would get a copy of the warning it makes.
//
//go:noinline
func (p *settingsParser) fail(e *SettingsError) {
	if p.err == nil {
		p.err = e
		return
	}
	p.warn(e.Field, e.Code, "%s", e.Message)
}

//go:noinline
func (p *settingsParser) warn(field, code, format string, args ...any) {
	w := warnf(field, code, format, args...)
	w.Event = -1
	p.warns = append(p.warns, w)
}

func (p *settingsParser) unknownKeys() {
	var unknown []string
	for k := range p.raw {
		if !knownSettings[k] {
			unknown = append(unknown, k)
		}
	}
	sortStrings(unknown)
	for _, k := range unknown {
		if known := closestSetting(k); known != "" {
			p.warn(k, CodeUnknownSetting, "unknown setting, ignored (did you mean %s?)", known)
			continue
		}
		p.warn(k, CodeUnknownSetting, "unknown setting, ignored")
	}
}

// closestSetting returns the known setting k most likely misspells: names
// are case-sensitive, and "apikey" or "trackAllPage" are common slips. It
// is the nearest by edit distance, ignoring case, if that is at most 2
// and at most a third of k (so "url" suggests nothing), ties to the
// first name in order; "" when none is close.
func closestSetting(k string) string {
	lk := toLowerASCII(k)
	match, best := "", min(2, len(k)/3)+1
	for name := range knownSettings {
		d := editDistance(lk, toLowerASCII(name))
		if d < best || d == best && name < match {
			match, best = name, d
		}
	}
	return match
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// lookup returns the first of the alias names that holds a value. null
// counts as absent, and a blank string gives way to an alias with
// content, because pasted settings often carry empty defaults. Another
// alias set to a different value is reported, since only one can win.
func (p *settingsParser) lookup(names ...string) (key string, val any, ok bool) {
	for _, n := range names {
		v := p.raw[n]
		if v == nil {
			continue
		}
		if !ok || settingBlank(val) && !settingBlank(v) {
			key, val, ok = n, v, true
		}
	}
	if !ok {
		return "", nil, false
	}
	for _, n := range names {
		v := p.raw[n]
		if n != key && v != nil && !settingBlank(v) && !deepEqual(v, val) {
			p.warn(n, CodeInvalidSetting, "ignored: %s is also set and takes precedence", key)
		}
	}
	return key, val, true
}

func settingBlank(v any) bool {
	s, ok := v.(string)
	return ok && trimSpace(s) == ""
}

func (p *settingsParser) apiKey(s *Settings) {
	key, v, ok := p.lookup(apiKeyNames...)
	if !ok {
		p.fail(&SettingsError{Field: apiKeyNames[0], Code: CodeMissingAPIKey,
			Message: "missing: the Braze web API key is required"})
		return
	}
	switch x := v.(type) {
	case string:
		// A key pasted with a trailing newline would otherwise fail at
		// Braze with no hint.
		s.APIKey = trimSpace(x)
	default:
		if _, isNum := settingFloat(v); !isNum {
			p.fail(&SettingsError{Field: key, Code: CodeMissingAPIKey, Value: v,
				Message: "expected a string but got: " + settingDescribe(v)})
			return
		}
		s.APIKey, _ = p.stringValue(key, v)
	}
	if s.APIKey == "" {
		p.fail(&SettingsError{Field: key, Code: CodeMissingAPIKey, Value: v,
			Message: "empty: the Braze web API key is required"})
	}
}

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

// baseURL resolves the endpoint settings (precedence baseUrl,
// customEndpoint, endpoint, datacenter) into the initialize baseUrl, and
// reports whether the key is sent at all.
func (p *settingsParser) baseURL(s *Settings) (string, bool) {
	if key, v, ok := p.lookup("baseUrl"); ok {
		if u, ok := p.stringValue(key, v); ok && u != "" {
			return u, true
		}
	}
	if key, v, ok := p.lookup("customEndpoint"); ok {
		if u, ok := p.stringValue(key, v); ok && u != "" {
			if n, ok := normalizeCustomEndpoint(u); ok {
				return n, true
			}
			p.warn(key, CodeInvalidSetting, "expected a host or URL but got: %s; ignored", settingPreview(u))
		}
	}
	if key, v, ok := p.lookup("endpoint"); ok {
		if u, ok := p.stringValue(key, v); ok && u != "" {
			if s.Major >= 4 {
				// Actions passes the bare host and SDK 4+ accepts it.
				return u, true
			}
			if n, ok := normalizeCustomEndpoint(u); ok {
				return n, true
			}
			p.warn(key, CodeInvalidSetting, "expected a host but got: %s; ignored", settingPreview(u))
		}
	}
	if key, v, ok := p.lookup("datacenter"); ok {
		if d, ok := p.stringValue(key, v); ok && d != "" {
			host, known := classicDatacenter(toLowerASCII(d))
			switch {
			case !known:
				p.warn(key, CodeInvalidSetting, "expected us, us02, us03 or eu but got: %s; the default US-01 is used", settingPreview(d))
			case s.Major == 2 && host == DefaultEndpoint:
				// Classic SDK 2 sends no baseUrl for US-01: keep its
				// object key for key.
				return "", false
			default:
				return "https://" + host + "/api/v3", true
			}
		}
	}
	switch s.Major {
	case 2:
		return "", false
	case 1, 3:
		// SDK 3 requires a baseUrl, which the classic integration omitted.
		return "https://" + DefaultEndpoint + "/api/v3", true
	}
	return DefaultEndpoint, true
}

// normalizeCustomEndpoint makes a custom endpoint a full SDK API URL, as the
// classic integration does, without its double slash or double /api/v3.
func normalizeCustomEndpoint(u string) (string, bool) {
	lower := toLowerASCII(u)
	if !hasPrefix(lower, "https://") && !hasPrefix(lower, "http://") {
		u = "https://" + u
	}
	for hasSuffix(u, "/") {
		u = u[:len(u)-1]
	}
	_, rest, _ := cut(u, "://")
	host, _, _ := cut(rest, "/")
	if host == "" {
		return "", false
	}
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case ' ', '\t', '\r', '\n':
			return "", false
		}
	}
	if !hasSuffix(toLowerASCII(u), "/api/v3") {
		u += "/api/v3"
	}
	return u, true
}

// givenOption is an initialize option the user set, with its valid value.
type givenOption struct {
	key   string // as given
	value any
}

// options reads every initialize option the settings hold, by Braze 4+
// name. Invalid values are reported and left out, so the family's
// default applies.
func (p *settingsParser) options() map[string]givenOption {
	opts := map[string]givenOption{}
	for _, o := range brazeInitOptions {
		names := []string{o.name}
		if o.classic != "" {
			names = append(names, o.classic)
		}
		key, v, ok := p.lookup(names...)
		if !ok {
			continue
		}
		var val any
		switch o.kind {
		case optionBool:
			val, ok = p.boolValue(key, v)
		case optionString:
			val, ok = p.stringValue(key, v)
		case optionNumber:
			var f float64
			if f, ok = p.numberValue(key, v); ok {
				if problem := optionNumberProblem(o.name, f); problem != "" {
					p.warn(key, CodeInvalidSetting, "%s but got: %s; the default is used", problem, settingPreview(f))
					ok = false
				}
			}
			val = f
		case optionStrings:
			var list []any
			list, ok = p.stringsValue(key, v)
			// Actions passes the list only with a non-blank entry; an
			// empty list would otherwise tell Braze to collect nothing.
			ok = ok && len(list) > 0
			val = list
		}
		if ok {
			opts[o.name] = givenOption{key: key, value: val}
		}
	}
	return opts
}

func optionNumberProblem(option string, f float64) string {
	switch option {
	case "minimumIntervalBetweenTriggerActionsInSeconds":
		if f < 0 {
			return "expected 0 or more"
		}
	case "sessionTimeoutInSeconds":
		if f <= 0 {
			return "expected more than 0"
		}
	}
	return ""
}

// initOptions builds the second argument of initialize for the family.
func (p *settingsParser) initOptions(s *Settings) Options {
	base, hasBase := p.baseURL(s)
	opts := p.options()
	if set, _ := opts["contentSecurityNonce"].value.(string); set == "" && p.nonce != "" && s.AtLeast(2, 4) {
		opts["contentSecurityNonce"] = givenOption{key: "contentSecurityNonce", value: p.nonce}
	}
	switch s.Family {
	case FamilyBraze:
		o := append(make(Options, 0, 1+len(brazeInitOptions)), Option{Key: "baseUrl", Value: base})
		for _, bo := range brazeInitOptions {
			set, ok := opts[bo.name]
			if !ok || set.value == "" {
				// Blank strings mean unset; a blank contentSecurityNonce
				// would stop the shell filling in the page's nonce.
				continue
			}
			o = append(o, Option{Key: bo.name, Value: set.value})
		}
		return o
	case FamilyAppboy, FamilyAppboyAB:
		if s.Major == 1 {
			return p.v1Options(base, opts)
		}
	}
	o := make(Options, 0, len(classicInitOptions)+1)
	classic := map[string]bool{}
	for _, c := range classicInitOptions {
		classic[c.option] = true
		v := c.def
		if set, ok := opts[c.option]; ok {
			v = set.value
		}
		o = append(o, Option{Key: c.key, Value: v})
	}
	if hasBase {
		o = append(o, Option{Key: "baseUrl", Value: base})
	}
	// Options outside the classic twelve appear only in settings written
	// for Actions; they are passed after the classic object so SDK 3
	// users keep e.g. SDK authentication.
	for _, bo := range brazeInitOptions {
		set, ok := opts[bo.name]
		if classic[bo.name] || !ok || set.value == "" {
			continue
		}
		if !s.AtLeast(bo.since[0], bo.since[1]) {
			p.warn(set.key, CodeInvalidSetting, "not supported before SDK %d.%d (in use: %s); passed anyway", bo.since[0], bo.since[1], s.Version)
		}
		o = append(o, Option{Key: bo.name, Value: set.value})
	}
	return o
}

// v1Options is the classic SDK 1 object (§1.4). The classic integration
// ignores every other option; we still ignore them but say so when the
// value would have changed something.
func (p *settingsParser) v1Options(base string, opts map[string]givenOption) Options {
	o := append(make(Options, 0, 3), Option{Key: "baseUrl", Value: base})
	if set, ok := opts["safariWebsitePushId"]; ok && set.value != "" {
		o = append(o, Option{Key: "safariWebsitePushId", Value: set.value})
	}
	if set, ok := opts["allowUserSuppliedJavascript"]; ok && set.value == true {
		o = append(o, Option{Key: "enableHtmlInAppMessages", Value: true})
	}
	defaults := map[string]any{}
	for _, c := range classicInitOptions {
		defaults[c.option] = c.def
	}
	for _, bo := range brazeInitOptions {
		set, ok := opts[bo.name]
		if !ok || bo.name == "safariWebsitePushId" || bo.name == "allowUserSuppliedJavascript" {
			continue
		}
		def, hasDef := defaults[bo.name]
		if !hasDef {
			switch bo.kind {
			case optionBool:
				def = false
			case optionString:
				def = ""
			}
		}
		if set.value == def || bo.kind == optionString && set.value == "" {
			continue
		}
		p.warn(set.key, CodeInvalidSetting, "not passed to SDK 1, which takes only baseUrl, safariWebsitePushId and enableHtmlInAppMessages")
	}
	return o
}

func (p *settingsParser) boolSetting(def bool, names ...string) bool {
	key, v, ok := p.lookup(names...)
	if !ok {
		return def
	}
	if b, ok := p.boolValue(key, v); ok {
		return b
	}
	return def
}

func (p *settingsParser) anonymousEvents(onlyKnown bool) bool {
	key, v, ok := p.lookup("anonymousEvents")
	if !ok {
		return false
	}
	mode, ok := p.stringValue(key, v)
	if !ok {
		return false
	}
	switch toLowerASCII(mode) {
	case "drop":
		return false
	case "buffer":
		if !onlyKnown {
			p.warn(key, CodeInvalidSetting, "has no effect without onlyTrackKnownUsersOnWeb")
		}
		return true
	}
	p.warn(key, CodeInvalidSetting, "expected drop or buffer but got: %s; drop is used", settingPreview(mode))
	return false
}

// consentCategories reads the categories Braze waits for. A value that
// names none, unless it is an empty array, stops the destination: Braze
// must not run because its consent setting could not be read.
func (p *settingsParser) consentCategories(s *Settings) {
	key, v, ok := p.lookup("consentCategories")
	if !ok {
		return
	}
	list, ok := v.([]any)
	names, _ := p.stringsValue(key, list)
	for _, n := range names {
		s.ConsentCategories = append(s.ConsentCategories, n.(string))
	}
	if s.ConsentCategories == nil && (!ok || len(list) > 0) {
		p.fail(&SettingsError{Field: key, Code: CodeInvalidSetting, Value: v,
			Message: "expected an array of category names but got: " + settingDescribe(v) + "; Braze stays off rather than run without consent"})
	}
}

func (p *settingsParser) readyTimeout() int {
	key, v, ok := p.lookup("readyTimeoutMs")
	if !ok {
		return defaultReadyTimeoutMs
	}
	f, ok := p.numberValue(key, v)
	switch {
	case !ok:
		return defaultReadyTimeoutMs
	case f <= 0:
		p.warn(key, CodeInvalidSetting, "expected more than 0 but got: %s; %d is used", settingPreview(f), defaultReadyTimeoutMs)
		return defaultReadyTimeoutMs
	case f > maxReadyTimeoutMs:
		p.warn(key, CodeInvalidSetting, "expected at most %d but got: %s; %d is used", maxReadyTimeoutMs, settingPreview(f), maxReadyTimeoutMs)
		return maxReadyTimeoutMs
	}
	// Ceil, so a positive fraction never becomes 0.
	return int(math.Ceil(f))
}

// boolValue accepts a boolean, or converts "true"/"false" and 0/1 with a
// warning; anything else is reported and ok is false.
func (p *settingsParser) boolValue(key string, v any) (b, ok bool) {
	if b, ok := v.(bool); ok {
		return b, true
	}
	if s, isStr := v.(string); isStr {
		switch toLowerASCII(trimSpace(s)) {
		case "true":
			b, ok = true, true
		case "false":
			b, ok = false, true
		}
	} else if f, isNum := settingFloat(v); isNum && (f == 0 || f == 1) {
		b, ok = f == 1, true
	}
	if ok {
		p.warn(key, CodeConvertedType, "converted %s to boolean %t", settingDescribe(v), b)
		return b, true
	}
	p.invalid(key, v, optionBool)
	return false, false
}

// numberValue accepts a finite number, or converts a string that
// JavaScript's Number() reads as one (the shim once did, and users write
// settings for JavaScript) with a warning; anything else ("", "abc",
// "Infinity", true) is reported and ok is false.
func (p *settingsParser) numberValue(key string, v any) (float64, bool) {
	if f, ok := settingFloat(v); ok {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			p.invalid(key, v, optionNumber)
			return 0, false
		}
		return f, true
	}
	if s, ok := v.(string); ok {
		if f, ok := finiteNumber(s); ok {
			p.warn(key, CodeConvertedType, "converted %s to number %s", settingDescribe(v), settingPreview(f))
			return f, true
		}
	}
	p.invalid(key, v, optionNumber)
	return 0, false
}

// stringValue accepts a string (trimmed), or converts a number with a
// warning; anything else is reported and ok is false.
func (p *settingsParser) stringValue(key string, v any) (string, bool) {
	if s, ok := v.(string); ok {
		return trimSpace(s), true
	}
	if f, ok := settingFloat(v); ok && !math.IsNaN(f) && !math.IsInf(f, 0) {
		s := formatFloat(f)
		p.warn(key, CodeConvertedType, "converted %s to string %q", settingDescribe(v), s)
		return s, true
	}
	p.invalid(key, v, optionString)
	return "", false
}

// stringsValue accepts an array of strings; entries that are blank or not
// strings are dropped with a warning. The result holds trimmed strings.
func (p *settingsParser) stringsValue(key string, v any) ([]any, bool) {
	arr, ok := v.([]any)
	if !ok {
		p.invalid(key, v, optionStrings)
		return nil, false
	}
	out := make([]any, 0, len(arr))
	blanks := 0
	for i, e := range arr {
		s, ok := e.(string)
		switch {
		case !ok:
			p.warn(key+"["+itoa(i)+"]", CodeInvalidSetting, "expected a string but got: %s; dropped", settingDescribe(e))
		case trimSpace(s) == "":
			blanks++
		default:
			out = append(out, trimSpace(s))
		}
	}
	if blanks > 0 {
		p.warn(key, CodeInvalidSetting, "%d blank entries dropped", blanks)
	}
	return out, true
}

func (p *settingsParser) invalid(key string, v any, want optionKind) {
	p.warn(key, CodeInvalidSetting, "expected %s but got: %s; the default is used", want, settingDescribe(v))
}

// settingFloat accepts float64, what JSON and JS numbers decode to, and Go's
// other numeric types so Go callers can write settings literals. Not
// inlined: each of its callers would get a copy of the type switch.
//
//go:noinline
func settingFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// settingDescribe names a value's JS type and previews it, for messages.
func settingDescribe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string (" + settingPreview(v) + ")"
	case bool:
		return "boolean (" + settingPreview(v) + ")"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	if _, ok := settingFloat(v); ok {
		return "number (" + settingPreview(v) + ")"
	}
	return typeName(v)
}

// settingPreview is a value as a message quotes it: strings quoted and cut.
func settingPreview(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > settingPreviewLen {
			// Cut before the character the limit falls in.
			n := settingPreviewLen
			for n > 0 && !utf8.RuneStart(x[n]) {
				n--
			}
			x = x[:n] + "..."
		}
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	}
	if f, ok := settingFloat(v); ok {
		return formatFloat(f)
	}
	return settingDescribe(v)
}
