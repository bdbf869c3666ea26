//go:build js && wasm && planner

package main

import (
	"strings"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConfigurePlan: with hooks.plan "" configure gives the plan the
// settings make, as JSON.stringify writes it; the placeholders, an
// option of no value and the option order survive it.
func TestConfigurePlan(t *testing.T) {
	defer func(id string) { buildID = id }(buildID)
	buildID = "b1"
	const text = `{"apiKey":"k","version":"2.7","sdkIntegrity":"sha384-x"}`
	_, r := configureWith(t, text, "")
	assert.Empty(t, r.Warnings)
	assert.Equal(t, strings.ReplaceAll(`{"settings":`+jsonText(t, text)+`,"build":"b1","sdkUrl":"https://js.appboycdn.com/web-sdk/2.7/appboy.min.js","sdkIntegrity":"sha384-x",`+
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

// TestConfigurePlanTaken: the planner's plan, as the page passes it back
// (as text, or through an import's JSON.parse and the shim's
// JSON.stringify), is taken without a warning.
func TestConfigurePlanTaken(t *testing.T) {
	const text = `{"apiKey":"k","trackAllPages":false}`
	_, own := configureWith(t, text, "")
	require.NotEmpty(t, own.Plan)
	_, r := configureWith(t, text, own.Plan)
	assert.Empty(t, r.Warnings, "the same plan")
	assert.Equal(t, own.Plan, r.Plan)
	JSON := js.Global().Get("JSON")
	_, r = configureWith(t, text, JSON.Call("stringify", JSON.Call("parse", own.Plan)).String())
	assert.Empty(t, r.Warnings, "the same plan, through JSON.parse and JSON.stringify")
}

// TestDryRun: plan in the planner build.
func TestDryRun(t *testing.T) {
	target := js.Global().Get("Object").New()
	install(target, newBridge())
	events := js.ValueOf([]any{
		jsonText(t, map[string]any{"type": "identify", "userId": "u", "traits": map[string]any{"gender": "m", "birthday": "1990-12-10"}}),
		jsonText(t, map[string]any{"type": "screen"}),
	})
	res := target.Call("plan", jsonText(t, map[string]any{"apiKey": "k", "version": "3"}), events, js.ValueOf(map[string]any{"initialUserId": "u"}), 5)
	require.True(t, res.Get("ok").Bool(), show(res))
	assert.Equal(t, "https://js.appboycdn.com/web-sdk/3.5/appboy.no-amd.min.js", res.Get("sdkUrl").String())
	calls := res.Get("calls")
	var methods []string
	for i := range calls.Length() {
		methods = append(methods, calls.Index(i).Get("method").String())
	}
	assert.Equal(t, []string{"initialize", "display.automaticallyShowNewInAppMessages", "changeUser", "openSession",
		"getUser().setGender", "getUser().setDateOfBirth"}, methods)
	assert.Equal(t, "m", calls.Index(4).Get("args").Index(0).String())
	assert.Equal(t, -1, calls.Index(0).Get("event").Int(), "initialize belongs to the page load")
	assert.Equal(t, 0, calls.Index(4).Get("event").Int(), "setGender belongs to event 0")
	assert.Equal(t, 1, calls.Index(4).Get("dataPoints").Int())
	w := res.Get("warnings").Index(0)
	assert.Equal(t, -1, w.Get("event").Int())
	assert.Equal(t, "events", w.Get("field").String())
	assert.Equal(t, "5 events: only the first 2 were planned", w.Get("message").String())
	w = res.Get("warnings").Index(1)
	assert.Equal(t, 1, w.Get("event").Int())
	assert.Equal(t, "unsupported_event_type", w.Get("code").String())
}

func TestDryRunSavingsAndGlobal(t *testing.T) {
	target := js.Global().Get("Object").New()
	install(target, newBridge())
	ev := jsonText(t, map[string]any{"type": "identify", "userId": "u", "traits": map[string]any{"plan": "pro"}})
	// A self-hosted SDK 6.13 whose URL says appboy: the version decides the global.
	res := target.Call("plan", jsonText(t, map[string]any{"apiKey": "k", "version": "6.13", "sdkUrl": "https://cdn.example.com/appboy.min.js"}),
		js.ValueOf([]any{ev, ev}), js.Undefined(), 2)
	require.True(t, res.Get("ok").Bool(), show(res))
	assert.Equal(t, "braze", res.Get("global").String())
	assert.Equal(t, "6.13", res.Get("version").String())
	assert.Equal(t, `{"allOn":2,"debounceIdentify":{"on":false,"perEvent":[0,1],"saved":1},"saved":0,"sendOnlyChangedTraits":{"on":false,"perEvent":[0,1],"saved":1}}`,
		sortedJSON(res.Get("savings")))
	res = target.Call("plan", jsonText(t, map[string]any{"apiKey": "k", "version": "3.5", "sdkUrl": "https://cdn.example.com/braze.min.js"}), js.ValueOf([]any{}), js.Undefined(), 0)
	assert.Equal(t, "appboy", res.Get("global").String())
}
