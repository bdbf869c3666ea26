//go:build js && wasm

package main

import (
	"math"
	"strings"
	"syscall/js"
	"testing"

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
	res := target.Call("configure", js.ValueOf(settings), js.Global().Get("Object").New())
	require.True(t, res.Get("ok").Bool(), show(res))
	return target, calls
}

func TestStartAndHandle(t *testing.T) {
	b, calls := newTestBridge(t, map[string]any{"apiKey": "key", "baseUrl": "http://127.0.0.1:1/api/v3", "trackAllPages": true})
	res := b.Call("start", "user-1")
	assert.Equal(t, "ready", res.Get("state").String())
	assert.Equal(t, 4, res.Get("sent").Int())

	ev := js.ValueOf(map[string]any{"type": "identify", "userId": "user-1", "traits": map[string]any{
		"email": "ada@example.com", "gender": "female", "plan": "pro"}})
	ev.Get("traits").Set("birthday", jsDate.New("1990-12-10T00:00:00Z"))
	res = b.Call("handle", ev)
	assert.True(t, res.Get("ok").Bool())
	assert.Equal(t, 0, res.Get("dropped").Int())

	res = b.Call("handle", js.ValueOf(map[string]any{"type": "track", "event": "Bought", "properties": map[string]any{"n": 1, "price": 2}}))
	assert.Equal(t, "properties.price", res.Get("warnings").Index(0).Get("field").String())

	assert.Equal(t, 1, res.Get("dataPoints").Int())

	// An alias is a choice (info), not a loss; an unknown type is a loss.
	res = b.Call("handle", js.ValueOf(map[string]any{"type": "alias"}))
	assert.Equal(t, 0, res.Get("dropped").Int())
	assert.Equal(t, "info", res.Get("warnings").Index(0).Get("level").String())
	res = b.Call("handle", js.ValueOf(map[string]any{"type": "rocket"}))
	assert.Equal(t, 1, res.Get("dropped").Int())
	assert.Equal(t, "warning", res.Get("warnings").Index(0).Get("level").String())

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
	target.Call("configure", js.ValueOf(map[string]any{"apiKey": "k", "automaticallyDisplayMessages": false}), hooks)
	target.Call("start", js.Null())
	assert.Equal(t, []string{`initialize("k",{"baseUrl":"sdk.iad-01.braze.com"})`, "hook:function", "openSession()"}, *calls)
}

func TestConfigureFailure(t *testing.T) {
	target := js.Global().Get("Object").New()
	install(target, newBridge())
	res := target.Call("configure", js.ValueOf(map[string]any{"version": "6"}), js.Undefined())
	assert.False(t, res.Get("ok").Bool())
	assert.Equal(t, "missing_api_key", res.Get("error").Get("code").String())
	assert.Equal(t, "apiKey", res.Get("error").Get("field").String())
	assert.Equal(t, "missing: the Braze web API key is required", res.Get("error").Get("message").String(),
		"the field is not repeated in the message")
	res = target.Call("handle", js.ValueOf(map[string]any{"type": "track", "event": "E"}))
	assert.False(t, res.Get("ok").Bool(), "handle before a successful configure and start")
}

func TestSDKThrows(t *testing.T) {
	b, _ := newTestBridge(t, map[string]any{"apiKey": "k"})
	b.Call("start", js.Null())
	// A real JS exception: JSON.parse bound to malformed input throws a
	// SyntaxError whatever the SDK passes it.
	thrower := js.Global().Get("JSON").Get("parse").Call("bind", js.Null(), "{")
	js.Global().Get("braze").Set("logCustomEvent", thrower)
	res := b.Call("handle", js.ValueOf(map[string]any{"type": "track", "event": "E"}))
	assert.True(t, res.Get("ok").Bool())
	assert.Equal(t, "sdk_error", res.Get("warnings").Index(0).Get("code").String())
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
		step     func(b js.Value) js.Value
	}{
		{"start", map[string]any{"apiKey": "k"}, func(b js.Value) js.Value { return b.Call("start", "u1") }},
		{"deferred", map[string]any{"apiKey": "k", "onlyTrackKnownUsersOnWeb": true}, func(b js.Value) js.Value {
			assert.Equal(t, "deferred", b.Call("start", js.Null()).Get("state").String())
			return b.Call("handle", js.ValueOf(map[string]any{"type": "identify", "userId": "u1"}))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, calls := newTestBridge(t, tc.settings)
			js.Global().Get("braze").Set("initialize", thrower)
			res := tc.step(b)
			assert.False(t, res.Get("ok").Bool())
			assert.Equal(t, "failed", res.Get("state").String())
			assert.Equal(t, "sdk_error", res.Get("error").Get("code").String())
			msg := res.Get("error").Get("message").String()
			assert.True(t, strings.HasPrefix(msg, "initialize threw: "), msg)
			assert.Contains(t, msg, "JSON", "the SDK's own message")
			assert.Empty(t, *calls, "nothing is called after initialize")
		})
	}
}

