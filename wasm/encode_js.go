//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

var (
	jsObject = js.Global().Get("Object")
	jsArray  = js.Global().Get("Array")
	jsDate   = js.Global().Get("Date")
	jsParse  = js.Global().Get("JSON").Get("parse")
)

// toJSArgs converts call arguments to JS values one by one, for the calls
// Go makes itself (a page load's, or any when the shim has no maker) and
// for dry runs. An event's calls cross at once, as JSON (sdk.makeAll):
// building an object key by key costs two JS crossings per member.
func toJSArgs(args []any, g *genders) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = toJS(a, g)
	}
	return out
}

// jsonWriter writes call arguments as JSON.
type jsonWriter struct {
	b []byte
	// path leads to the value being written; dates holds the dates
	// written, as null, by path.
	path  []step
	dates []dateAt
}

// step is a member's key, or an element's index when index >= 0.
type step struct {
	key   string
	index int
}

// dateAt is a date written as null, and where it goes.
type dateAt struct {
	path []step
	ms   float64
}

// endDates appends, as the shim's maker reads them, the dates written,
// [ms, key, ...path to its holder] each, as the last element of the list
// being written, and ends the list.
func (j *jsonWriter) endDates() {
	j.put(",[")
	for i, d := range j.dates {
		last := len(d.path) - 1
		if i > 0 {
			j.put(",")
		}
		j.put("[")
		j.value(d.ms)
		j.step(d.path[last])
		for _, at := range d.path[:last] {
			j.step(at)
		}
		j.put("]")
	}
	j.put("]]")
}

// step appends a comma and at's key or index.
func (j *jsonWriter) step(at step) {
	j.put(",")
	if at.index >= 0 {
		j.int(int64(at.index))
	} else {
		j.value(at.key)
	}
}

// value appends v as JSON, keys sorted as toJS orders them. It reports
// false for what JSON cannot carry as toJS would convert it: genders,
// undefined, initialize options, NaN and infinities. "__proto__" keys,
// which JSON.parse would keep as data, never reach it: core refuses them
// as property keys.
func (j *jsonWriter) value(v any) bool {
	switch v := v.(type) {
	case string:
		j.b = core.AppendJSONString(j.b, v)
	case core.Date:
		j.dates = append(j.dates, dateAt{append([]step(nil), j.path...), float64(v)})
		j.put("null")
	case []any:
		j.put("[")
		for i, e := range v {
			if i > 0 {
				j.put(",")
			}
			if !j.member(step{index: i}, e) {
				return false
			}
		}
		j.put("]")
	case map[string]any:
		j.put("{")
		for i, k := range core.SortedKeys(v) {
			if k == "__proto__" {
				return false
			}
			if i > 0 {
				j.put(",")
			}
			j.b = core.AppendJSONString(j.b, k)
			j.put(":")
			if !j.member(step{key: k, index: -1}, v[k]) {
				return false
			}
		}
		j.put("}")
	case nil:
		j.put("null")
	case bool:
		j.put(strconv.FormatBool(v))
	case int:
		j.int(int64(v))
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
		j.b = strconv.AppendFloat(j.b, v, 'g', -1, 64)
	case []string:
		j.put("[")
		for i, e := range v {
			if i > 0 {
				j.put(",")
			}
			j.b = core.AppendJSONString(j.b, e)
		}
		j.put("]")
	default:
		return false
	}
	return true
}

// member writes v, the member or element s of the value being written.
func (j *jsonWriter) member(s step, v any) bool {
	j.path = append(j.path, s)
	ok := j.value(v)
	j.path = j.path[:len(j.path)-1]
	return ok
}

// put and int append to the JSON. Not inlined: each append inlined at
// the value's dozen places costs more of the wasm module than the calls
// cost time.
//
//go:noinline
func (j *jsonWriter) put(s string) { j.b = append(j.b, s...) }

//go:noinline
func (j *jsonWriter) int(n int64) { j.b = strconv.AppendInt(j.b, n, 10) }

