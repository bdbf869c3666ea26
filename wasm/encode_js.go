//go:build js && wasm

package main

import (
	"sort"
	"syscall/js"
	"time"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

var (
	jsObject = js.Global().Get("Object")
	jsArray  = js.Global().Get("Array")
	jsDate   = js.Global().Get("Date")
)

// toJSArgs converts call arguments to JS values.
func toJSArgs(args []any, g genders) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = toJS(a, g)
	}
	return out
}

// toJS converts a core value: dates become Date objects, genders the SDK's
// constants, Undefined undefined, and Options an object in option order.
func toJS(v any, g genders) js.Value {
	switch v := v.(type) {
	case nil:
		return js.Null()
	case core.Undefined:
		return js.Undefined()
	case string, float64, bool, int:
		return js.ValueOf(v)
	case time.Time:
		return jsDate.New(float64(v.UnixMilli()))
	case core.Gender:
		if g == nil {
			return js.ValueOf(string(v))
		}
		return g.value(v)
	case []any:
		a := jsArray.New(len(v))
		for i, e := range v {
			a.SetIndex(i, toJS(e, g))
		}
		return a
	case map[string]any:
		// Sorted, so that a plan shows the same event the same way.
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := jsObject.New()
		for _, k := range keys {
			o.Set(k, toJS(v[k], g))
		}
		return o
	case core.Options:
		o := jsObject.New()
		for _, opt := range v {
			o.Set(opt.Key, toJS(opt.Value, g))
		}
		return o
	case []string:
		a := jsArray.New(len(v))
		for i, e := range v {
			a.SetIndex(i, e)
		}
		return a
	}
	return js.Undefined()
}