func TestGuardRecoversPanics(t *testing.T) {
	fn := js.FuncOf(guard("handle", func([]js.Value) any { panic("bug") }))
	defer fn.Release()
	res := fn.Invoke()
	assert.False(t, res.Get("ok").Bool())
	assert.Equal(t, "panic", res.Get("error").Get("code").String())
	assert.Contains(t, res.Get("error").Get("message").String(), "handle: bug")
}

func TestDecodeObject(t *testing.T) {
	o := js.Global().Get("Object").New()
	o.Set("self", o)
	o.Set("n", js.Global().Get("NaN"))
	o.Set("when", jsDate.New("2020-01-02T03:04:05.678Z"))
	o.Set("bad", jsDate.New("nope"))
	o.Set("fn", js.Global().Get("Object"))
	o.Set("list", js.ValueOf([]any{"a", map[string]any{"b": nil}}))
	o.Set("skip", js.Undefined())
	m, ws := decodeObject(o, "properties")
	var fields []string
	for _, w := range ws {
		fields = append(fields, w.Field+" "+w.Code)
	}
	assert.ElementsMatch(t, []string{"properties.self cyclic", "properties.bad invalid_value", "properties.fn invalid_type"}, fields)
	assert.Equal(t, core.Date(1577934245678), m["when"], "a Date is its getTime()")
	assert.Equal(t, "2020-01-02T03:04:05.678Z", m["when"].(core.Date).String())
	assert.Equal(t, []any{"a", map[string]any{"b": nil}}, m["list"])
	assert.NotContains(t, m, "skip")

	deep := js.Global().Get("Object").New()
	cur := deep
	for range 40 {
		next := js.Global().Get("Object").New()
		cur.Set("d", next)
		cur = next
	}
	_, ws = decodeObject(deep, "traits")
	require.Len(t, ws, 1)
	assert.Equal(t, "too_deep", ws[0].Code)
}

func TestPlan(t *testing.T) {
	target := js.Global().Get("Object").New()
	install(target, newBridge())
	events := js.ValueOf([]any{
		map[string]any{"type": "identify", "userId": "u", "traits": map[string]any{"gender": "m", "birthday": "1990-12-10"}},
		map[string]any{"type": "screen"},
	})
	res := target.Call("plan", js.ValueOf(map[string]any{"apiKey": "k", "version": "3"}), events, js.ValueOf(map[string]any{"initialUserId": "u"}))
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
	assert.Equal(t, 1, w.Get("event").Int())
	assert.Equal(t, "unsupported_event_type", w.Get("code").String())
}

// TestSaved: status() counts the data points sent and those the two
// options kept from Braze, from each step's result.
func TestSaved(t *testing.T) {
	b, _ := newTestBridge(t, map[string]any{"apiKey": "k", "debounceIdentify": true, "sendOnlyChangedTraits": true})
	b.Call("start", js.Null())
	identify := func(traits map[string]any) js.Value {
		return b.Call("handle", js.ValueOf(map[string]any{"type": "identify", "userId": "u", "traits": traits}))
	}
	res := identify(map[string]any{"plan": "pro", "seats": 3})
	assert.Equal(t, []int{2, 0}, []int{res.Get("dataPoints").Int(), res.Get("saved").Int()})
	res = identify(map[string]any{"plan": "pro", "seats": 3}) // debounced
	assert.Equal(t, []int{0, 2, 0}, []int{res.Get("dataPoints").Int(), res.Get("saved").Int(), res.Get("dropped").Int()})
	res = identify(map[string]any{"plan": "team", "seats": 3}) // seats unchanged
	assert.Equal(t, []int{1, 1}, []int{res.Get("dataPoints").Int(), res.Get("saved").Int()})
}

func TestPlanSavingsAndGlobal(t *testing.T) {
	target := js.Global().Get("Object").New()
	install(target, newBridge())
	ev := map[string]any{"type": "identify", "userId": "u", "traits": map[string]any{"plan": "pro"}}
	// A self-hosted SDK 6.13 whose URL says appboy: the version decides the global.
	res := target.Call("plan", js.ValueOf(map[string]any{"apiKey": "k", "version": "6.13", "sdkUrl": "https://cdn.example.com/appboy.min.js"}),
		js.ValueOf([]any{ev, ev}))
	require.True(t, res.Get("ok").Bool(), show(res))
	assert.Equal(t, "braze", res.Get("global").String())
	assert.Equal(t, "6.13", res.Get("version").String())
	assert.Equal(t, `{"allOn":2,"debounceIdentify":{"on":false,"perEvent":[0,1],"saved":1},"saved":0,"sendOnlyChangedTraits":{"on":false,"perEvent":[0,1],"saved":1}}`,
		sortedJSON(res.Get("savings")))
	res = target.Call("plan", js.ValueOf(map[string]any{"apiKey": "k", "version": "3.5", "sdkUrl": "https://cdn.example.com/braze.min.js"}), js.ValueOf([]any{}))
	assert.Equal(t, "appboy", res.Get("global").String())
}

