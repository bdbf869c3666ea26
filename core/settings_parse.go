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
