package core_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// settingsRaw is a settings object with apiKey "k" plus the given
// key/value pairs; values are written as JSON decodes them (float64).
func settingsRaw(kv ...any) map[string]any {
	m := map[string]any{"apiKey": "k"}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func settingsWarn(field, code, msg string) core.Warning {
	return core.Warning{Event: -1, Field: field, Code: code, Message: msg, Level: core.LevelWarning}
}

// settingsDefault is what {"apiKey": "k"} parses to.
func settingsDefault() core.Settings {
	return core.Settings{
		APIKey:                       "k",
		Version:                      "6.13",
		Major:                        6,
		Minor:                        13,
		Family:                       core.FamilyBraze,
		SDKURL:                       "https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js",
		InitOptions:                  core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}},
		AutomaticallyDisplayMessages: true,
		AppboyCompat:                 true,
		ReadyTimeoutMs:               5000,
	}
}

func parseSettingsOK(t *testing.T, raw map[string]any) (*core.Settings, []core.Warning) {
	t.Helper()
	s, ws, err := core.ParseSettings(raw)
	require.NoError(t, err)
	require.NotNil(t, s)
	return s, ws
}

// The twelve classic keys of reference §1.4 with their defaults, for the
// SDK 2 and 3 objects.
func classicTwelve() core.Options {
	return core.Options{
		{Key: "safariWebsitePushId", Value: ""},
		{Key: "enableHtmlInAppMessages", Value: false},
		{Key: "allowCrawlerActivity", Value: false},
		{Key: "doNotLoadFontAwesome", Value: false},
		{Key: "enableLogging", Value: false},
		{Key: "localization", Value: "en"},
		{Key: "minimumIntervalBetweenTriggerActionsInSeconds", Value: 30.0},
		{Key: "openInAppMessagesInNewTab", Value: false},
		{Key: "openNewsFeedCardsInNewTab", Value: false},
		{Key: "requireExplicitInAppMessageDismissal", Value: false},
		{Key: "serviceWorkerLocation", Value: core.Undefined{}},
		{Key: "sessionTimeoutInSeconds", Value: 30.0},
	}
}

// withOption returns opts with key set to value (same position).
func withOption(opts core.Options, key string, value any) core.Options {
	out := append(core.Options(nil), opts...)
	for i := range out {
		if out[i].Key == key {
			out[i].Value = value
			return out
		}
	}
	return append(out, core.Option{Key: key, Value: value})
}

// testdataSettingsFields has one row per row of the contract.md §2
// table (and each alias): the whole Settings is compared.
var testdataSettingsFields = []struct {
	name  string
	raw   map[string]any
	want  func(s *core.Settings)
	warns []core.Warning
}{
	{name: "defaults", raw: settingsRaw(), want: func(*core.Settings) {}},
	{name: "apiKey trimmed", raw: map[string]any{"apiKey": "  k\n"}, want: func(*core.Settings) {}},
	{name: "api_key", raw: map[string]any{"api_key": "k"}, want: func(*core.Settings) {}},
	{
		name: "sdkVersion", raw: settingsRaw("sdkVersion", "5.8"),
		want: func(s *core.Settings) {
			s.Version, s.Major, s.Minor = "5.8", 5, 8
			s.SDKURL = "https://js.appboycdn.com/web-sdk/5.8/braze.no-module.min.js"
		},
	},
	{
		name: "sdkUrl and sdkIntegrity", raw: settingsRaw("sdkUrl", "/vendor/braze.js", "sdkIntegrity", "sha384-abc"),
		want: func(s *core.Settings) { s.SDKURL, s.SDKIntegrity = "/vendor/braze.js", "sha384-abc" },
	},
	{
		name: "endpoint", raw: settingsRaw("endpoint", "sdk.fra-02.braze.eu"),
		want: func(s *core.Settings) { s.InitOptions = core.Options{{Key: "baseUrl", Value: "sdk.fra-02.braze.eu"}} },
	},
	{
		name: "automaticallyDisplayMessages off", raw: settingsRaw("automaticallyDisplayMessages", false),
		want: func(s *core.Settings) { s.AutomaticallyDisplayMessages = false },
	},
	{
		name: "trackAllPages", raw: settingsRaw("trackAllPages", true),
		want: func(s *core.Settings) { s.TrackAllPages = true },
	},
	{
		name: "trackNamedPages", raw: settingsRaw("trackNamedPages", true),
		want: func(s *core.Settings) { s.TrackNamedPages = true },
	},
	{
		name: "logPurchaseWhenRevenuePresent", raw: settingsRaw("logPurchaseWhenRevenuePresent", true),
		want: func(s *core.Settings) { s.LogPurchaseWhenRevenuePresent = true },
	},
	{
		name: "onlyTrackKnownUsersOnWeb", raw: settingsRaw("onlyTrackKnownUsersOnWeb", true),
		want: func(s *core.Settings) { s.OnlyKnownUsers = true },
	},
	{
		name: "deferUntilIdentified", raw: settingsRaw("deferUntilIdentified", true),
		want: func(s *core.Settings) { s.OnlyKnownUsers = true },
	},
	{
		name: "anonymousEvents buffer", raw: settingsRaw("onlyTrackKnownUsersOnWeb", true, "anonymousEvents", "buffer"),
		want: func(s *core.Settings) { s.OnlyKnownUsers, s.BufferAnonymous = true, true },
	},
	{
		name: "anonymousEvents drop", raw: settingsRaw("onlyTrackKnownUsersOnWeb", true, "anonymousEvents", "drop"),
		want: func(s *core.Settings) { s.OnlyKnownUsers = true },
	},
	{
		name: "anonymousEvents buffer without only-known-users", raw: settingsRaw("anonymousEvents", "buffer"),
		want:  func(s *core.Settings) { s.BufferAnonymous = true },
		warns: []core.Warning{settingsWarn("anonymousEvents", core.CodeInvalidSetting, "has no effect without onlyTrackKnownUsersOnWeb")},
	},
	{
		name: "anonymousEvents unknown", raw: settingsRaw("anonymousEvents", "keep"),
		want:  func(*core.Settings) {},
		warns: []core.Warning{settingsWarn("anonymousEvents", core.CodeInvalidSetting, `expected drop or buffer but got: "keep"; drop is used`)},
	},
	{
		name: "debounceIdentify", raw: settingsRaw("debounceIdentify", true),
		want: func(s *core.Settings) { s.DebounceIdentify = true },
	},
	{
		name: "sendOnlyChangedTraits", raw: settingsRaw("sendOnlyChangedTraits", true),
		want: func(s *core.Settings) { s.SendOnlyChangedTraits = true },
	},
	{
		name: "appboyCompat off", raw: settingsRaw("appboyCompat", false),
		want: func(s *core.Settings) { s.AppboyCompat = false },
	},
	{
		name: "readyTimeoutMs", raw: settingsRaw("readyTimeoutMs", 2500.0),
		want: func(s *core.Settings) { s.ReadyTimeoutMs = 2500 },
	},
	{
		name: "assetsUrl", raw: settingsRaw("assetsUrl", " https://cdn.example.com/braze-wasm/ "),
		want: func(s *core.Settings) { s.AssetsURL = "https://cdn.example.com/braze-wasm/" },
	},
	{
		name: "consentCategories", raw: settingsRaw("consentCategories", []any{" C0004 ", "Advertising"}),
		want: func(s *core.Settings) { s.ConsentCategories = []string{"C0004", "Advertising"} },
	},
	{
		name: "consentCategories empty: no category to wait for", raw: settingsRaw("consentCategories", []any{}),
		want: func(*core.Settings) {},
	},
	{
		name: "consentCategories with an entry that is not a name", raw: settingsRaw("consentCategories", []any{"C0004", 4.0}),
		want:  func(s *core.Settings) { s.ConsentCategories = []string{"C0004"} },
		warns: []core.Warning{settingsWarn("consentCategories[1]", core.CodeInvalidSetting, "expected a string but got: number (4); dropped")},
	},
	{
		name: "null means unset", raw: settingsRaw("trackAllPages", nil, "version", nil, "appboyCompat", nil, "consentCategories", nil),
		want: func(*core.Settings) {},
	},
	{
		name: "injected Actions keys ignored without warning",
		raw:  settingsRaw("subscriptions", `[{"partnerAction":"trackEvent"}]`, "versionSettings", map[string]any{"componentTypes": []any{}}),
		want: func(*core.Settings) {},
	},
	{
		name: "Go ints accepted", raw: settingsRaw("version", 3, "readyTimeoutMs", 1000),
		want: func(s *core.Settings) {
			s.Version, s.Major, s.Minor, s.Family = "3.5", 3, 5, core.FamilyAppboy
			s.SDKURL = "https://js.appboycdn.com/web-sdk/3.5/appboy.no-amd.min.js"
			s.InitOptions = append(classicTwelve(), core.Option{Key: "baseUrl", Value: "https://sdk.iad-01.braze.com/api/v3"})
			s.ReadyTimeoutMs = 1000
		},
	},
}

