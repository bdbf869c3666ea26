package core

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/segment-braze-wasm/segment-braze-wasm/core/jsonread"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bootSettings are settings of every SDK family, both naming schemes,
// only-known-users in both modes, auto-show on and off, and initialize
// options (a classic Undefined, a given nonce, options past the classic
// twelve).
var bootSettings = map[string]string{
	"braze 6.13":             `{"apiKey":"k","endpoint":"sdk.iad-01.braze.com","version":"6.13"}`,
	"braze default, options": `{"api_key":"k","baseUrl":"sdk.fra-01.braze.eu","sessionTimeoutInSeconds":60,"devicePropertyAllowlist":["os"],"enableLogging":true,"localization":"fr"}`,
	"braze, nonce given":     `{"apiKey":"k","version":"5","contentSecurityNonce":"given"}`,
	"braze, no auto-show":    `{"apiKey":"k","automaticallyDisplayMessages":false}`,
	"braze, OKU buffer":      `{"apiKey":"k","onlyTrackKnownUsersOnWeb":true,"anonymousEvents":"buffer"}`,
	"braze, OKU drop":        `{"apiKey":"k","deferUntilIdentified":true,"anonymousEvents":"drop"}`,
	"appboy 3.5":             `{"apiKey":"k","version":"3.5","safariWebsitePushId":"web.x","enableSdkAuthentication":true}`,
	"appboy 3, OKU":          `{"apiKey":"k","sdkVersion":"3","onlyTrackKnownUsersOnWeb":true}`,
	"appboy 2.7":             `{"apiKey":"k","version":"2.7","serviceWorkerLocation":"/sw.js"}`,
	"appboy 2.4, no auto":    `{"apiKey":"k","version":"2.4","automaticallyDisplayMessages":false}`,
	"appboy 1.6":             `{"apiKey":"k","version":"1","enableHtmlInAppMessages":true}`,
	"appboy 1.6, OKU":        `{"apiKey":"k","version":"1.6","onlyTrackKnownUsersOnWeb":true}`,
	"actions names":          `{"api_key":"k","sdkVersion":"4.10","allowUserSuppliedJavascript":true,"openCardsInNewTab":true}`,
}

func parseRaw(t testing.TB, text string) map[string]any {
	t.Helper()
	v, _, err := jsonread.Parse([]byte(text), jsonread.Limits{})
	require.NoError(t, err)
	return v.(map[string]any)
}

// fill does what the shim does with a plan's calls (js/src/boot.js): the
// stored user id and the page's nonce in place of their placeholders, no
// option where there is no nonce, undefined for PlanUndefined.
func fill(calls []Call, userID, nonce string) []Call {
	out := []Call{}
	for _, c := range calls {
		args := make([]any, 0, len(c.Args))
		for _, a := range c.Args {
			switch v := a.(type) {
			case string:
				if v == PlanUserID {
					a = userID
				}
			case Options:
				o := Options{}
				for _, opt := range v {
					switch opt.Value {
					case PlanNonce:
						if nonce == "" {
							continue
						}
						opt.Value = nonce
					case PlanUndefined:
						opt.Value = Undefined{}
					}
					o = append(o, opt)
				}
				a = o
			}
			args = append(args, a)
		}
		out = append(out, Call{Method: c.Method, Args: args})
	}
	return out
}

// TestBootPlanIsStart: the plan, filled in as the shim does, is call for
// call what Start returns on the page, whatever the nonce and the stored
// user id.
func TestBootPlanIsStart(t *testing.T) {
	for name, text := range bootSettings {
		for _, nonce := range []string{"", "page-nonce"} {
			for _, user := range []string{"", "u1", "ü"} {
				raw := parseRaw(t, text)
				p, ok := MakeBootPlan(text, raw, "b1")
				require.True(t, ok, name)
				s, _, err := ParsePageSettings(raw, nonce)
				require.NoError(t, err)
				want := NewMapper(s, nil).Start(user).Calls
				calls := p.Anonymous
				if user != "" {
					calls = p.Known
				}
				got := fill(calls, user, nonce)
				if want == nil {
					want = []Call{}
				}
				assert.True(t, deepEqual(callsAny(want), callsAny(got)), "%s, nonce %q, user %q:\nwant %v\n got %v", name, nonce, user, want, got)
				assert.Equal(t, s.SDKURL, p.SDKURL, name)
				assert.Equal(t, s.Family.Global(), p.Global, name)
				assert.Equal(t, s.AppboyCompat, p.AppboyCompat, name)
			}
		}
	}
}

