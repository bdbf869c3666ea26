//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// buildID names this build's code for the boot plan (core.BootPlan's
// Build): the Makefile sets it, to a hash of the module's sources, for the
// module and for the planner build alike (go build -ldflags -X); "" under
// go test.
var buildID string

// makePlan returns the text of the boot plan the settings (text and raw)
// make, "" for none. Only the planner build has it (planner_js.go): pages
// never download the code that makes plans, only the check.
var makePlan func(text string, raw map[string]any) string

// pagePlan returns, when plan (hooks.plan) is a string, the text of the
// boot plan in use: the page's, when it is this build's plan for the
// settings (text, raw and s), else "" and a warning in ws saying why. An
// empty plan asks for one (js/bootplan.js): the planner build makes it.
func pagePlan(plan js.Value, text string, raw map[string]any, s *core.Settings, ws *[]core.Warning) string {
	if plan.Type() != js.TypeString {
		return ""
	}
	given := plan.String()
	if given == "" {
		if makePlan == nil {
			return ""
		}
		return makePlan(text, raw)
	}
	ok, w := core.CheckBootPlan(given, buildID, text, raw, len(s.ConsentCategories) > 0)
	if !ok {
		*ws = append(*ws, w)
		return ""
	}
	return given
}