func TestParseSettings_Fields(t *testing.T) {
	for _, tc := range testdataSettingsFields {
		t.Run(tc.name, func(t *testing.T) {
			s, ws := parseSettingsOK(t, tc.raw)
			want := settingsDefault()
			tc.want(&want)
			assert.Equal(t, &want, s)
			assert.Equal(t, tc.warns, ws)
		})
	}
}

// testdataSettingsAliases: both naming schemes, and what happens when
// both names of a setting are given.
var testdataSettingsAliases = []struct {
	name  string
	raw   map[string]any
	get   func(*core.Settings) any
	want  any
	warns []core.Warning
}{
	{
		name: "apiKey wins over api_key", raw: map[string]any{"apiKey": "a", "api_key": "b"},
		get: func(s *core.Settings) any { return s.APIKey }, want: "a",
		warns: []core.Warning{settingsWarn("api_key", core.CodeInvalidSetting, "ignored: apiKey is also set and takes precedence")},
	},
	{
		name: "blank apiKey gives way to api_key", raw: map[string]any{"apiKey": "", "api_key": "b"},
		get: func(s *core.Settings) any { return s.APIKey }, want: "b",
	},
	{
		name: "same value under both names", raw: map[string]any{"apiKey": "a", "api_key": "a"},
		get: func(s *core.Settings) any { return s.APIKey }, want: "a",
	},
	{
		name: "version wins over sdkVersion", raw: settingsRaw("version", "5.4", "sdkVersion", "6.10"),
		get: func(s *core.Settings) any { return s.Version }, want: "5.4",
		warns: []core.Warning{settingsWarn("sdkVersion", core.CodeInvalidSetting, "ignored: version is also set and takes precedence")},
	},
	{
		name: "blank version gives way to sdkVersion", raw: settingsRaw("version", "", "sdkVersion", "6.10"),
		get: func(s *core.Settings) any { return s.Version }, want: "6.10",
	},
	{
		name: "onlyTrackKnownUsersOnWeb wins", raw: settingsRaw("onlyTrackKnownUsersOnWeb", false, "deferUntilIdentified", true),
		get: func(s *core.Settings) any { return s.OnlyKnownUsers }, want: false,
		warns: []core.Warning{settingsWarn("deferUntilIdentified", core.CodeInvalidSetting, "ignored: onlyTrackKnownUsersOnWeb is also set and takes precedence")},
	},
	{
		name: "allowUserSuppliedJavascript wins over enableHtmlInAppMessages",
		raw:  settingsRaw("allowUserSuppliedJavascript", false, "enableHtmlInAppMessages", true),
		get:  func(s *core.Settings) any { return s.InitOptions },
		want: core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}, {Key: "allowUserSuppliedJavascript", Value: false}},
		warns: []core.Warning{settingsWarn("enableHtmlInAppMessages", core.CodeInvalidSetting,
			"ignored: allowUserSuppliedJavascript is also set and takes precedence")},
	},
	{
		name: "openCardsInNewTab wins over openNewsFeedCardsInNewTab",
		raw:  settingsRaw("version", "3.5", "openCardsInNewTab", true, "openNewsFeedCardsInNewTab", false),
		get:  func(s *core.Settings) any { v, _ := s.InitOptions.Get("openNewsFeedCardsInNewTab"); return v },
		want: true,
		warns: []core.Warning{settingsWarn("openNewsFeedCardsInNewTab", core.CodeInvalidSetting,
			"ignored: openCardsInNewTab is also set and takes precedence")},
	},
}

func TestParseSettings_Aliases(t *testing.T) {
	for _, tc := range testdataSettingsAliases {
		t.Run(tc.name, func(t *testing.T) {
			s, ws := parseSettingsOK(t, tc.raw)
			assert.Equal(t, tc.want, tc.get(s))
			assert.Equal(t, tc.warns, ws)
		})
	}
}

// testdataSettingsEndpoints: reference §1.3 row by row, with the §7
// fixes (SDK 2 honours us02/us03, SDK 3 always has a baseUrl, no double
// slash), then the Actions endpoint and the precedence rules. An empty
// want means no baseUrl key.
var testdataSettingsEndpoints = []struct {
	name  string
	raw   map[string]any
	want  string
	warns []core.Warning
}{
	// V1.
	{name: "v1 custom", raw: settingsRaw("version", 1.0, "customEndpoint", "sdk.example.com"), want: "https://sdk.example.com/api/v3"},
	{name: "v1 custom beats datacenter", raw: settingsRaw("version", 1.0, "customEndpoint", "sdk.example.com", "datacenter", "eu"), want: "https://sdk.example.com/api/v3"},
	{name: "v1 custom http kept", raw: settingsRaw("version", 1.0, "customEndpoint", "http://sdk.example.com"), want: "http://sdk.example.com/api/v3"},
	{name: "v1 custom scheme any case", raw: settingsRaw("version", 1.0, "customEndpoint", "HTTPS://sdk.example.com"), want: "HTTPS://sdk.example.com/api/v3"},
	{name: "v1 custom trailing slash", raw: settingsRaw("version", 1.0, "customEndpoint", "https://sdk.example.com/"), want: "https://sdk.example.com/api/v3"},
	{name: "v1 custom with /api/v3", raw: settingsRaw("version", 1.0, "customEndpoint", "https://sdk.example.com/api/v3/"), want: "https://sdk.example.com/api/v3"},
	{name: "v1 custom blank ignored", raw: settingsRaw("version", 1.0, "customEndpoint", "", "datacenter", "eu"), want: "https://sdk.fra-01.braze.eu/api/v3"},
	{name: "v1 no datacenter", raw: settingsRaw("version", 1.0), want: "https://sdk.iad-01.braze.com/api/v3"},
	{name: "v1 us", raw: settingsRaw("version", 1.0, "datacenter", "us"), want: "https://sdk.iad-01.braze.com/api/v3"},
	{
		name: "v1 unknown datacenter", raw: settingsRaw("version", 1.0, "datacenter", "ap"), want: "https://sdk.iad-01.braze.com/api/v3",
		warns: []core.Warning{settingsWarn("datacenter", core.CodeInvalidSetting, `expected us, us02, us03 or eu but got: "ap"; the default US-01 is used`)},
	},
	{name: "v1 us02", raw: settingsRaw("version", 1.0, "datacenter", "us02"), want: "https://sdk.iad-02.braze.com/api/v3"},
	{name: "v1 us03", raw: settingsRaw("version", 1.0, "datacenter", "us03"), want: "https://sdk.iad-03.braze.com/api/v3"},
	{name: "v1 eu", raw: settingsRaw("version", 1.0, "datacenter", "eu"), want: "https://sdk.fra-01.braze.eu/api/v3"},
	{name: "v1 EU any case", raw: settingsRaw("version", 1.0, "datacenter", " EU "), want: "https://sdk.fra-01.braze.eu/api/v3"},
	// V2.
	{name: "v2 custom", raw: settingsRaw("version", 2.0, "customEndpoint", "sdk.example.com", "datacenter", "eu"), want: "https://sdk.example.com/api/v3"},
	{name: "v2 eu", raw: settingsRaw("version", 2.0, "datacenter", "eu"), want: "https://sdk.fra-01.braze.eu/api/v3"},
	{name: "v2 us02 honoured", raw: settingsRaw("version", 2.0, "datacenter", "us02"), want: "https://sdk.iad-02.braze.com/api/v3"},
	{name: "v2 us03 honoured", raw: settingsRaw("version", 2.0, "datacenter", "us03"), want: "https://sdk.iad-03.braze.com/api/v3"},
	{name: "v2 us: key omitted", raw: settingsRaw("version", 2.0, "datacenter", "us"), want: ""},
	{name: "v2 none: key omitted", raw: settingsRaw("version", 2.0), want: ""},
	{
		name: "v2 unknown: key omitted", raw: settingsRaw("version", 2.0, "datacenter", "mars"), want: "",
		warns: []core.Warning{settingsWarn("datacenter", core.CodeInvalidSetting, `expected us, us02, us03 or eu but got: "mars"; the default US-01 is used`)},
	},
	{name: "v2.7 eu", raw: settingsRaw("version", 2.7, "datacenter", "eu"), want: "https://sdk.fra-01.braze.eu/api/v3"},
	{name: "v2.7 us02 honoured", raw: settingsRaw("version", 2.7, "datacenter", "us02"), want: "https://sdk.iad-02.braze.com/api/v3"},
	{name: "v2 endpoint", raw: settingsRaw("version", 2.0, "endpoint", "sdk.iad-05.braze.com"), want: "https://sdk.iad-05.braze.com/api/v3"},
	// V3: always a baseUrl.
	{name: "v3 custom", raw: settingsRaw("version", 3.1, "customEndpoint", "sdk.example.com/", "datacenter", "eu"), want: "https://sdk.example.com/api/v3"},
	{name: "v3 eu", raw: settingsRaw("version", 3.1, "datacenter", "eu"), want: "https://sdk.fra-01.braze.eu/api/v3"},
	{name: "v3 us02 honoured", raw: settingsRaw("version", 3.1, "datacenter", "us02"), want: "https://sdk.iad-02.braze.com/api/v3"},
	{name: "v3 us03 honoured", raw: settingsRaw("version", 3.1, "datacenter", "us03"), want: "https://sdk.iad-03.braze.com/api/v3"},
	{name: "v3 us", raw: settingsRaw("version", 3.1, "datacenter", "us"), want: "https://sdk.iad-01.braze.com/api/v3"},
	{name: "v3 none", raw: settingsRaw("version", 3.1), want: "https://sdk.iad-01.braze.com/api/v3"},
	{name: "v3 endpoint", raw: settingsRaw("sdkVersion", "3.5", "endpoint", "sdk.fra-02.braze.eu"), want: "https://sdk.fra-02.braze.eu/api/v3"},
	// V4+.
	{name: "v6 none", raw: settingsRaw(), want: "sdk.iad-01.braze.com"},
	{name: "v6 endpoint bare host", raw: settingsRaw("endpoint", " sdk.au-01.braze.com "), want: "sdk.au-01.braze.com"},
	{name: "v6 custom", raw: settingsRaw("customEndpoint", "sdk.example.com"), want: "https://sdk.example.com/api/v3"},
	{name: "v6 datacenter eu", raw: settingsRaw("datacenter", "eu"), want: "https://sdk.fra-01.braze.eu/api/v3"},
	{name: "v6 datacenter us", raw: settingsRaw("datacenter", "us"), want: "https://sdk.iad-01.braze.com/api/v3"},
	{name: "v4 datacenter us03", raw: settingsRaw("version", 4.0, "datacenter", "us03"), want: "https://sdk.iad-03.braze.com/api/v3"},
	// baseUrl, as given, on every family.
	{name: "v1 baseUrl", raw: settingsRaw("version", 1.0, "baseUrl", "sdk.example.com"), want: "sdk.example.com"},
	{name: "v2 baseUrl", raw: settingsRaw("version", 2.0, "baseUrl", " https://sdk.example.com/api/v3 "), want: "https://sdk.example.com/api/v3"},
	{name: "v3 baseUrl", raw: settingsRaw("version", 3.0, "baseUrl", "sdk.example.com"), want: "sdk.example.com"},
	{name: "v6 baseUrl", raw: settingsRaw("baseUrl", "https://sdk.example.com/"), want: "https://sdk.example.com/"},
	// Precedence: baseUrl > customEndpoint > endpoint > datacenter.
	{
		name: "baseUrl first",
		raw:  settingsRaw("baseUrl", "b.example.com", "customEndpoint", "c.example.com", "endpoint", "e.example.com", "datacenter", "eu"),
		want: "b.example.com",
	},
	{
		name: "customEndpoint second",
		raw:  settingsRaw("customEndpoint", "c.example.com", "endpoint", "e.example.com", "datacenter", "eu"),
		want: "https://c.example.com/api/v3",
	},
	{name: "endpoint third", raw: settingsRaw("endpoint", "e.example.com", "datacenter", "eu"), want: "e.example.com"},
	{
		name: "invalid customEndpoint falls through", raw: settingsRaw("customEndpoint", "https://", "datacenter", "eu"),
		want:  "https://sdk.fra-01.braze.eu/api/v3",
		warns: []core.Warning{settingsWarn("customEndpoint", core.CodeInvalidSetting, `expected a host or URL but got: "https://"; ignored`)},
	},
}