func callsAny(calls []Call) []any {
	out := []any{}
	for _, c := range calls {
		out = append(out, append([]any{c.Method}, c.Args...))
	}
	return out
}

// TestBootPlanUndefined: an option present with no value has the
// placeholder, which JSON can carry; the rest keeps its order.
func TestBootPlanUndefined(t *testing.T) {
	text := `{"apiKey":"k","version":"2.7","onlyTrackKnownUsersOnWeb":true,"sdkIntegrity":"sha384-x"}`
	p, ok := MakeBootPlan(text, parseRaw(t, text), "b1")
	require.True(t, ok)
	assert.Equal(t, BootPlan{Settings: text, Build: "b1", SDKURL: "https://js.appboycdn.com/web-sdk/2.7/appboy.min.js", SDKIntegrity: "sha384-x",
		Global: "appboy", AppboyCompat: true, Off: "Braze (WASM)", MaxUserID: 332,
		Known: []Call{
			call("initialize", "k", Options{{"safariWebsitePushId", ""}, {"enableHtmlInAppMessages", false}, {"allowCrawlerActivity", false},
				{"doNotLoadFontAwesome", false}, {"enableLogging", false}, {"localization", "en"},
				{"minimumIntervalBetweenTriggerActionsInSeconds", float64(30)}, {"openInAppMessagesInNewTab", false},
				{"openNewsFeedCardsInNewTab", false}, {"requireExplicitInAppMessageDismissal", false},
				{"serviceWorkerLocation", PlanUndefined}, {"sessionTimeoutInSeconds", float64(30)}, {"contentSecurityNonce", PlanNonce}}),
			call("display.automaticallyShowNewInAppMessages"), call("changeUser", PlanUserID), call("openSession")},
	}, p)
}

func TestBootPlanNone(t *testing.T) {
	for _, text := range []string{`{"apiKey":"k","consentCategories":["C0004"]}`, `{"version":"6"}`, `{"apiKey":"k","version":"9"}`} {
		_, ok := MakeBootPlan(text, parseRaw(t, text), "b1")
		assert.False(t, ok, text)
	}
}

func TestCheckBootPlan(t *testing.T) {
	const text = `{"apiKey":"k","version":"6.13","trackAllPages":false}`
	// As JSON.stringify writes the plan (wasm/planner_js.go); the check
	// reads its settings and build only.
	plan := func(settings, build string) string {
		return `{"settings":` + jsonString(settings) + `,"build":"` + build + `","sdkUrl":"https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js",` +
			`"known":[["initialize","k",{"baseUrl":"sdk.iad-01.braze.com"}],["changeUser","\ue000i"],["openSession"]],"anonymous":[]}`
	}
	own := plan(text, "b1")
	tests := []struct {
		name, given, page string
		consent           bool
		want              string // the warning's message; "" for a plan in use
	}{
		{"this build's, for these settings", own, text, false, ""},
		{"a setting edited", own, `{"apiKey":"k","version":"6.13","trackAllPages":true}`, false,
			"the boot plan was made from other settings (trackAllPages differs): not used; rerun make dist with these settings"},
		{"two settings edited, one added, one removed", plan(`{"apiKey":"k","version":"6.13","trackAllPages":false,"appboyCompat":true}`, "b1"),
			`{"apiKey":"k2","version":"6.13","trackAllPages":true,"debounceIdentify":true}`, false,
			"the boot plan was made from other settings (apiKey, debounceIdentify, trackAllPages, appboyCompat differ): not used; rerun make dist with these settings"},
		{"a setting removed", own, `{"apiKey":"k","version":"6.13"}`, false,
			"the boot plan was made from other settings (trackAllPages differs): not used; rerun make dist with these settings"},
		{"key order", own, `{"version":"6.13","apiKey":"k","trackAllPages":false}`, false,
			"the boot plan was made from these settings written otherwise (key order or spacing): not used; make it from the settings text the page passes"},
		{"another build", plan(text, "b0"), text, false,
			"the boot plan was made by another build of braze-wasm (b0, this one is b1): rerun make dist"},
		{"no build", strings.Replace(own, `"build":"b1",`, "", 1), text, false,
			"the boot plan cannot be read, or these settings have none: not used; rerun make dist"},
		{"unreadable", `{"settings":`, text, false,
			"the boot plan cannot be read, or these settings have none: not used; rerun make dist"},
		{"not a plan", `[1]`, text, false,
			"the boot plan cannot be read, or these settings have none: not used; rerun make dist"},
		{"settings that make none", plan(`{"apiKey":"k","consentCategories":["C1"]}`, "b1"), `{"apiKey":"k","consentCategories":["C1"]}`, true,
			"the boot plan cannot be read, or these settings have none: not used; rerun make dist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok, w := CheckBootPlan(tc.given, "b1", tc.page, parseRaw(t, tc.page), tc.consent)
			if tc.want == "" {
				assert.True(t, ok)
				assert.Zero(t, w)
				return
			}
			assert.False(t, ok)
			assert.Equal(t, Warning{Field: "plan", Code: CodePlanOutdated, Message: tc.want, Level: LevelWarning}, w)
		})
	}
}

