//go:build js && wasm

package main

import (
	"encoding/json"
	"strings"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// configureWith configures a new bridge with the settings' JSON text and
// hooks.plan, and returns the bridge and configure's result.
func configureWith(t *testing.T, text string, plan any) (js.Value, configured) {
	t.Helper()
	b := js.Global().Get("Object").New()
	install(b, newBridge())
	hooks := js.Global().Get("Object").New()
	hooks.Set("plan", plan)
	var r configured
	require.NoError(t, json.Unmarshal([]byte(show(b.Call("configure", text, hooks))), &r))
	require.True(t, r.OK, "%+v", r)
	return b, r
}

type configured struct {
	OK       bool   `json:"ok"`
	Plan     string `json:"plan"`
	Warnings []struct {
		Field, Code, Message string
	} `json:"warnings"`
}

// TestConfigurePlan: with hooks.plan "" configure gives the plan the
// settings make, as JSON.stringify writes it; the placeholders, an
// option of no value and the option order survive it.
func TestConfigurePlan(t *testing.T) {
	const text = `{"apiKey":"k","version":"2.7","sdkIntegrity":"sha384-x"}`
	_, r := configureWith(t, text, "")
	assert.Empty(t, r.Warnings)
	assert.Equal(t, strings.ReplaceAll(`{"settings":`+jsonText(t, text)+`,"sdkUrl":"https://js.appboycdn.com/web-sdk/2.7/appboy.min.js","sdkIntegrity":"sha384-x",`+
		`"global":"appboy","appboyCompat":true,"off":"Braze (WASM)","maxUserId":332,"known":[["initialize","k",{"safariWebsitePushId":"","enableHtmlInAppMessages":false,`+
		`"allowCrawlerActivity":false,"doNotLoadFontAwesome":false,"enableLogging":false,"localization":"en","minimumIntervalBetweenTriggerActionsInSeconds":30,`+
		`"openInAppMessagesInNewTab":false,"openNewsFeedCardsInNewTab":false,"requireExplicitInAppMessageDismissal":false,"serviceWorkerLocation":"\uE000u",`+
		`"sessionTimeoutInSeconds":30,"contentSecurityNonce":"\uE000n"}],["display.automaticallyShowNewInAppMessages"],["changeUser","\uE000i"],["openSession"]],`+
		`"anonymous":[["initialize","k",{"safariWebsitePushId":"","enableHtmlInAppMessages":false,"allowCrawlerActivity":false,"doNotLoadFontAwesome":false,`+
		`"enableLogging":false,"localization":"en","minimumIntervalBetweenTriggerActionsInSeconds":30,"openInAppMessagesInNewTab":false,"openNewsFeedCardsInNewTab":false,`+
		`"requireExplicitInAppMessageDismissal":false,"serviceWorkerLocation":"\uE000u","sessionTimeoutInSeconds":30,"contentSecurityNonce":"\uE000n"}],`+
		`["display.automaticallyShowNewInAppMessages"],["openSession"]]}`, `\uE000`, "\uE000"), r.Plan)

	// Only-known-users: no call without a user; consentCategories: no plan.
	_, r = configureWith(t, `{"apiKey":"k","onlyTrackKnownUsersOnWeb":true,"automaticallyDisplayMessages":false}`, "")
	assert.Contains(t, r.Plan, `"known":[["initialize","k",{"baseUrl":"sdk.iad-01.braze.com","contentSecurityNonce":"`+"\uE000n"+`"}],["changeUser","`+"\uE000i"+`"],["openSession"]],"anonymous":[]}`)
	_, r = configureWith(t, `{"apiKey":"k","consentCategories":["C0004"]}`, "")
	assert.Empty(t, r.Plan)
	// Without hooks.plan, no plan is made.
	_, r = configureWith(t, `{"apiKey":"k"}`, js.Undefined())
	assert.Empty(t, r.Plan)
}

// TestConfigurePlanCheck: the plan the page carries is checked against
// the one its settings make: one warning names what differs.
func TestConfigurePlanCheck(t *testing.T) {
	const text = `{"apiKey":"k","trackAllPages":false}`
	_, own := configureWith(t, text, "")
	_, r := configureWith(t, text, own.Plan)
	assert.Empty(t, r.Warnings, "the same plan")
	assert.Equal(t, own.Plan, r.Plan)

	// As an import of it gives it to the shim, which stringifies it.
	JSON := js.Global().Get("JSON")
	_, r = configureWith(t, text, JSON.Call("stringify", JSON.Call("parse", own.Plan)).String())
	assert.Empty(t, r.Warnings, "the same plan, through JSON.parse and JSON.stringify")

	for _, tc := range []struct{ name, page, plan, want string }{
		{"settings edited", `{"apiKey":"k","trackAllPages":true}`, own.Plan,
			"the boot plan was made from other settings (trackAllPages differs): not used; rerun make dist with these settings"},
		{"another build", text, strings.Replace(own.Plan, `["automaticallyShowInAppMessages"],["changeUser"`, `["changeUser"`, 1),
			"the boot plan was made by another build (known call automaticallyShowInAppMessages differs): rerun make dist"},
		{"not JSON", text, "<plan>", "the boot plan cannot be read, or these settings have none: not used; rerun make dist"},
	} {
		_, r := configureWith(t, tc.page, tc.plan)
		if assert.Len(t, r.Warnings, 1, tc.name) {
			assert.Equal(t, "plan", r.Warnings[0].Field)
			assert.Equal(t, "plan_outdated", r.Warnings[0].Code)
			assert.Equal(t, tc.want, r.Warnings[0].Message, tc.name)
		}
	}
}

// TestStartTakesOver: when the shim made the plan's calls, start makes
// none again and reports them as it reports its own: the same counts,
// what the SDK refused or threw as warnings, a failed initialize as
// failed. The events after map as after an ordinary start.
func TestStartTakesOver(t *testing.T) {
	settings := map[string]any{"apiKey": "k"}
	events := []map[string]any{
		{"type": "track", "event": "Bought", "userId": "u1", "properties": map[string]any{"n": 1}},
		{"type": "identify", "userId": "u2", "traits": map[string]any{"email": "a@b.example"}},
	}
	// handle goes to the bridge installed last.
	direct, directCalls := newTestBridge(t, settings)
	want := show(direct.Call("start", "u1"))
	require.Len(t, *directCalls, 4)
	*directCalls = nil
	var wantEvents []handled
	for _, ev := range events {
		wantEvents = append(wantEvents, handle(t, ev))
	}
	wantCalls := *directCalls

	taken, calls := newTestBridge(t, settings)
	got := show(taken.Call("start", "u1", js.ValueOf([]any{true, true, true, true})))
	assert.Equal(t, want, got)
	assert.Contains(t, got, `"state":"ready","sent":4`)
	assert.Empty(t, *calls, "no second initialize, changeUser or openSession")
	for i, ev := range events {
		assert.Equal(t, wantEvents[i], handle(t, ev), "the mapper is as after an ordinary start: %v", ev)
	}
	assert.Equal(t, wantCalls, *calls)
	assert.NotEmpty(t, *calls)

	// What the SDK did with the shim's calls becomes warnings.
	b, calls := newTestBridge(t, settings)
	r := b.Call("start", "u1", js.ValueOf([]any{true, false, "boom", true}))
	assert.Empty(t, *calls)
	assert.Contains(t, show(r), `"state":"ready","sent":2`)
	assert.Contains(t, show(r), `"field":"automaticallyShowInAppMessages","code":"sdk_refused","message":"the Braze SDK refused automaticallyShowInAppMessages: not sent"`)
	assert.Contains(t, show(r), `"field":"changeUser","code":"sdk_error","message":"changeUser threw: JavaScript error: boom"`)

	// initialize failed: the shim stopped there; Braze is off.
	b, _ = newTestBridge(t, settings)
	r = b.Call("start", js.Null(), js.ValueOf([]any{false}))
	assert.Equal(t, "failed", r.Get("state").String(), show(r))
	assert.Equal(t, "the Braze SDK refused initialize: not sent", r.Get("error").Get("message").String())
}