func TestParseSettings_Endpoints(t *testing.T) {
	for _, tc := range testdataSettingsEndpoints {
		t.Run(tc.name, func(t *testing.T) {
			s, ws := parseSettingsOK(t, tc.raw)
			got, ok := s.InitOptions.Get("baseUrl")
			if tc.want == "" {
				assert.False(t, ok, "baseUrl = %v, want none", got)
			} else {
				assert.Equal(t, tc.want, got)
			}
			assert.Equal(t, tc.warns, ws)
		})
	}
}

// testdataSettingsInitOptions compares the whole initialize object per
// family: classic objects key for key, SDK 4+ only what was set.
var testdataSettingsInitOptions = []struct {
	name  string
	raw   map[string]any
	want  core.Options
	warns []core.Warning
}{
	{
		name: "v1 default",
		raw:  settingsRaw("version", 1.0),
		want: core.Options{{Key: "baseUrl", Value: "https://sdk.iad-01.braze.com/api/v3"}},
	},
	{
		name: "v1 classic settings as the Segment app sends them",
		raw: settingsRaw("version", "1", "datacenter", "us", "customEndpoint", "", "safariWebsitePushId", "",
			"enableHtmlInAppMessages", false, "allowCrawlerActivity", false, "doNotLoadFontAwesome", false,
			"enableLogging", false, "localization", "en", "minimumIntervalBetweenTriggerActionsInSeconds", 30.0,
			"openInAppMessagesInNewTab", false, "openNewsFeedCardsInNewTab", false,
			"requireExplicitInAppMessageDismissal", false, "sessionTimeoutInSeconds", 30.0),
		want: core.Options{{Key: "baseUrl", Value: "https://sdk.iad-01.braze.com/api/v3"}},
	},
	{
		name: "v1 push id and html",
		raw:  settingsRaw("version", 1.6, "safariWebsitePushId", "web.com.example", "enableHtmlInAppMessages", true),
		want: core.Options{
			{Key: "baseUrl", Value: "https://sdk.iad-01.braze.com/api/v3"},
			{Key: "safariWebsitePushId", Value: "web.com.example"},
			{Key: "enableHtmlInAppMessages", Value: true},
		},
	},
	{
		name: "v1 html under its Braze name",
		raw:  settingsRaw("version", 1.0, "allowUserSuppliedJavascript", true),
		want: core.Options{
			{Key: "baseUrl", Value: "https://sdk.iad-01.braze.com/api/v3"},
			{Key: "enableHtmlInAppMessages", Value: true},
		},
	},
	{
		name: "v1 ignores other options, saying so when they would matter",
		raw:  settingsRaw("version", 1.0, "enableLogging", true, "noCookies", true, "sessionTimeoutInSeconds", 30.0, "localization", "de"),
		want: core.Options{{Key: "baseUrl", Value: "https://sdk.iad-01.braze.com/api/v3"}},
		warns: []core.Warning{
			settingsWarn("enableLogging", core.CodeInvalidSetting, "not passed to SDK 1, which takes only baseUrl, safariWebsitePushId and enableHtmlInAppMessages"),
			settingsWarn("localization", core.CodeInvalidSetting, "not passed to SDK 1, which takes only baseUrl, safariWebsitePushId and enableHtmlInAppMessages"),
			settingsWarn("noCookies", core.CodeInvalidSetting, "not passed to SDK 1, which takes only baseUrl, safariWebsitePushId and enableHtmlInAppMessages"),
		},
	},
	{
		name: "v2 default: the twelve keys, no baseUrl",
		raw:  settingsRaw("version", 2.0),
		want: classicTwelve(),
	},
	{
		name: "v2 everything set",
		raw: settingsRaw("version", 2.0, "datacenter", "eu", "safariWebsitePushId", "web.com.example",
			"enableHtmlInAppMessages", true, "allowCrawlerActivity", true, "doNotLoadFontAwesome", true,
			"enableLogging", true, "localization", "fr", "minimumIntervalBetweenTriggerActionsInSeconds", 5.0,
			"openInAppMessagesInNewTab", true, "openNewsFeedCardsInNewTab", true,
			"requireExplicitInAppMessageDismissal", true, "serviceWorkerLocation", "/sw.js", "sessionTimeoutInSeconds", 1800.0),
		want: core.Options{
			{Key: "safariWebsitePushId", Value: "web.com.example"},
			{Key: "enableHtmlInAppMessages", Value: true},
			{Key: "allowCrawlerActivity", Value: true},
			{Key: "doNotLoadFontAwesome", Value: true},
			{Key: "enableLogging", Value: true},
			{Key: "localization", Value: "fr"},
			{Key: "minimumIntervalBetweenTriggerActionsInSeconds", Value: 5.0},
			{Key: "openInAppMessagesInNewTab", Value: true},
			{Key: "openNewsFeedCardsInNewTab", Value: true},
			{Key: "requireExplicitInAppMessageDismissal", Value: true},
			{Key: "serviceWorkerLocation", Value: "/sw.js"},
			{Key: "sessionTimeoutInSeconds", Value: 1800.0},
			{Key: "baseUrl", Value: "https://sdk.fra-01.braze.eu/api/v3"},
		},
	},
	{
		name: "v2 trigger interval 0 stays 0",
		raw:  settingsRaw("version", 2.0, "minimumIntervalBetweenTriggerActionsInSeconds", 0.0),
		want: withOption(classicTwelve(), "minimumIntervalBetweenTriggerActionsInSeconds", 0.0),
	},
	{
		name: "v2 trigger interval blank is 30",
		raw:  settingsRaw("version", 2.0, "minimumIntervalBetweenTriggerActionsInSeconds", ""),
		want: classicTwelve(),
		warns: []core.Warning{settingsWarn("minimumIntervalBetweenTriggerActionsInSeconds", core.CodeInvalidSetting,
			`expected a number but got: string (""); the default is used`)},
	},
	{
		name: "v2 trigger interval negative is 30",
		raw:  settingsRaw("version", 2.0, "minimumIntervalBetweenTriggerActionsInSeconds", -1.0),
		want: classicTwelve(),
		warns: []core.Warning{settingsWarn("minimumIntervalBetweenTriggerActionsInSeconds", core.CodeInvalidSetting,
			"expected 0 or more but got: -1; the default is used")},
	},
	{
		name: "v2 session timeout 0 is 30",
		raw:  settingsRaw("version", 2.0, "sessionTimeoutInSeconds", 0.0),
		want: classicTwelve(),
		warns: []core.Warning{settingsWarn("sessionTimeoutInSeconds", core.CodeInvalidSetting,
			"expected more than 0 but got: 0; the default is used")},
	},
	{
		name: "v2 session timeout non-numeric is 30",
		raw:  settingsRaw("version", 2.0, "sessionTimeoutInSeconds", "abc"),
		want: classicTwelve(),
		warns: []core.Warning{settingsWarn("sessionTimeoutInSeconds", core.CodeInvalidSetting,
			`expected a number but got: string ("abc"); the default is used`)},
	},
	{
		name: "v2 blank service worker kept as given",
		raw:  settingsRaw("version", 2.0, "serviceWorkerLocation", ""),
		want: withOption(classicTwelve(), "serviceWorkerLocation", ""),
	},
	{
		name: "v3 default: twelve keys plus baseUrl",
		raw:  settingsRaw("version", "3.1"),
		want: append(classicTwelve(), core.Option{Key: "baseUrl", Value: "https://sdk.iad-01.braze.com/api/v3"}),
	},
	{
		name: "v3 with Actions options after the classic object",
		raw: settingsRaw("sdkVersion", "3.1", "enableSdkAuthentication", true, "devicePropertyAllowlist", []any{"os", "browser"},
			"allowUserSuppliedJavascript", true, "noCookies", false),
		want: append(withOption(classicTwelve(), "enableHtmlInAppMessages", true),
			core.Option{Key: "baseUrl", Value: "https://sdk.iad-01.braze.com/api/v3"},
			core.Option{Key: "devicePropertyAllowlist", Value: []any{"os", "browser"}},
			core.Option{Key: "enableSdkAuthentication", Value: true},
			core.Option{Key: "noCookies", Value: false},
		),
		warns: []core.Warning{settingsWarn("enableSdkAuthentication", core.CodeInvalidSetting, "not supported before SDK 3.3 (in use: 3.1); passed anyway")},
	},
	{
		name: "v6 default: baseUrl only",
		raw:  settingsRaw(),
		want: core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}},
	},
	{
		name: "v6 every option, Braze order",
		raw: settingsRaw("sessionTimeoutInSeconds", 1800.0, "serviceWorkerLocation", "/sw.js", "safariWebsitePushId", "web.x",
			"requireExplicitInAppMessageDismissal", true, "openInAppMessagesInNewTab", true, "openCardsInNewTab", true,
			"noCookies", true, "minimumIntervalBetweenTriggerActionsInSeconds", 0.0, "manageServiceWorkerExternally", true,
			"localization", "de", "inAppMessageZIndex", 1000.0, "enableSdkAuthentication", true, "enableLogging", true,
			"doNotLoadFontAwesome", true, "disablePushTokenMaintenance", true, "devicePropertyAllowlist", []any{"os"},
			"contentSecurityNonce", "n0nce", "appVersion", "1.2.3", "allowUserSuppliedJavascript", true,
			"allowCrawlerActivity", true, "endpoint", "sdk.fra-02.braze.eu"),
		want: core.Options{
			{Key: "baseUrl", Value: "sdk.fra-02.braze.eu"},
			{Key: "allowCrawlerActivity", Value: true},
			{Key: "allowUserSuppliedJavascript", Value: true},
			{Key: "appVersion", Value: "1.2.3"},
			{Key: "contentSecurityNonce", Value: "n0nce"},
			{Key: "devicePropertyAllowlist", Value: []any{"os"}},
			{Key: "disablePushTokenMaintenance", Value: true},
			{Key: "doNotLoadFontAwesome", Value: true},
			{Key: "enableLogging", Value: true},
			{Key: "enableSdkAuthentication", Value: true},
			{Key: "inAppMessageZIndex", Value: 1000.0},
			{Key: "localization", Value: "de"},
			{Key: "manageServiceWorkerExternally", Value: true},
			{Key: "minimumIntervalBetweenTriggerActionsInSeconds", Value: 0.0},
			{Key: "noCookies", Value: true},
			{Key: "openCardsInNewTab", Value: true},
			{Key: "openInAppMessagesInNewTab", Value: true},
			{Key: "requireExplicitInAppMessageDismissal", Value: true},
			{Key: "safariWebsitePushId", Value: "web.x"},
			{Key: "serviceWorkerLocation", Value: "/sw.js"},
			{Key: "sessionTimeoutInSeconds", Value: 1800.0},
		},
	},
	{
		name: "v6 false values are set values",
		raw:  settingsRaw("enableLogging", false, "noCookies", false),
		want: core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}, {Key: "enableLogging", Value: false}, {Key: "noCookies", Value: false}},
	},
	{
		name: "v6 blank strings are unset",
		raw:  settingsRaw("safariWebsitePushId", "", "contentSecurityNonce", " ", "serviceWorkerLocation", ""),
		want: core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}},
	},
	{
		name: "v6 classic names renamed",
		raw:  settingsRaw("enableHtmlInAppMessages", true, "openNewsFeedCardsInNewTab", true),
		want: core.Options{
			{Key: "baseUrl", Value: "sdk.iad-01.braze.com"},
			{Key: "allowUserSuppliedJavascript", Value: true},
			{Key: "openCardsInNewTab", Value: true},
		},
	},
	{
		name: "v3 Braze names renamed back",
		raw:  settingsRaw("version", "3.5", "allowUserSuppliedJavascript", true, "openCardsInNewTab", true),
		want: append(withOption(withOption(classicTwelve(), "enableHtmlInAppMessages", true), "openNewsFeedCardsInNewTab", true),
			core.Option{Key: "baseUrl", Value: "https://sdk.iad-01.braze.com/api/v3"}),
	},
	{
		name:  "v6 device allowlist: blanks removed",
		raw:   settingsRaw("devicePropertyAllowlist", []any{"", "os", " "}),
		want:  core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}, {Key: "devicePropertyAllowlist", Value: []any{"os"}}},
		warns: []core.Warning{settingsWarn("devicePropertyAllowlist", core.CodeInvalidSetting, "2 blank entries dropped")},
	},
	{
		name:  "v6 device allowlist: only blanks, not passed",
		raw:   settingsRaw("devicePropertyAllowlist", []any{""}),
		want:  core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}},
		warns: []core.Warning{settingsWarn("devicePropertyAllowlist", core.CodeInvalidSetting, "1 blank entries dropped")},
	},
	{
		name: "v6 device allowlist: empty, not passed",
		raw:  settingsRaw("devicePropertyAllowlist", []any{}),
		want: core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}},
	},
	{
		name:  "v6 device allowlist: non-strings dropped",
		raw:   settingsRaw("devicePropertyAllowlist", []any{"os", 3.0}),
		want:  core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}, {Key: "devicePropertyAllowlist", Value: []any{"os"}}},
		warns: []core.Warning{settingsWarn("devicePropertyAllowlist[1]", core.CodeInvalidSetting, "expected a string but got: number (3); dropped")},
	},
	{
		name: "v6 device allowlist: not an array",
		raw:  settingsRaw("devicePropertyAllowlist", "os"),
		want: core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}},
		warns: []core.Warning{settingsWarn("devicePropertyAllowlist", core.CodeInvalidSetting,
			`expected an array of strings but got: string ("os"); the default is used`)},
	},
	{
		name: "v6 invalid session timeout: Braze default",
		raw:  settingsRaw("sessionTimeoutInSeconds", -5.0),
		want: core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}},
		warns: []core.Warning{settingsWarn("sessionTimeoutInSeconds", core.CodeInvalidSetting,
			"expected more than 0 but got: -5; the default is used")},
	},
}

