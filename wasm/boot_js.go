//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// The boot plan (core/boot.go) crosses as JSON.stringify writes it: made
// by make dist under node and again here in the page by the same
// function, a plan of this build for these settings is the same text,
// whether the page passes it as text or as the object an import gives.
var jsStringify = js.Global().Get("JSON").Get("stringify")

// planJS is the plan as the shim reads it (js/src/boot.js): calls are
// arrays of the method and its arguments, as the SDK gets them.
func planJS(p core.BootPlan) js.Value {
	var o jsonObject
	o.str("settings", p.Settings)
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
		a.SetIndex(i, jsArray.Call("of", append([]any{c.Method}, toJSArgs(c.Args, nil, js.Undefined())...)...))
	}
	return a
}

// pagePlan returns, when plan (hooks.plan) is a string, the text of the
// boot plan the settings (text and raw) make ("" when they make none), and
// adds the warning about plan to ws when it is another one.
func pagePlan(plan js.Value, text string, raw map[string]any, ws *[]core.Warning) (own string) {
	if plan.Type() != js.TypeString {
		return ""
	}
	if p, ok := core.MakeBootPlan(text, raw); ok {
		own = jsStringify.Invoke(planJS(p)).String()
	}
	if given := plan.String(); given != own && given != "" {
		*ws = append(*ws, core.CheckBootPlan(given, own, text, raw))
	}
	return own
}
