//go:build js && wasm

package main

import (
	"encoding/json"
	"math"
	"strings"
	"syscall/js"
	"testing"
	"unsafe"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stubSDK installs a fake SDK global named name whose methods record
// their calls as "method(arg,...)" strings, dates as "Date(ms)".
func stubSDK(t *testing.T, name string) *[]string {
	t.Helper()
	var calls []string
	record := func(method string) js.Func {
		f := js.FuncOf(func(_ js.Value, args []js.Value) any {
			parts := make([]string, len(args))
			for i, a := range args {
				parts[i] = show(a)
			}
			calls = append(calls, method+"("+strings.Join(parts, ",")+")")
			return true
		})
		t.Cleanup(f.Release)
		return f
	}
	obj := func() js.Value { return js.Global().Get("Object").New() }
	user := obj()
	for _, m := range []string{"setEmail", "setFirstName", "setLastName", "setGender", "setDateOfBirth", "setCustomUserAttribute", "setCountry", "setHomeCity", "setPhoneNumber", "setAvatarImageUrl"} {
		user.Set(m, record("getUser()."+m))
	}
	sdk := obj()
	for _, m := range []string{"initialize", "openSession", "changeUser", "logCustomEvent", "logPurchase", "automaticallyShowInAppMessages"} {
		sdk.Set(m, record(m))
	}
	display := obj()
	display.Set("automaticallyShowNewInAppMessages", record("display.automaticallyShowNewInAppMessages"))
	sdk.Set("display", display)
	getUser := js.FuncOf(func(js.Value, []js.Value) any { return user })
	t.Cleanup(getUser.Release)
	sdk.Set("getUser", getUser)
	genders := obj()
	for k, v := range map[string]string{"MALE": "m", "FEMALE": "f", "OTHER": "o"} {
		genders.Set(k, "G:"+v) // distinct from the plain value, to prove the constant is used
	}
	userClass := obj()
	userClass.Set("Genders", genders)
	sdk.Set("User", userClass)
	js.Global().Set(name, sdk)
	t.Cleanup(func() { js.Global().Delete(name) })
	return &calls
}

// show renders a JS value compactly: objects as sorted JSON, dates as ms.
func show(v js.Value) string {
	if v.InstanceOf(jsDate) {
		return "Date(" + v.Call("toISOString").String() + ")"
	}
	if v.IsUndefined() {
		return "undefined"
	}
	return js.Global().Get("JSON").Call("stringify", v).String()
}

func newTestBridge(t *testing.T, settings map[string]any) (js.Value, *[]string) {
	t.Helper()
	calls := stubSDK(t, "braze")
	target := js.Global().Get("Object").New()
	install(target, newBridge())
	res := target.Call("configure", jsonText(t, settings), js.Global().Get("Object").New())
	require.True(t, res.Get("ok").Bool(), show(res))
	return target, calls
}

func jsonText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// handled is a StepResult as the shim reads it from status and detail.
type handled struct {
	OK         bool   `json:"ok"`
	State      string `json:"state"`
	Sent       int    `json:"sent"`
	Dropped    int    `json:"dropped"`
	Buffered   int    `json:"buffered"`
	DataPoints int    `json:"dataPoints"`
	Saved      int    `json:"saved"`
	Error      *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Warnings []core.Warning `json:"warnings"`
	// SaidWarnings and SaidInfos count the warnings said before, which
	// the shim reads as numbers (status 8 and 9).
	SaidWarnings, SaidInfos int
}

// TestWarningsSaid: a warning said before crosses as a count, by level,
// for a page that sends the same event again and again; a new one as text.
func TestWarningsSaid(t *testing.T) {
	stubSDK(t, "braze")
	b := js.Global().Get("Object").New()
	install(b, newBridge())
	require.True(t, b.Call("configure", jsonText(t, map[string]any{"apiKey": "k"}), js.Global().Get("Object").New()).Get("ok").Bool())
	require.Equal(t, "ready", b.Call("start", js.Null()).Get("state").String())
	ev := func(props map[string]any) map[string]any {
		return map[string]any{"type": "track", "event": "Viewed", "properties": props}
	}
	h := handle(t, ev(map[string]any{"price": 1.0, "currency": "EUR"}))
	require.Len(t, h.Warnings, 2)
	assert.Zero(t, h.SaidWarnings)
	h = handle(t, ev(map[string]any{"price": 1.0, "currency": "EUR", "time": 1.0}))
	require.Len(t, h.Warnings, 1, "only the new one as text")
	assert.Equal(t, "properties.time", h.Warnings[0].Field)
	assert.Equal(t, 2, h.SaidWarnings)
	h = handle(t, ev(map[string]any{"price": 1.0}))
	assert.Equal(t, handled{OK: true, State: "ready", Sent: 1, DataPoints: 1, SaidWarnings: 1}, h, "no text at all")
	assert.Zero(t, status[7])
}

// handle sends the JSON text of ev through the export, as the shim does.
func handle(t *testing.T, ev any) handled {
	t.Helper()
	text, ok := ev.(string)
	if !ok {
		text = jsonText(t, ev)
	}
	brazeBuffer(int32(len(text)))
	copy(input, text)
	addr := brazeHandle(int32(len(text)))
	require.Equal(t, uint32(uintptr(unsafe.Pointer(&status))), addr)
	h := handled{OK: true, State: map[int32]string{0: "deferred", 1: "ready", 2: "loading"}[status[0]],
		Sent: int(status[1]), Dropped: int(status[2]), Buffered: int(status[3]), DataPoints: int(status[4]), Saved: int(status[5]),
		SaidWarnings: int(status[8]), SaidInfos: int(status[9])}
	if status[7] > 0 {
		require.Equal(t, address(detail), uint32(status[6]))
		require.NoError(t, json.Unmarshal(detail[:status[7]], &h))
	}
	return h
}

// The page's nonce reaches initialize through hooks.nonce (the shim reads
// it from the script tags); the rule is core.ParsePageSettings'.
func TestConfigureNonce(t *testing.T) {
	calls := stubSDK(t, "braze")
	b := js.Global().Get("Object").New()
	install(b, newBridge())
	hooks := js.Global().Get("Object").New()
	hooks.Set("nonce", "pg-n0nce")
	res := b.Call("configure", jsonText(t, map[string]any{"apiKey": "k"}), hooks)
	require.True(t, res.Get("ok").Bool(), show(res))
	b.Call("start", js.Null())
	require.NotEmpty(t, *calls)
	assert.Contains(t, (*calls)[0], `"contentSecurityNonce":"pg-n0nce"`, (*calls)[0])
}

func TestStartAndHandle(t *testing.T) {
	b, calls := newTestBridge(t, map[string]any{"apiKey": "key", "baseUrl": "http://127.0.0.1:1/api/v3", "trackAllPages": true})
	res := b.Call("start", "user-1")
	assert.Equal(t, "ready", res.Get("state").String())
	assert.Equal(t, 4, res.Get("sent").Int())

	h := handle(t, map[string]any{"type": "identify", "userId": "user-1", "traits": map[string]any{
		"email": "ada@example.com", "gender": "female", "plan": "pro", "birthday": "1990-12-10T00:00:00.000Z"}})
	assert.True(t, h.OK)
	assert.Equal(t, 0, h.Dropped)
	assert.Equal(t, 4, h.Sent)
	assert.Empty(t, h.Warnings)

	h = handle(t, map[string]any{"type": "track", "event": "Bought", "properties": map[string]any{"n": 1, "price": 2}})
	assert.Equal(t, "properties.price", h.Warnings[0].Field)

	assert.Equal(t, 1, h.DataPoints)

	// An alias is a choice (info), not a loss; an unknown type is a loss.
	h = handle(t, map[string]any{"type": "alias"})
	assert.Equal(t, 0, h.Dropped)
	assert.Equal(t, "info", h.Warnings[0].Level)
	h = handle(t, map[string]any{"type": "rocket"})
	assert.Equal(t, 1, h.Dropped)
	assert.Equal(t, "warning", h.Warnings[0].Level)

	assert.Equal(t, []string{
		`initialize("key",{"baseUrl":"http://127.0.0.1:1/api/v3"})`,
		`automaticallyShowInAppMessages()`,
		`changeUser("user-1")`,
		`openSession()`,
		`getUser().setEmail("ada@example.com")`,
		`getUser().setGender("G:f")`,
		`getUser().setDateOfBirth(1990,12,10)`,
		`getUser().setCustomUserAttribute("plan","pro")`,
		`logCustomEvent("Bought",{"n":1})`,
	}, *calls)
}

// With consentCategories, handle judges events before the SDK is there:
// one without consent is an info and nothing more; the first one with it
// asks for the SDK (state loading) and is not handled until after start.
// After start, the consent of each event still decides (core.Consented).
func TestConsent(t *testing.T) {
	calls := stubSDK(t, "braze")
	b := js.Global().Get("Object").New()
	install(b, newBridge())
	res := b.Call("configure", jsonText(t, map[string]any{"apiKey": "k", "consentCategories": []any{"C0004"}, "automaticallyDisplayMessages": false}), js.Global().Get("Object").New())
	require.True(t, res.Get("ok").Bool(), show(res))
	assert.True(t, res.Get("consent").Bool(), "configure says the SDK waits for consent")
	track := func(name string, consented bool) map[string]any {
		return map[string]any{"type": "track", "event": name,
			"context": map[string]any{"consent": map[string]any{"categoryPreferences": map[string]any{"C0004": consented}}}}
	}
	refused := core.Warning{Field: "context.consent.categoryPreferences.C0004", Code: core.CodeNoConsent, Level: core.LevelInfo,
		Message: "no consent (consentCategories): not sent to Braze"}

	h := handle(t, track("Before", false))
	assert.Equal(t, handled{OK: true, State: "deferred", Dropped: 1, Warnings: []core.Warning{refused}}, h, "not sent: the visitor's choice, an info")
	h = handle(t, track("Given", true))
	assert.Equal(t, handled{OK: true, State: "loading"}, h, "load the SDK, hand it over again after start")
	assert.Empty(t, *calls, "nothing reaches the SDK before start")

	require.Equal(t, "ready", b.Call("start", js.Null()).Get("state").String())
	assert.Equal(t, 1, handle(t, track("Given", true)).Sent)
	h = handle(t, track("Withdrawn", false))
	assert.Equal(t, handled{OK: true, State: "ready", Dropped: 1, SaidInfos: 1}, h, "withdrawn: not sent, the info said before counted")
	assert.Equal(t, []string{`initialize("k",{"baseUrl":"sdk.iad-01.braze.com"})`, `openSession()`, `logCustomEvent("Given",{})`}, *calls)
}

func TestHookBeforeOpenSession(t *testing.T) {
	calls := stubSDK(t, "braze")
	target := js.Global().Get("Object").New()
	install(target, newBridge())
	hooks := js.Global().Get("Object").New()
	hook := js.FuncOf(func(_ js.Value, args []js.Value) any {
		*calls = append(*calls, "hook:"+args[0].Get("openSession").Type().String())
		return nil
	})
	defer hook.Release()
	hooks.Set("beforeOpenSession", hook)
	target.Call("configure", jsonText(t, map[string]any{"apiKey": "k", "automaticallyDisplayMessages": false}), hooks)
	target.Call("start", js.Null())
	assert.Equal(t, []string{`initialize("k",{"baseUrl":"sdk.iad-01.braze.com"})`, "hook:function", "openSession()"}, *calls)
}

func TestConfigureFailure(t *testing.T) {
	target := js.Global().Get("Object").New()
	install(target, newBridge())
	res := target.Call("configure", jsonText(t, map[string]any{"version": "6"}), js.Undefined())
	assert.False(t, res.Get("ok").Bool())
	assert.Equal(t, "missing_api_key", res.Get("error").Get("code").String())
	assert.Equal(t, "apiKey", res.Get("error").Get("field").String())
	assert.Equal(t, "missing: the Braze web API key is required", res.Get("error").Get("message").String(),
		"the field is not repeated in the message")
	h := handle(t, map[string]any{"type": "track", "event": "E"})
	assert.False(t, h.OK, "handle before a successful configure and start")
	assert.Equal(t, "not_ready", h.Error.Code)
}

func TestSDKThrows(t *testing.T) {
	b, _ := newTestBridge(t, map[string]any{"apiKey": "k"})
	b.Call("start", js.Null())
	// A real JS exception: JSON.parse bound to malformed input throws a
	// SyntaxError whatever the SDK passes it.
	thrower := js.Global().Get("JSON").Get("parse").Call("bind", js.Null(), "{")
	js.Global().Get("braze").Set("logCustomEvent", thrower)
	h := handle(t, map[string]any{"type": "track", "event": "E"})
	assert.True(t, h.OK)
	assert.Equal(t, "sdk_error", h.Warnings[0].Code)
	assert.Equal(t, 1, h.Dropped, "no call sent")
}

// The SDK returns false for what it refuses that core cannot know of (an
// event blocklisted in the Braze dashboard): a warning, not counted as
// sent, the event dropped. A name with a character the SDK refuses never
// reaches it (core's invalid_name).
func TestSDKRefuses(t *testing.T) {
	b, calls := newTestBridge(t, map[string]any{"apiKey": "k"})
	b.Call("start", js.Null())
	refuse := js.FuncOf(func(js.Value, []js.Value) any { *calls = append(*calls, "refused"); return false })
	defer refuse.Release()
	js.Global().Get("braze").Set("logCustomEvent", refuse)
	h := handle(t, map[string]any{"type": "track", "event": "Blocklisted"})
	assert.True(t, h.OK)
	require.Len(t, h.Warnings, 1)
	assert.Equal(t, "sdk_refused", h.Warnings[0].Code)
	assert.Equal(t, 0, h.Sent)
	assert.Equal(t, 1, h.Dropped)
	assert.Contains(t, *calls, "refused")

	*calls = nil
	h = handle(t, map[string]any{"type": "track", "event": `say "hi"`})
	require.Len(t, h.Warnings, 1)
	assert.Equal(t, "event invalid_name", h.Warnings[0].Field+" "+h.Warnings[0].Code)
	assert.Equal(t, 1, h.Dropped)
	assert.Empty(t, *calls, "the SDK is not called")
}

// A step asked for during a step (which the shim prevents) is refused,
// and the bridge keeps working.
func TestHandleNotReentrant(t *testing.T) {
	b, _ := newTestBridge(t, map[string]any{"apiKey": "k"})
	b.Call("start", js.Null())
	var inner handled
	nested := js.FuncOf(func(js.Value, []js.Value) any {
		inner = handle(t, map[string]any{"type": "track", "event": "Inner"})
		return true
	})
	defer nested.Release()
	js.Global().Get("braze").Set("logCustomEvent", nested)
	h := handle(t, map[string]any{"type": "track", "event": "Outer"})
	assert.Equal(t, "busy", inner.Error.Code)
	assert.True(t, h.OK)
	assert.Equal(t, 1, h.Sent)
}

// A panic in the export costs its event, not the runtime.
func TestHandleRecoversPanics(t *testing.T) {
	b, _ := newTestBridge(t, map[string]any{"apiKey": "k"})
	b.Call("start", js.Null())
	testHandleHook = func(map[string]any) { panic("bug") }
	h := handle(t, map[string]any{"type": "track", "event": "E"})
	testHandleHook = nil
	assert.False(t, h.OK)
	assert.Equal(t, "panic", h.Error.Code)
	assert.Contains(t, h.Error.Message, "handle: bug")
	assert.Equal(t, 1, handle(t, map[string]any{"type": "track", "event": "E"}).Sent, "the next event goes through")
	assert.Equal(t, "invalid_json", handle(t, "{").Error.Code)
}

// TestInitializeThrows: an SDK whose initialize throws cannot take any
// call, at page load or at the identify that ends only-known-users mode:
// the step fails with the SDK's message and state failed, and nothing
// after initialize is called.
func TestInitializeThrows(t *testing.T) {
	thrower := js.Global().Get("JSON").Get("parse").Call("bind", js.Null(), "{")
	for _, tc := range []struct {
		name     string
		settings map[string]any
		step     func(b js.Value) handled
	}{
		{"start", map[string]any{"apiKey": "k"}, func(b js.Value) handled { return resultOf(t, b.Call("start", "u1")) }},
		{"deferred", map[string]any{"apiKey": "k", "onlyTrackKnownUsersOnWeb": true}, func(b js.Value) handled {
			assert.Equal(t, "deferred", b.Call("start", js.Null()).Get("state").String())
			return handle(t, map[string]any{"type": "identify", "userId": "u1"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, calls := newTestBridge(t, tc.settings)
			js.Global().Get("braze").Set("initialize", thrower)
			res := tc.step(b)
			assert.False(t, res.OK)
			assert.Equal(t, "failed", res.State)
			assert.Equal(t, "sdk_error", res.Error.Code)
			assert.True(t, strings.HasPrefix(res.Error.Message, "initialize threw: "), res.Error.Message)
			assert.Contains(t, res.Error.Message, "JSON", "the SDK's own message")
			assert.Empty(t, *calls, "nothing is called after initialize")
		})
	}
}

// resultOf reads a StepResult that a js.FuncOf method returned.
func resultOf(t *testing.T, v js.Value) handled {
	var h handled
	require.NoError(t, json.Unmarshal([]byte(js.Global().Get("JSON").Call("stringify", v).String()), &h))
	return h
}

func TestGuardRecoversPanics(t *testing.T) {
	fn := js.FuncOf(guard("handle", func([]js.Value) any { panic("bug") }))
	defer fn.Release()
	res := fn.Invoke()
	assert.False(t, res.Get("ok").Bool())
	assert.Equal(t, "panic", res.Get("error").Get("code").String())
	assert.Contains(t, res.Get("error").Get("message").String(), "handle: bug")
}

func TestReadObject(t *testing.T) {
	deep := `{"d":`
	text := `{"traits":{"a":1,"deep":` + strings.Repeat(deep, 20) + `1` + strings.Repeat("}", 20) + `},"long":"` + strings.Repeat("x", core.MaxPropertiesBytes+1) + `"}`
	m, ws, err := readObject([]byte(text))
	require.NoError(t, err)
	assert.Equal(t, 1.0, m["traits"].(map[string]any)["a"])
	assert.NotContains(t, m, "long")
	var got []string
	for _, w := range ws {
		got = append(got, w.Field+" "+w.Code)
	}
	assert.Equal(t, []string{"traits.deep" + strings.Repeat(".d", 15) + " too_deep", "long payload_too_large"}, got)

	// 20 arrays of 600: under the key limit, over the node budget.
	list := "[" + strings.Repeat("1,", 599) + "1]"
	many := `{"a":` + list + strings.Repeat(`,"a":`+list, 19) + `}`
	_, ws, err = readObject([]byte(`{"properties":` + many + `}`))
	require.NoError(t, err)
	require.Len(t, ws, 1)
	assert.Equal(t, "payload_too_large", ws[0].Code, "the node budget")

	m, ws, err = readObject([]byte(`null`))
	assert.NoError(t, err)
	assert.Empty(t, m)
	assert.Empty(t, ws)
	m, ws, err = readObject([]byte(`"nope"`))
	assert.NoError(t, err)
	assert.Empty(t, m)
	assert.Equal(t, "invalid_type", ws[0].Code)
	_, _, err = readObject([]byte(`{"a":`))
	assert.Error(t, err)
}

// TestPlanNeedsPlanner: the module pages download makes no dry run; plan
// says which build does and how to load it.
func TestPlanNeedsPlanner(t *testing.T) {
	target := js.Global().Get("Object").New()
	install(target, newBridge())
	res := target.Call("plan", jsonText(t, map[string]any{"apiKey": "k"}), js.ValueOf([]any{}), js.Undefined(), 0)
	assert.False(t, res.Get("ok").Truthy())
	assert.Equal(t, "no_planner", res.Get("error").Get("code").String())
	assert.Contains(t, res.Get("error").Get("message").String(), "planner/ folder")
}

// TestSaved: status() counts the data points sent and those the two
// options kept from Braze, from each step's result.
func TestSaved(t *testing.T) {
	b, _ := newTestBridge(t, map[string]any{"apiKey": "k", "debounceIdentify": true, "sendOnlyChangedTraits": true})
	b.Call("start", js.Null())
	identify := func(traits map[string]any) handled {
		return handle(t, map[string]any{"type": "identify", "userId": "u", "traits": traits})
	}
	h := identify(map[string]any{"plan": "pro", "seats": 3})
	assert.Equal(t, []int{2, 0}, []int{h.DataPoints, h.Saved})
	h = identify(map[string]any{"plan": "pro", "seats": 3}) // debounced
	assert.Equal(t, []int{0, 2, 0}, []int{h.DataPoints, h.Saved, h.Dropped})
	h = identify(map[string]any{"plan": "team", "seats": 3}) // seats unchanged
	assert.Equal(t, []int{1, 1}, []int{h.DataPoints, h.Saved})
}

// sortedJSON is v as JSON with keys sorted at every level.
func sortedJSON(v js.Value) string {
	sorter := js.Global().Get("Function").New("v", `const s = x => Array.isArray(x) ? x.map(s) : x && typeof x == 'object' ?
		Object.fromEntries(Object.keys(x).sort().map(k => [k, s(x[k])])) : x; return JSON.stringify(s(v));`)
	return sorter.Invoke(v).String()
}

// TestJSONMatchesToJS checks that what the JSON writer gives the shim's
// maker, parsed with its dates set by path, is what toJS builds, member
// order included.
func TestJSONMatchesToJS(t *testing.T) {
	values := []any{
		map[string]any{},
		map[string]any{"b": 1.0, "a": "x", "10": true, "2": nil, "nested": map[string]any{"z": []any{1.5, "s", false}}},
		[]any{"\"quote\" \\ back", "ctl\x00\x1f\x7f", "é ☃ 😀 \u2028", "bad utf8 \xff\xfe end"},
		[]any{1e21, 1e-7, 5e-324, -0.0, 123456789.125, float64(1 << 53), -1.0},
		[]any{[]string{"a", "b"}, 7},
		map[string]any{"x": []any{map[string]any{"y": "z"}}},
		map[string]any{"when": core.Date(1606730400123), "mark": "\uE000kept", "list": []any{core.Date(-5)}},
		[]any{core.Date(1), map[string]any{"": []any{"a", core.Date(2)}, "x": map[string]any{"d": core.Date(3)}}},
	}
	// The maker's reading of the text (js/src/entry.js), on the values.
	revive := js.Global().Get("Function").New("t", `const a = JSON.parse(t);
		for (const [ms, k, ...path] of a[1]) path.reduce((o, i) => o[i], a)[k] = new Date(ms);
		return a[0];`)
	stringify := js.Global().Get("JSON").Get("stringify")
	for _, v := range values {
		var j jsonWriter
		j.put("[")
		require.True(t, j.member(step{index: 0}, v))
		j.endDates()
		got := revive.Invoke(string(j.b))
		assert.Equal(t, stringify.Invoke(toJS(v, nil)).String(), stringify.Invoke(got).String(), "%#v", v)
		if m, ok := v.(map[string]any); ok && m["when"] != nil {
			assert.True(t, got.Get("when").InstanceOf(jsDate), "a date is a Date")
		}
	}
	var j jsonWriter
	require.True(t, j.value([]any{-0.0}))
	negZero := jsParse.Invoke(string(j.b)).Index(0)
	assert.True(t, js.Global().Get("Object").Call("is", negZero, toJS(-0.0, nil)).Bool(), "-0 stays -0")
	for _, v := range []any{
		[]any{core.GenderFemale}, []any{core.Undefined{}}, map[string]any{"__proto__": 1.0}, []any{math.NaN()}, core.Options{},
	} {
		var j jsonWriter
		assert.False(t, j.value(v), "%#v goes through toJS", v)
	}
}

// An event's calls cross at once, as JSON text in linear memory, into the
// shim's maker (bridge.calls): user methods flagged, dates null and listed
// by path, genders as the SDK's constants. What the maker returns is what
// the calls did; a page load's calls, which need Go between them, go one
// by one.
func TestMakeAll(t *testing.T) {
	calls := stubSDK(t, "braze")
	var texts []string
	reply := js.ValueOf(true)
	maker := js.FuncOf(func(_ js.Value, args []js.Value) any {
		p, n := args[1].Int(), args[2].Int()
		require.Equal(t, int(address(batch.b)), p)
		assert.True(t, args[0].Equal(js.Global().Get("braze")), "called on the SDK")
		texts = append(texts, string(batch.b[:n]))
		return reply
	})
	defer maker.Release()
	b := js.Global().Get("Object").New()
	b.Set("calls", maker)
	install(b, newBridge())
	require.True(t, b.Call("configure", jsonText(t, map[string]any{"apiKey": "k"}), js.Global().Get("Object").New()).Get("ok").Bool())
	require.Equal(t, 3, b.Call("start", js.Null()).Get("sent").Int())
	assert.Empty(t, texts, "the page load's calls go one by one")
	assert.Len(t, *calls, 3)

	h := handle(t, map[string]any{"type": "track", "userId": "u1", "event": "E", "properties": map[string]any{
		"at": "2021-05-06T10:00:00Z", "n": []any{1, "2021-05-06T10:00:01Z"}, "s": "x"}})
	assert.Equal(t, handled{OK: true, State: "ready", Sent: 2, DataPoints: 1}, h)
	require.Len(t, texts, 1)
	assert.Equal(t, `[[[false,"changeUser","u1"],[false,"logCustomEvent","E",{"at":null,"n":[1,null],"s":"x"}]],`+
		`[[1.6202952e+12,"at",1,3],[1.620295201e+12,1,1,3,"n"]]]`, texts[0])

	h = handle(t, map[string]any{"type": "identify", "traits": map[string]any{"gender": "female", "email": "a@b.c"}})
	assert.Equal(t, 2, h.Sent)
	assert.Equal(t, `[[[true,"setEmail","a@b.c"],[true,"setGender","G:f"]],[]]`, texts[1])
	assert.Len(t, *calls, 3, "the maker made them all")

	// What each did: taken, refused, threw, or threw for want of the method.
	reply = js.ValueOf([]any{true, false})
	h = handle(t, map[string]any{"type": "track", "userId": "u2", "event": "E"})
	assert.Equal(t, 1, h.Sent)
	require.Len(t, h.Warnings, 1)
	assert.Equal(t, "logCustomEvent sdk_refused", h.Warnings[0].Field+" "+h.Warnings[0].Code)
	reply = js.ValueOf([]any{"boom"})
	h = handle(t, map[string]any{"type": "track", "event": "E"})
	require.Len(t, h.Warnings, 1)
	assert.Equal(t, "logCustomEvent threw: JavaScript error: boom", h.Warnings[0].Message)
	assert.Equal(t, 1, h.Dropped)
	js.Global().Get("braze").Delete("logCustomEvent")
	h = handle(t, map[string]any{"type": "track", "event": "E"})
	require.Len(t, h.Warnings, 1)
	assert.Equal(t, "logCustomEvent is not a function in this SDK version", h.Warnings[0].Message)
}