func TestParseSettings_InitOptions(t *testing.T) {
	for _, tc := range testdataSettingsInitOptions {
		t.Run(tc.name, func(t *testing.T) {
			s, ws := parseSettingsOK(t, tc.raw)
			assert.Equal(t, tc.want, s.InitOptions)
			assert.Equal(t, tc.warns, ws)
		})
	}
}

// testdataSettingsVersions: every accepted version form, with the release
// it loads, its family and its CDN URL.
var testdataSettingsVersions = []struct {
	in      any
	version string
	major   int
	minor   int
	family  core.Family
	url     string
	warns   []core.Warning
}{
	{in: 1.0, version: "1.6", major: 1, minor: 6, family: core.FamilyAppboyAB, url: "https://js.appboycdn.com/web-sdk/1.6/appboy.min.js"},
	{in: "1", version: "1.6", major: 1, minor: 6, family: core.FamilyAppboyAB, url: "https://js.appboycdn.com/web-sdk/1.6/appboy.min.js"},
	{in: 1.6, version: "1.6", major: 1, minor: 6, family: core.FamilyAppboyAB, url: "https://js.appboycdn.com/web-sdk/1.6/appboy.min.js"},
	{in: "1.6", version: "1.6", major: 1, minor: 6, family: core.FamilyAppboyAB, url: "https://js.appboycdn.com/web-sdk/1.6/appboy.min.js"},
	{in: 2.0, version: "2.4", major: 2, minor: 4, family: core.FamilyAppboyAB, url: "https://js.appboycdn.com/web-sdk/2.4/appboy.min.js"},
	{in: "2", version: "2.4", major: 2, minor: 4, family: core.FamilyAppboyAB, url: "https://js.appboycdn.com/web-sdk/2.4/appboy.min.js"},
	{in: 2.4, version: "2.4", major: 2, minor: 4, family: core.FamilyAppboyAB, url: "https://js.appboycdn.com/web-sdk/2.4/appboy.min.js"},
	{in: 2.7, version: "2.7", major: 2, minor: 7, family: core.FamilyAppboyAB, url: "https://js.appboycdn.com/web-sdk/2.7/appboy.min.js"},
	{in: "2.7", version: "2.7", major: 2, minor: 7, family: core.FamilyAppboyAB, url: "https://js.appboycdn.com/web-sdk/2.7/appboy.min.js"},
	{in: 3.0, version: "3.5", major: 3, minor: 5, family: core.FamilyAppboy, url: "https://js.appboycdn.com/web-sdk/3.5/appboy.no-amd.min.js"},
	{in: "3", version: "3.5", major: 3, minor: 5, family: core.FamilyAppboy, url: "https://js.appboycdn.com/web-sdk/3.5/appboy.no-amd.min.js"},
	{in: "3.0", version: "3.0", major: 3, minor: 0, family: core.FamilyAppboy, url: "https://js.appboycdn.com/web-sdk/3.0/appboy.no-amd.min.js"},
	{in: 3.1, version: "3.1", major: 3, minor: 1, family: core.FamilyAppboy, url: "https://js.appboycdn.com/web-sdk/3.1/appboy.no-amd.min.js"},
	{in: "3.3", version: "3.3", major: 3, minor: 3, family: core.FamilyAppboy, url: "https://js.appboycdn.com/web-sdk/3.3/appboy.no-amd.min.js"},
	{in: "3.5", version: "3.5", major: 3, minor: 5, family: core.FamilyAppboy, url: "https://js.appboycdn.com/web-sdk/3.5/appboy.no-amd.min.js"},
	{
		in: "3.9", version: "3.9", major: 3, minor: 9, family: core.FamilyAppboy, url: "https://js.appboycdn.com/web-sdk/3.9/appboy.no-amd.min.js",
		warns: []core.Warning{settingsWarn("version", core.CodeInvalidSetting, "3.9 is newer than the newest 3.x this build knows (3.5): its CDN path may not exist")},
	},
	{in: 4.0, version: "4.10", major: 4, minor: 10, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/4.10/braze.no-module.min.js"},
	{in: "4.1", version: "4.1", major: 4, minor: 1, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/4.1/braze.no-module.min.js"},
	{in: 4.1, version: "4.1", major: 4, minor: 1, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/4.1/braze.no-module.min.js"},
	{in: "4.10", version: "4.10", major: 4, minor: 10, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/4.10/braze.no-module.min.js"},
	{in: 5.0, version: "5.9", major: 5, minor: 9, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/5.9/braze.no-module.min.js"},
	{in: "5.4", version: "5.4", major: 5, minor: 4, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/5.4/braze.no-module.min.js"},
	{in: 6.0, version: "6.13", major: 6, minor: 13, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js"},
	{in: "6", version: "6.13", major: 6, minor: 13, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js"},
	{in: "6.10", version: "6.10", major: 6, minor: 10, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/6.10/braze.no-module.min.js"},
	{in: " 6.10 ", version: "6.10", major: 6, minor: 10, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/6.10/braze.no-module.min.js"},
	{in: 6.1, version: "6.1", major: 6, minor: 1, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/6.1/braze.no-module.min.js"},
	{in: "6.13", version: "6.13", major: 6, minor: 13, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js"},
	{
		in: "6.14", version: "6.14", major: 6, minor: 14, family: core.FamilyBraze, url: "https://js.appboycdn.com/web-sdk/6.14/braze.no-module.min.js",
		warns: []core.Warning{settingsWarn("version", core.CodeInvalidSetting, "6.14 is newer than the newest 6.x this build knows (6.13): its CDN path may not exist")},
	},
}

func TestParseSettings_Versions(t *testing.T) {
	for _, tc := range testdataSettingsVersions {
		name, _ := json.Marshal(tc.in)
		t.Run(string(name), func(t *testing.T) {
			s, ws := parseSettingsOK(t, settingsRaw("version", tc.in))
			assert.Equal(t, tc.version, s.Version)
			assert.Equal(t, tc.major, s.Major)
			assert.Equal(t, tc.minor, s.Minor)
			assert.Equal(t, tc.family, s.Family)
			assert.Equal(t, tc.url, s.SDKURL)
			assert.Equal(t, tc.warns, ws)
		})
	}
}

// testdataSettingsErrors: settings that must not load any SDK.
var testdataSettingsErrors = []struct {
	name string
	raw  map[string]any
	want core.SettingsError
	msg  string
}{
	{
		name: "no apiKey", raw: map[string]any{},
		want: core.SettingsError{Field: "apiKey", Code: core.CodeMissingAPIKey, Message: "missing: the Braze web API key is required"},
		msg:  "apiKey: missing: the Braze web API key is required",
	},
	{
		name: "null apiKey", raw: map[string]any{"apiKey": nil},
		want: core.SettingsError{Field: "apiKey", Code: core.CodeMissingAPIKey, Message: "missing: the Braze web API key is required"},
		msg:  "apiKey: missing: the Braze web API key is required",
	},
	{
		name: "empty apiKey", raw: map[string]any{"apiKey": ""},
		want: core.SettingsError{Field: "apiKey", Code: core.CodeMissingAPIKey, Value: "", Message: "empty: the Braze web API key is required"},
		msg:  "apiKey: empty: the Braze web API key is required",
	},
	{
		name: "blank api_key", raw: map[string]any{"api_key": "  "},
		want: core.SettingsError{Field: "api_key", Code: core.CodeMissingAPIKey, Value: "  ", Message: "empty: the Braze web API key is required"},
		msg:  "api_key: empty: the Braze web API key is required",
	},
	{
		name: "boolean apiKey", raw: map[string]any{"apiKey": true},
		want: core.SettingsError{Field: "apiKey", Code: core.CodeMissingAPIKey, Value: true, Message: "expected a string but got: boolean (true)"},
		msg:  "apiKey: expected a string but got: boolean (true)",
	},
	// Braze must not run because its consent setting could not be read.
	{
		name: "consentCategories a string", raw: settingsRaw("consentCategories", "C0004"),
		want: core.SettingsError{Field: "consentCategories", Code: core.CodeInvalidSetting, Value: "C0004",
			Message: `expected an array of category names but got: string ("C0004"); Braze stays off rather than run without consent`},
		msg: `consentCategories: expected an array of category names but got: string ("C0004"); Braze stays off rather than run without consent`,
	},
	{
		name: "consentCategories naming none", raw: settingsRaw("consentCategories", []any{" ", true}),
		want: core.SettingsError{Field: "consentCategories", Code: core.CodeInvalidSetting, Value: []any{" ", true},
			Message: "expected an array of category names but got: array; Braze stays off rather than run without consent"},
		msg: "consentCategories: expected an array of category names but got: array; Braze stays off rather than run without consent",
	},
}

// testdataSettingsBadVersions: versions that are errors, never a silent
// change of SDK family.
var testdataSettingsBadVersions = []struct {
	in  any
	msg string
}{
	{0.0, `version: unsupported value 0: expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{7.0, `version: unsupported value 7: expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{-1.0, `version: unsupported value -1: expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{2.5, `version: unsupported value 2.5: expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"2.5", `version: unsupported value "2.5": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"2.0", `version: unsupported value "2.0": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"1.2", `version: unsupported value "1.2": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"abc", `version: unsupported value "abc": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"", `version: unsupported value "": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{" ", `version: unsupported value " ": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"6.", `version: unsupported value "6.": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{".6", `version: unsupported value ".6": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"6.1.0", `version: unsupported value "6.1.0": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"3.05", `version: unsupported value "3.05": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"v6", `version: unsupported value "v6": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"+6", `version: unsupported value "+6": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{"10", `version: unsupported value "10": expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{1e21, `version: unsupported value 1000000000000000000000: expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{true, `version: unsupported value true: expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{[]any{6.0}, `version: unsupported value array: expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
	{map[string]any{}, `version: unsupported value object: expected 1, 2, 2.7, 3.x or 4.x to 6.x`},
}

func TestParseSettings_Errors(t *testing.T) {
	for _, tc := range testdataSettingsErrors {
		t.Run(tc.name, func(t *testing.T) {
			s, _, err := core.ParseSettings(tc.raw)
			assert.Nil(t, s)
			var se *core.SettingsError
			require.True(t, errors.As(err, &se), "error %v is not a *SettingsError", err)
			assert.Equal(t, tc.want, *se)
			assert.EqualError(t, err, tc.msg)
		})
	}
	t.Run("nil map", func(t *testing.T) {
		s, _, err := core.ParseSettings(nil)
		assert.Nil(t, s)
		assert.EqualError(t, err, "apiKey: missing: the Braze web API key is required")
	})
	for _, tc := range testdataSettingsBadVersions {
		name, _ := json.Marshal(tc.in)
		t.Run("version "+string(name), func(t *testing.T) {
			s, _, err := core.ParseSettings(settingsRaw("version", tc.in))
			assert.Nil(t, s)
			var se *core.SettingsError
			require.True(t, errors.As(err, &se), "error %v is not a *SettingsError", err)
			assert.Equal(t, core.CodeUnsupportedVersion, se.Code)
			assert.Equal(t, "version", se.Field)
			assert.Equal(t, tc.in, se.Value)
			assert.EqualError(t, err, tc.msg)
		})
	}
	t.Run("sdkVersion named", func(t *testing.T) {
		_, _, err := core.ParseSettings(settingsRaw("sdkVersion", "7.0"))
		assert.EqualError(t, err, `sdkVersion: unsupported value "7.0": expected 1, 2, 2.7, 3.x or 4.x to 6.x`)
	})
}

// TestParseSettings_AllProblems: a problem that stops the destination does
// not hide the others; one pass reports every problem.
func TestParseSettings_AllProblems(t *testing.T) {
	raw := map[string]any{
		"version": true, "trackAllPage": true, "enableLogging": "yes", "readyTimeoutMs": -1.0,
		"sessionTimeoutInSeconds": 0.0, "datacenter": "mars", "anonymousEvents": "buffer",
	}
	s, ws, err := core.ParseSettings(raw)
	assert.Nil(t, s)
	assert.EqualError(t, err, `apiKey: missing: the Braze web API key is required`)
	assert.Equal(t, []core.Warning{
		settingsWarn("trackAllPage", core.CodeUnknownSetting, "unknown setting, ignored (did you mean trackAllPages?)"),
		settingsWarn("version", core.CodeUnsupportedVersion, "unsupported value true: expected 1, 2, 2.7, 3.x or 4.x to 6.x"),
		settingsWarn("datacenter", core.CodeInvalidSetting, `expected us, us02, us03 or eu but got: "mars"; the default US-01 is used`),
		settingsWarn("enableLogging", core.CodeInvalidSetting, `expected a boolean but got: string ("yes"); the default is used`),
		settingsWarn("sessionTimeoutInSeconds", core.CodeInvalidSetting, "expected more than 0 but got: 0; the default is used"),
		settingsWarn("anonymousEvents", core.CodeInvalidSetting, "has no effect without onlyTrackKnownUsersOnWeb"),
		settingsWarn("readyTimeoutMs", core.CodeInvalidSetting, "expected more than 0 but got: -1; 5000 is used"),
	}, ws)

	// With the API key, the version is the error and the rest the same.
	raw["apiKey"] = "k"
	_, ws2, err := core.ParseSettings(raw)
	assert.EqualError(t, err, `version: unsupported value true: expected 1, 2, 2.7, 3.x or 4.x to 6.x`)
	assert.Equal(t, append(ws[:1:1], ws[2:]...), ws2)
}

// TestParseSettings_Suggestions: an unknown key names the known setting
// it most likely misspells, and nothing when none is close.
func TestParseSettings_Suggestions(t *testing.T) {
	for key, want := range map[string]string{
		"trackAllPage":          "trackAllPages",
		"trackallpages":         "trackAllPages",
		"debounceIdentity":      "debounceIdentify",
		"sendOnlyChangedTrait":  "sendOnlyChangedTraits",
		"endpont":               "endpoint",
		"apikey":                "apiKey",
		"api-key":               "apiKey",
		"verison":               "version",
		"onlyTrackKnownUsersOn": "",
		"url":                   "",
		"key":                   "",
		"zzz":                   "",
	} {
		_, ws, _ := core.ParseSettings(map[string]any{"apiKey": "k", key: true})
		require.Len(t, ws, 1, key)
		msg := "unknown setting, ignored"
		if want != "" {
			msg += " (did you mean " + want + "?)"
		}
		assert.Equal(t, msg, ws[0].Message, key)
	}
}

// testdataSettingsConversions: wrong types converted when unambiguous,
// with a warning; otherwise the default, with a warning.
var testdataSettingsConversions = []struct {
	name  string
	raw   map[string]any
	get   func(*core.Settings) any
	want  any
	warns []core.Warning
}{
	{
		name: `"true" for a boolean`, raw: settingsRaw("trackAllPages", "true"),
		get: func(s *core.Settings) any { return s.TrackAllPages }, want: true,
		warns: []core.Warning{settingsWarn("trackAllPages", core.CodeConvertedType, `converted string ("true") to boolean true`)},
	},
	{
		name: `" FALSE " for a boolean`, raw: settingsRaw("automaticallyDisplayMessages", " FALSE "),
		get: func(s *core.Settings) any { return s.AutomaticallyDisplayMessages }, want: false,
		warns: []core.Warning{settingsWarn("automaticallyDisplayMessages", core.CodeConvertedType, `converted string (" FALSE ") to boolean false`)},
	},
	{
		name: "1 for a boolean", raw: settingsRaw("enableLogging", 1.0),
		get:   func(s *core.Settings) any { return s.InitOptions },
		want:  core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}, {Key: "enableLogging", Value: true}},
		warns: []core.Warning{settingsWarn("enableLogging", core.CodeConvertedType, "converted number (1) to boolean true")},
	},
	{
		name: `"yes" for a boolean`, raw: settingsRaw("debounceIdentify", "yes"),
		get: func(s *core.Settings) any { return s.DebounceIdentify }, want: false,
		warns: []core.Warning{settingsWarn("debounceIdentify", core.CodeInvalidSetting, `expected a boolean but got: string ("yes"); the default is used`)},
	},
	{
		name: "2 for a boolean", raw: settingsRaw("appboyCompat", 2.0),
		get: func(s *core.Settings) any { return s.AppboyCompat }, want: true,
		warns: []core.Warning{settingsWarn("appboyCompat", core.CodeInvalidSetting, "expected a boolean but got: number (2); the default is used")},
	},
	{
		name: "object for a boolean option: not passed on v6", raw: settingsRaw("noCookies", map[string]any{}),
		get:   func(s *core.Settings) any { return s.InitOptions },
		want:  core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}},
		warns: []core.Warning{settingsWarn("noCookies", core.CodeInvalidSetting, "expected a boolean but got: object; the default is used")},
	},
	{
		name: `"30" for a number`, raw: settingsRaw("version", 2.0, "sessionTimeoutInSeconds", " 30 "),
		get: func(s *core.Settings) any { v, _ := s.InitOptions.Get("sessionTimeoutInSeconds"); return v }, want: 30.0,
		warns: []core.Warning{settingsWarn("sessionTimeoutInSeconds", core.CodeConvertedType, `converted string (" 30 ") to number 30`)},
	},
	{
		name: `"1.5e3" for a number`, raw: settingsRaw("inAppMessageZIndex", "1.5e3"),
		get: func(s *core.Settings) any { v, _ := s.InitOptions.Get("inAppMessageZIndex"); return v }, want: 1500.0,
		warns: []core.Warning{settingsWarn("inAppMessageZIndex", core.CodeConvertedType, `converted string ("1.5e3") to number 1500`)},
	},
	{
		name: `"NaN" for a number`, raw: settingsRaw("version", 3.0, "minimumIntervalBetweenTriggerActionsInSeconds", "NaN"),
		get: func(s *core.Settings) any {
			v, _ := s.InitOptions.Get("minimumIntervalBetweenTriggerActionsInSeconds")
			return v
		},
		want: 30.0,
		warns: []core.Warning{settingsWarn("minimumIntervalBetweenTriggerActionsInSeconds", core.CodeInvalidSetting,
			`expected a number but got: string ("NaN"); the default is used`)},
	},
	{
		name: "true for a number", raw: settingsRaw("readyTimeoutMs", true),
		get: func(s *core.Settings) any { return s.ReadyTimeoutMs }, want: 5000,
		warns: []core.Warning{settingsWarn("readyTimeoutMs", core.CodeInvalidSetting, "expected a number but got: boolean (true); the default is used")},
	},
	{
		name: "number for a string", raw: settingsRaw("appVersion", 2.5),
		get: func(s *core.Settings) any { v, _ := s.InitOptions.Get("appVersion"); return v }, want: "2.5",
		warns: []core.Warning{settingsWarn("appVersion", core.CodeConvertedType, `converted number (2.5) to string "2.5"`)},
	},
	{
		name: "number for the API key", raw: map[string]any{"apiKey": 12345.0},
		get: func(s *core.Settings) any { return s.APIKey }, want: "12345",
		warns: []core.Warning{settingsWarn("apiKey", core.CodeConvertedType, `converted number (12345) to string "12345"`)},
	},
	{
		name: "boolean for a string", raw: settingsRaw("localization", true),
		get:   func(s *core.Settings) any { return s.InitOptions },
		want:  core.Options{{Key: "baseUrl", Value: "sdk.iad-01.braze.com"}},
		warns: []core.Warning{settingsWarn("localization", core.CodeInvalidSetting, "expected a string but got: boolean (true); the default is used")},
	},
	{
		name: "readyTimeoutMs 0", raw: settingsRaw("readyTimeoutMs", 0.0),
		get: func(s *core.Settings) any { return s.ReadyTimeoutMs }, want: 5000,
		warns: []core.Warning{settingsWarn("readyTimeoutMs", core.CodeInvalidSetting, "expected more than 0 but got: 0; 5000 is used")},
	},
	{
		name: "readyTimeoutMs too long", raw: settingsRaw("readyTimeoutMs", "120000"),
		get: func(s *core.Settings) any { return s.ReadyTimeoutMs }, want: 60000,
		warns: []core.Warning{
			settingsWarn("readyTimeoutMs", core.CodeConvertedType, `converted string ("120000") to number 120000`),
			settingsWarn("readyTimeoutMs", core.CodeInvalidSetting, "expected at most 60000 but got: 120000; 60000 is used"),
		},
	},
	{
		name: `readyTimeoutMs "0x10" is 16, as Number() reads it`, raw: settingsRaw("readyTimeoutMs", " 0x10 "),
		get: func(s *core.Settings) any { return s.ReadyTimeoutMs }, want: 16,
		warns: []core.Warning{settingsWarn("readyTimeoutMs", core.CodeConvertedType, `converted string (" 0x10 ") to number 16`)},
	},
	{
		name: `readyTimeoutMs "1_000": NaN to Number(), the default`, raw: settingsRaw("readyTimeoutMs", "1_000"),
		get: func(s *core.Settings) any { return s.ReadyTimeoutMs }, want: 5000,
		warns: []core.Warning{settingsWarn("readyTimeoutMs", core.CodeInvalidSetting, `expected a number but got: string ("1_000"); the default is used`)},
	},
	{
		name: `readyTimeoutMs "0x1p4": a Go hex float, NaN to Number()`, raw: settingsRaw("readyTimeoutMs", "0x1p4"),
		get: func(s *core.Settings) any { return s.ReadyTimeoutMs }, want: 5000,
		warns: []core.Warning{settingsWarn("readyTimeoutMs", core.CodeInvalidSetting, `expected a number but got: string ("0x1p4"); the default is used`)},
	},
	{
		name: `readyTimeoutMs "Infinity": not finite, the default`, raw: settingsRaw("readyTimeoutMs", "Infinity"),
		get: func(s *core.Settings) any { return s.ReadyTimeoutMs }, want: 5000,
		warns: []core.Warning{settingsWarn("readyTimeoutMs", core.CodeInvalidSetting, `expected a number but got: string ("Infinity"); the default is used`)},
	},
	{
		name: `sessionTimeoutInSeconds ".5e1" and "0b11"`, raw: settingsRaw("sessionTimeoutInSeconds", ".5e1", "inAppMessageZIndex", "0b11"),
		get: func(s *core.Settings) any {
			a, _ := s.InitOptions.Get("sessionTimeoutInSeconds")
			b, _ := s.InitOptions.Get("inAppMessageZIndex")
			return []any{a, b}
		},
		want: []any{5.0, 3.0},
		warns: []core.Warning{
			settingsWarn("inAppMessageZIndex", core.CodeConvertedType, `converted string ("0b11") to number 3`),
			settingsWarn("sessionTimeoutInSeconds", core.CodeConvertedType, `converted string (".5e1") to number 5`),
		},
	},
	{
		name: "readyTimeoutMs fraction", raw: settingsRaw("readyTimeoutMs", 0.2),
		get: func(s *core.Settings) any { return s.ReadyTimeoutMs }, want: 1,
	},
	{
		name: "sdkIntegrity not a hash", raw: settingsRaw("sdkIntegrity", "abc"),
		get: func(s *core.Settings) any { return s.SDKIntegrity }, want: "",
		warns: []core.Warning{settingsWarn("sdkIntegrity", core.CodeInvalidSetting,
			`expected sha256-, sha384- or sha512- followed by a base64 hash but got: "abc"; ignored`)},
	},
	{
		name: "sdkUrl not a string", raw: settingsRaw("sdkUrl", false),
		get: func(s *core.Settings) any { return s.SDKURL }, want: "https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js",
		warns: []core.Warning{settingsWarn("sdkUrl", core.CodeInvalidSetting, "expected a string but got: boolean (false); the default is used")},
	},
	{
		name: "long values are cut in messages", raw: settingsRaw("anonymousEvents", "buffer-everything-forever-and-ever-and-ever"),
		get: func(s *core.Settings) any { return s.BufferAnonymous }, want: false,
		warns: []core.Warning{settingsWarn("anonymousEvents", core.CodeInvalidSetting,
			`expected drop or buffer but got: "buffer-everything-forever-and-..."; drop is used`)},
	},
	{
		// The limit falls inside "é": the cut keeps whole characters.
		name: "long values are cut between characters", raw: settingsRaw("anonymousEvents", "buffer-everything-forever-andé-ever"),
		get: func(s *core.Settings) any { return s.BufferAnonymous }, want: false,
		warns: []core.Warning{settingsWarn("anonymousEvents", core.CodeInvalidSetting,
			`expected drop or buffer but got: "buffer-everything-forever-and..."; drop is used`)},
	},
}

func TestParseSettings_Conversions(t *testing.T) {
	for _, tc := range testdataSettingsConversions {
		t.Run(tc.name, func(t *testing.T) {
			s, ws := parseSettingsOK(t, tc.raw)
			assert.Equal(t, tc.want, tc.get(s))
			assert.Equal(t, tc.warns, ws)
		})
	}
}

// testdataSettingsSDKURLs: the script URL per family, and sdkUrl.
var testdataSettingsSDKURLs = []struct {
	name string
	raw  map[string]any
	url  string
	sri  string
}{
	{name: "v1", raw: settingsRaw("version", 1.0), url: "https://js.appboycdn.com/web-sdk/1.6/appboy.min.js"},
	{name: "v2", raw: settingsRaw("version", 2.0), url: "https://js.appboycdn.com/web-sdk/2.4/appboy.min.js"},
	{name: "v2.7", raw: settingsRaw("version", 2.7), url: "https://js.appboycdn.com/web-sdk/2.7/appboy.min.js"},
	{name: "v3", raw: settingsRaw("version", "3.1"), url: "https://js.appboycdn.com/web-sdk/3.1/appboy.no-amd.min.js"},
	{name: "v4", raw: settingsRaw("version", "4.6"), url: "https://js.appboycdn.com/web-sdk/4.6/braze.no-module.min.js"},
	{name: "default", raw: settingsRaw(), url: "https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js"},
	{name: "sdkUrl as is", raw: settingsRaw("version", 2.0, "sdkUrl", "https://example.com/appboy.js?v=2"), url: "https://example.com/appboy.js?v=2"},
	{name: "blank sdkUrl", raw: settingsRaw("sdkUrl", " "), url: "https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js"},
	{
		name: "integrity on the CDN URL", raw: settingsRaw("sdkIntegrity", "sha512-AAAA sha384-BBBB"),
		url: "https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js", sri: "sha512-AAAA sha384-BBBB",
	},
}

func TestParseSettings_SDKURLs(t *testing.T) {
	for _, tc := range testdataSettingsSDKURLs {
		t.Run(tc.name, func(t *testing.T) {
			s, ws := parseSettingsOK(t, tc.raw)
			assert.Equal(t, tc.url, s.SDKURL)
			assert.Equal(t, tc.sri, s.SDKIntegrity)
			assert.Empty(t, ws)
		})
	}
}

// testdataSettingsUnknown: unknown keys are reported, sorted, and ignored.
var testdataSettingsUnknown = []struct {
	name  string
	raw   map[string]any
	warns []core.Warning
}{
	{
		name: "unknown keys",
		raw:  settingsRaw("zzz", 1.0, "trackAllPage", true, "apikey", "x", "TRACKALLPAGES", true),
		warns: []core.Warning{
			settingsWarn("TRACKALLPAGES", core.CodeUnknownSetting, "unknown setting, ignored (did you mean trackAllPages?)"),
			settingsWarn("apikey", core.CodeUnknownSetting, "unknown setting, ignored (did you mean apiKey?)"),
			settingsWarn("trackAllPage", core.CodeUnknownSetting, "unknown setting, ignored (did you mean trackAllPages?)"),
			settingsWarn("zzz", core.CodeUnknownSetting, "unknown setting, ignored"),
		},
	},
	{
		name: "injected Actions keys are not reported",
		raw:  settingsRaw("subscriptions", []any{}, "versionSettings", map[string]any{}),
	},
	{
		name: "reported even when the API key is missing",
		raw:  map[string]any{"key": "k"},
		warns: []core.Warning{
			settingsWarn("key", core.CodeUnknownSetting, "unknown setting, ignored"),
		},
	},
}

func TestParseSettings_Unknown(t *testing.T) {
	for _, tc := range testdataSettingsUnknown {
		t.Run(tc.name, func(t *testing.T) {
			s, ws, _ := core.ParseSettings(tc.raw)
			assert.Equal(t, tc.warns, ws)
			if s != nil {
				want := settingsDefault()
				assert.Equal(t, &want, s, "unknown keys change nothing")
			}
		})
	}
}

// settingsSeeds is every settings object of the tables, for the fuzzer.
func settingsSeeds() []map[string]any {
	var seeds []map[string]any
	for _, tc := range testdataSettingsFields {
		seeds = append(seeds, tc.raw)
	}
	for _, tc := range testdataSettingsAliases {
		seeds = append(seeds, tc.raw)
	}
	for _, tc := range testdataSettingsEndpoints {
		seeds = append(seeds, tc.raw)
	}
	for _, tc := range testdataSettingsInitOptions {
		seeds = append(seeds, tc.raw)
	}
	for _, tc := range testdataSettingsVersions {
		seeds = append(seeds, settingsRaw("version", tc.in))
	}
	for _, tc := range testdataSettingsErrors {
		seeds = append(seeds, tc.raw)
	}
	for _, tc := range testdataSettingsBadVersions {
		seeds = append(seeds, settingsRaw("version", tc.in))
	}
	for _, tc := range testdataSettingsConversions {
		seeds = append(seeds, tc.raw)
	}
	for _, tc := range testdataSettingsSDKURLs {
		seeds = append(seeds, tc.raw)
	}
	for _, tc := range testdataSettingsUnknown {
		seeds = append(seeds, tc.raw)
	}
	return seeds
}

func FuzzParseSettings(f *testing.F) {
	for _, raw := range settingsSeeds() {
		b, err := json.Marshal(raw)
		require.NoError(f, err)
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 4<<10 {
			t.Skip()
		}
		var raw map[string]any
		if err := json.Unmarshal([]byte(in), &raw); err != nil || raw == nil {
			t.Skip()
		}
		s, ws, err := core.ParseSettings(raw)
		for _, w := range ws {
			assert.Equal(t, -1, w.Event)
			assert.NotEmpty(t, w.Code)
			assert.NotEmpty(t, w.Message)
		}
		if err != nil {
			assert.Nil(t, s)
			var se *core.SettingsError
			require.True(t, errors.As(err, &se), "error %v is not a *SettingsError", err)
			assert.Contains(t, []string{core.CodeMissingAPIKey, core.CodeUnsupportedVersion, core.CodeInvalidSetting}, se.Code)
			return
		}
		require.NotNil(t, s)
		assert.NotEmpty(t, s.APIKey)
		assert.Contains(t, []core.Family{core.FamilyAppboyAB, core.FamilyAppboy, core.FamilyBraze}, s.Family)
		assert.NotEmpty(t, s.SDKURL)
		assert.Equal(t, fmt.Sprintf("%d.%d", s.Major, s.Minor), s.Version)
		if s.Major >= 3 {
			_, ok := s.InitOptions.Get("baseUrl")
			assert.True(t, ok, "no baseUrl for SDK %s", s.Version)
		}
		seen := map[string]bool{}
		for _, o := range s.InitOptions {
			assert.False(t, seen[o.Key], "duplicate option %s", o.Key)
			seen[o.Key] = true
		}
		assert.True(t, s.ReadyTimeoutMs > 0 && s.ReadyTimeoutMs <= 60000, "readyTimeoutMs %d", s.ReadyTimeoutMs)

		// Map order must not matter.
		s2, ws2, err2 := core.ParseSettings(raw)
		assert.NoError(t, err2)
		assert.Equal(t, s, s2)
		assert.Equal(t, ws, ws2)
	})
}

// The page's nonce fills in contentSecurityNonce where the settings leave
// it unset, on SDK 2.4 and later only; the settings' own value wins.
func TestParsePageSettings_Nonce(t *testing.T) {
	tests := []struct {
		name string
		raw  map[string]any
		want any // contentSecurityNonce in InitOptions; nil: absent
	}{
		{"SDK 6, unset", map[string]any{"apiKey": "k"}, "pg"},
		{"SDK 6, blank", map[string]any{"apiKey": "k", "contentSecurityNonce": "  "}, "pg"},
		{"SDK 6, null", map[string]any{"apiKey": "k", "contentSecurityNonce": nil}, "pg"},
		{"SDK 6, set", map[string]any{"apiKey": "k", "contentSecurityNonce": "mine"}, "mine"},
		{"SDK 3.5", map[string]any{"apiKey": "k", "version": "3"}, "pg"},
		{"SDK 2.4", map[string]any{"apiKey": "k", "version": "2"}, "pg"},
		{"SDK 1.6 has no such option", map[string]any{"apiKey": "k", "version": "1"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ws, err := core.ParsePageSettings(tc.raw, "pg")
			require.NoError(t, err)
			got, _ := s.InitOptions.Get("contentSecurityNonce")
			assert.Equal(t, tc.want, got)
			for _, w := range ws {
				assert.NotEqual(t, "contentSecurityNonce", w.Field, "the page's nonce is never a warning: %v", w)
			}
			// Without a nonce, only the settings' own value.
			s, _, _ = core.ParsePageSettings(tc.raw, "")
			got, _ = s.InitOptions.Get("contentSecurityNonce")
			if tc.want != "mine" {
				assert.Nil(t, got)
			}
		})
	}
	t.Run("a settings error stays one", func(t *testing.T) {
		_, _, err := core.ParsePageSettings(map[string]any{}, "pg")
		assert.Error(t, err)
	})
}
