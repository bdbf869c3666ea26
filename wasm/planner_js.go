//go:build js && wasm && planner

package main

import (
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// The planner build (go build -tags planner; build/planner/braze-wasm.wasm)
// is the module plus what only developers' tools use: it makes boot plans,
// for make dist and the npm package's braze-wasm-plan (js/bootplan.js),
// which run it under node, and dry runs, for BrazeWasm.plan() in the
// playground and in tests. A boot plan crosses as JSON.stringify writes
// it; the page's module takes it when its settings text and build are its
// own (pagePlan).
func init() {
	dryRun = plan
	makePlan = func(text string, raw map[string]any) string {
		p, ok := core.MakeBootPlan(text, raw, buildID)
		if !ok {
			return ""
		}
		return js.Global().Get("JSON").Call("stringify", planJS(p)).String()
	}
}

// planJS is the plan as the shim reads it (js/src/boot.js): calls are
// arrays of the method and its arguments, as the SDK gets them.
func planJS(p core.BootPlan) js.Value {
	var o jsonObject
	o.str("settings", p.Settings)
	o.str("build", p.Build)
	o.str("sdkUrl", p.SDKURL)
	o.str("sdkIntegrity", p.SDKIntegrity)
	o.str("global", p.Global)
	o.bool("appboyCompat", p.AppboyCompat)
	o.str("off", p.Off)
	o.int("maxUserId", p.MaxUserID)
	v := jsParse.Invoke(string(o.end()))
	v.Set("known", callsJS(p.Known))
	v.Set("anonymous", callsJS(p.Anonymous))
	return v
}

func callsJS(calls []core.Call) js.Value {
	a := jsArray.New()
	for i, c := range calls {
		a.SetIndex(i, jsArray.Call("of", append([]any{c.Method}, toJSArgs(c.Args, nil)...)...))
	}
	return a
}

type planOptions struct {
	InitialUserID string `js:"initialUserId"`
}

// plan is the dry run (bridge.plan): the calls, warnings and data points
// of a page load with the settings followed by the events.
func plan(args []js.Value) any {
	raw, ws, err := readObject([]byte(arg(args, 0).String()))
	if err != nil {
		return failed("invalid_json", "settings: "+err.Error()).jsValue()
	}
	var events []map[string]any
	var ew []core.Warning // the events' own, with their index
	if list := arg(args, 1); list.Type() == js.TypeObject {
		for i, n := 0, list.Length(); i < n; i++ {
			ev, w, err := readObject([]byte(list.Index(i).String()))
			if err != nil {
				ev, w = map[string]any{}, []core.Warning{{Code: "invalid_json", Message: err.Error()}}
			}
			for j := range w {
				w[j].Event = i
			}
			events = append(events, ev)
			ew = append(ew, w...)
		}
	}
	if total := arg(args, 3); total.Type() == js.TypeNumber && total.Int() > len(events) {
		ws = append(ws, core.Warnf("events", core.CodeTooManyKeys, "%d events: only the first %d were planned", total.Int(), len(events)))
	}
	var opts planOptions
	if o := arg(args, 2); o.Type() == js.TypeObject {
		// A wrong type only loses the option; the plan still runs.
		if id := o.Get("initialUserId"); id.Type() == js.TypeString {
			opts.InitialUserID = id.String()
		}
	}
	p := core.Plan(raw, events, opts.InitialUserID)
	for i := range ws {
		ws[i].Event = -1
	}
	// The result crosses as one JSON string, as stepResult does; only
	// the calls' arguments are set on it, as the SDK gets them (toJSArgs).
	var o jsonObject
	o.bool("ok", p.Err == nil)
	if p.Err != nil {
		o.error(errorOf(p.Err))
	}
	calls := jsonWriter{b: []byte{'['}}
	for i, c := range p.Calls {
		if i > 0 {
			calls.put(",")
		}
		var x jsonObject
		x.str("method", c.Method)
		x.raw("args", []byte("null")) // its place in the member order
		x.int("event", c.Event)
		x.int("dataPoints", c.DataPoints)
		calls.b = append(calls.b, x.end()...)
	}
	calls.put("]")
	o.raw("calls", calls.b)
	o.warnings(append(append(ws, ew...), p.Warnings...))
	o.int("dataPoints", p.DataPoints)
	o.str("sdkUrl", p.SDKURL)
	if p.Settings != nil {
		// The global follows the version, never the text of sdkUrl.
		o.str("version", p.Settings.Version)
		o.str("global", p.Settings.Family.Global())
		o.raw("savings", appendSavings(p.Savings))
	}
	out := jsParse.Invoke(string(o.end()))
	jsCalls := out.Get("calls")
	for i, c := range p.Calls {
		jsCalls.Index(i).Set("args", toJSArgs(c.Args, nil))
	}
	return out
}

// appendSavings writes the savings as JSON.
func appendSavings(s core.Savings) []byte {
	var o jsonObject
	o.int("saved", s.Saved)
	o.int("allOn", s.AllOn)
	o.raw("debounceIdentify", optionSaving(s.DebounceIdentify))
	o.raw("sendOnlyChangedTraits", optionSaving(s.SendOnlyChangedTraits))
	return o.end()
}

func optionSaving(s core.OptionSaving) []byte {
	var o jsonObject
	o.bool("on", s.On)
	o.int("saved", s.Saved)
	per := jsonWriter{b: []byte{'['}}
	for i, n := range s.PerEvent {
		if i > 0 {
			per.put(",")
		}
		per.int(int64(n))
	}
	per.put("]")
	o.raw("perEvent", per.b)
	return o.end()
}