// sortedJSON is v as JSON with keys sorted at every level.
func sortedJSON(v js.Value) string {
	sorter := js.Global().Get("Function").New("v", `const s = x => Array.isArray(x) ? x.map(s) : x && typeof x == 'object' ?
		Object.fromEntries(Object.keys(x).sort().map(k => [k, s(x[k])])) : x; return JSON.stringify(s(v));`)
	return sorter.Invoke(v).String()
}

func TestDecodeEventReadsWhatCoreReads(t *testing.T) {
	ev := js.ValueOf(map[string]any{"type": "track", "event": "E", "userId": "u", "properties": map[string]any{"a": 1},
		"context": map[string]any{"page": map[string]any{"url": "x"}}, "messageId": "m", "integrations": map[string]any{}})
	ev.Get("context").Set("self", ev) // a cycle in what core never reads costs nothing
	m, ws := decodeEvent(ev)
	assert.Empty(t, ws)
	assert.Equal(t, map[string]any{"type": "track", "event": "E", "userId": "u", "properties": map[string]any{"a": 1.0}}, m)

	ev.Get("properties").Set("back", ev)
	_, ws = decodeEvent(ev)
	require.Len(t, ws, 1)
	assert.Equal(t, "properties.back cyclic", ws[0].Field+" "+ws[0].Code)

	m, ws = decodeEvent(js.ValueOf("nope"))
	assert.Empty(t, m)
	assert.Equal(t, "invalid_type", ws[0].Code)
}

// TestAppendJSONMatchesToJS checks that the JSON path of toJSArgs builds
// the same JS values as toJS, member order included.
func TestAppendJSONMatchesToJS(t *testing.T) {
	values := []any{
		map[string]any{},
		map[string]any{"b": 1.0, "a": "x", "10": true, "2": nil, "nested": map[string]any{"z": []any{1.5, "s", false}}},
		[]any{"\"quote\" \\ back", "ctl\x00\x1f\x7f", "é ☃ 😀 \u2028", "bad utf8 \xff\xfe end"},
		[]any{1e21, 1e-7, 5e-324, -0.0, 123456789.125, float64(1 << 53), -1.0},
		[]any{[]string{"a", "b"}, 7},
		map[string]any{"x": []any{map[string]any{"y": "z"}}},
	}
	stringify := js.Global().Get("JSON").Get("stringify")
	for _, v := range values {
		b, ok := appendJSON(nil, v)
		require.True(t, ok, "%#v", v)
		got := stringify.Invoke(jsParse.Invoke(string(b))).String()
		want := stringify.Invoke(toJS(v, nil)).String()
		assert.Equal(t, want, got, "%#v", v)
	}
	negZero := jsParse.Invoke(string(must(appendJSON(nil, []any{-0.0})))).Index(0)
	assert.True(t, js.Global().Get("Object").Call("is", negZero, toJS(-0.0, nil)).Bool(), "-0 stays -0")
	for _, v := range []any{
		map[string]any{"d": core.Date(0)}, []any{core.GenderFemale}, []any{core.Undefined{}},
		map[string]any{"__proto__": 1.0}, []any{math.NaN()}, core.Options{},
	} {
		_, ok := appendJSON(nil, v)
		assert.False(t, ok, "%#v goes through toJS", v)
	}
}

func must(b []byte, ok bool) []byte {
	if !ok {
		panic("appendJSON refused")
	}
	return b
}

func TestKeyNames(t *testing.T) {
	o := js.Global().Get("Object").New()
	for _, k := range []string{"a", "", "b c", "é"} {
		o.Set(k, 1)
	}
	m, ws := decodeObject(o, "")
	assert.Empty(t, ws)
	assert.Equal(t, map[string]any{"a": 1.0, "": 1.0, "b c": 1.0, "é": 1.0}, m)

	o.Set("nul\x00inside", 2) // more parts than keys: read one by one
	m, _ = decodeObject(o, "")
	assert.Equal(t, 2.0, m["nul\x00inside"])
	assert.Len(t, m, 5)
	assert.Equal(t, []string{"a", ""}, keyNames(js.Global().Get("Object").Call("keys", o), 2, 5))
}

// A BigInt makes js.Value.Type panic; it must cost one warning, not the event.
func TestDecodeBigInt(t *testing.T) {
	o := js.Global().Get("Object").New()
	o.Set("ok", 1)
	o.Set("n", js.Global().Get("BigInt").Invoke(10))
	m, ws := decodeObject(o, "properties")
	assert.Equal(t, map[string]any{"ok": 1.0}, m)
	require.Len(t, ws, 1)
	assert.Equal(t, "properties.n", ws[0].Field)
	assert.Equal(t, "invalid_type", ws[0].Code)
	assert.Contains(t, ws[0].Message, "bigint")
}