// toJS converts a core value: dates become Date objects, genders the SDK's
// constants, Undefined undefined, and Options an object in option order.
func toJS(v any, g *genders) js.Value {
	switch v := v.(type) {
	case nil:
		return js.Null()
	case core.Undefined:
		return js.Undefined()
	case string, float64, bool, int:
		return js.ValueOf(v)
	case core.Date:
		return jsDate.New(float64(v))
	case core.Gender:
		return g.value(v)
	case []any:
		a := jsArray.New(len(v))
		for i, e := range v {
			a.SetIndex(i, toJS(e, g))
		}
		return a
	case map[string]any:
		// Sorted, so that a plan shows the same event the same way.
		o := jsObject.New()
		for _, k := range core.SortedKeys(v) {
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

// The bridge results cross as one JSON string for JSON.parse, written
// member by member rather than with vert or encoding/json (reflect and
// fmt: about 150 KiB of the compressed module, bench/report.md): a dozen
// members and the warnings set one by one on a JS object cost about 2 us
// each. The js tags on the result structs name the members.

func (r configureResult) jsValue() js.Value {
	o := jsonObject{}
	o.bool("ok", r.OK)
	o.error(r.Error)
	o.warnings(r.Warnings)
	if r.OK {
		o.str("sdkUrl", r.SDKURL)
		o.str("sdkIntegrity", r.SDKIntegrity)
		o.str("version", r.Version)
		o.str("family", r.Family)
		o.str("global", r.Global)
		o.int("readyTimeoutMs", r.ReadyTimeoutMs)
		o.bool("appboyCompat", r.AppboyCompat)
		o.bool("onlyKnownUsers", r.OnlyKnownUsers)
		o.bool("consent", r.Consent)
		o.str("plan", r.Plan)
	}
	return jsParse.Invoke(string(o.end()))
}

// jsValue is the result of start, or of a step that failed.
func (r stepResult) jsValue() js.Value { return jsParse.Invoke(string(r.appendJSON(nil))) }

// appendJSON appends r as JSON (bridge.d.ts StepResult).
func (r stepResult) appendJSON(b []byte) []byte {
	o := jsonObject{b}
	o.bool("ok", r.OK)
	o.error(r.Error)
	o.str("state", r.State)
	o.int("sent", r.Sent)
	o.int("dropped", r.Dropped)
	o.int("buffered", r.Buffered)
	o.int("dataPoints", r.DataPoints)
	o.int("saved", r.Saved)
	o.warnings(r.Warnings)
	return o.end()
}

// error writes e as member "error", when there is one.
func (o *jsonObject) error(e *bridgeError) {
	if e != nil {
		var x jsonObject
		x.str("code", e.Code)
		x.str("message", e.Message)
		x.str("field", e.Field)
		o.raw("error", x.end())
	}
}

// warnings writes ws as member "warnings": {event, field, code, message, level}.
func (o *jsonObject) warnings(ws []core.Warning) {
	list := jsonWriter{b: []byte{'['}}
	for i, w := range ws {
		if i > 0 {
			list.put(",")
		}
		var x jsonObject
		x.int("event", w.Event)
		x.str("field", w.Field)
		x.str("code", w.Code)
		x.str("message", w.Message)
		x.str("level", w.Level)
		list.b = append(list.b, x.end()...)
	}
	list.put("]")
	o.raw("warnings", list.b)
}

// jsonObject writes a JSON object member by member. Its methods are not
// inlined: each append inlined at every member would cost more of the
// size budget than the calls cost time.
type jsonObject struct{ b []byte }

//go:noinline
func (o *jsonObject) key(k string) {
	sep := ","
	if len(o.b) == 0 {
		sep = "{"
		if o.b == nil {
			o.b = make([]byte, 0, 256)
		}
	}
	o.b = append(core.AppendJSONString(append(o.b, sep...), k), ':')
}

//go:noinline
func (o *jsonObject) str(k, v string) { o.key(k); o.b = core.AppendJSONString(o.b, v) }

//go:noinline
func (o *jsonObject) int(k string, v int) { o.key(k); o.b = strconv.AppendInt(o.b, int64(v), 10) }

//go:noinline
func (o *jsonObject) bool(k string, v bool) { o.key(k); o.b = append(o.b, strconv.FormatBool(v)...) }

//go:noinline
func (o *jsonObject) raw(k string, v []byte) { o.key(k); o.b = append(o.b, v...) }

// end returns the object's text.
//
//go:noinline
func (o *jsonObject) end() []byte {
	if len(o.b) == 0 {
		return []byte("{}")
	}
	return append(o.b, '}')
}
