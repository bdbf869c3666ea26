//go:build js && wasm

package main

import (
	"encoding/json"
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

// TestConfigurePlanCheck: the module takes the plan the page carries
// when its settings text and build are its own; else one warning says what
// differs. It makes no plan itself (planner_js_test.go).
func TestConfigurePlanCheck(t *testing.T) {
	defer func(id string) { buildID = id }(buildID)
	buildID = "b1"
	const text = `{"apiKey":"k","trackAllPages":false}`
	plan := func(settings, build string) string {
		return `{"settings":` + jsonText(t, settings) + `,"build":"` + build + `","known":[["initialize","k"],["openSession"]],"anonymous":[]}`
	}
	_, r := configureWith(t, text, "")
	assert.Empty(t, r.Plan, "no plan made: only the planner build makes them")
	own := plan(text, "b1")
	_, r = configureWith(t, text, own)
	assert.Empty(t, r.Warnings, "a plan of this build for these settings")
	assert.Equal(t, own, r.Plan)

	for _, tc := range []struct{ name, page, plan, want string }{
		{"settings edited", `{"apiKey":"k","trackAllPages":true}`, own,
			"the boot plan was made from other settings (trackAllPages differs): not used; rerun make dist with these settings"},
		{"another build", text, plan(text, "b0"),
			"the boot plan was made by another build of braze-wasm (b0, this one is b1): rerun make dist"},
		{"consentCategories", `{"apiKey":"k","consentCategories":["C1"]}`, plan(`{"apiKey":"k","consentCategories":["C1"]}`, "b1"),
			"the boot plan cannot be read, or these settings have none: not used; rerun make dist"},
		{"not JSON", text, "<plan>", "the boot plan cannot be read, or these settings have none: not used; rerun make dist"},
	} {
		_, r := configureWith(t, tc.page, tc.plan)
		assert.Empty(t, r.Plan, tc.name)
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