// TestBootPlanTakeOver: when the shim made the plan's calls, Go takes
// over with the Result of Start, not executed (wasm/bridge_js.go run):
// the Mapper is then exactly as after Start, so events map the same.
func TestBootPlanTakeOver(t *testing.T) {
	for name, text := range bootSettings {
		raw := parseRaw(t, text)
		s, _, err := ParsePageSettings(raw, "")
		require.NoError(t, err)
		events := []map[string]any{
			{"type": "track", "event": "Early", "userId": "u1"},
			{"type": "identify", "userId": "u2", "traits": map[string]any{"email": "a@b.example", "plan": "pro"}},
			{"type": "track", "event": "Later", "properties": map[string]any{"revenue": 3.5}},
		}
		for _, user := range []string{"", "u1"} {
			p, _ := MakeBootPlan(text, raw, "b1")
			calls := p.Anonymous
			if user != "" {
				calls = p.Known
			}
			taken := NewMapper(s, nil)
			r := taken.Start(user)
			assert.Len(t, r.Calls, len(calls), "%s: Start returns the calls the shim made", name)
			direct := NewMapper(s, nil)
			direct.Start(user)
			for _, ev := range events {
				assert.Equal(t, direct.Handle(ev), taken.Handle(ev), "%s, user %q: %v", name, user, ev)
			}
			assert.Equal(t, direct.Started(), taken.Started())
		}
	}
}

// FuzzCheckBootPlan: whatever the page carries, the check never panics,
// names something when it refuses the plan, and takes only a plan of its
// own build for these settings.
func FuzzCheckBootPlan(f *testing.F) {
	for _, text := range bootSettings {
		f.Add(text, `{"settings":`+jsonString(text)+`,"build":"b1","sdkUrl":"x","known":[["initialize","k"]],"anonymous":[]}`)
	}
	f.Add(`{"apiKey":"k"}`, `{"settings":"{}","build":1,"known":[[1],[]]}`)
	f.Fuzz(func(t *testing.T, settings, given string) {
		v, _, err := jsonread.Parse([]byte(settings), jsonread.Limits{})
		raw, _ := v.(map[string]any)
		if err != nil || raw == nil {
			return
		}
		ok, w := CheckBootPlan(given, "b1", settings, raw, false)
		if !ok && (w.Code != CodePlanOutdated || w.Message == "") {
			t.Fatalf("refused without saying why: %+v", w)
		}
		if ok {
			v, _, _ := jsonread.Parse([]byte(given), jsonread.Limits{})
			if p, _ := v.(map[string]any); p["settings"] != settings || p["build"] != "b1" {
				t.Fatalf("took %q for %q", given, settings)
			}
		}
	})
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestAppendJSONString: what it writes reads back as the string, with
// escapes at the start, the end, in a row and between runs.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `"`, `\`, "\x00", "a\"b\\c\x1fd", "\"\"\\\\\n\n", "end\t", "\x7f é ☃ 😀 \u2028", strings.Repeat("x", 300) + "\x01"} {
		b := AppendJSONString([]byte("prefix"), s)
		var got string
		require.NoError(t, json.Unmarshal(b[len("prefix"):], &got), "%q", b)
		assert.Equal(t, s, got)
	}
}
