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

// toJSArgs converts call arguments to JS values. Objects and arrays that
// JSON can carry cross as one JSON string for JSON.parse: building them
// key by key costs two JS crossings per member (about 22 us for 15
// properties, shared/notes/go-wasm.md), one string crossing costs about 2.
func toJSArgs(args []any, g genders) []any {
	out := make([]any, len(args))
	var buf []byte
	for i, a := range args {
		switch a.(type) {
		case map[string]any, []any:
			if b, ok := appendJSON(buf[:0], a); ok {
				out[i], buf = jsParse.Invoke(string(b)), b
				continue
			}
		}
		out[i] = toJS(a, g)
	}
	return out
}

// appendJSON appends v as JSON, keys sorted as toJS orders them. It
// reports false for what JSON cannot carry as toJS would convert it:
// dates, genders, undefined, initialize options, NaN and infinities.
// "__proto__" keys, which JSON.parse would keep as data, never reach it:
// core refuses them as property keys.
func appendJSON(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), true
	case bool:
		return strconv.AppendBool(b, v), true
	case string:
		return appendJSONString(b, v), true
	case int:
		return strconv.AppendInt(b, int64(v), 10), true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return b, false
		}
		return strconv.AppendFloat(b, v, 'g', -1, 64), true
	case []string:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, e)
		}
		return append(b, ']'), true
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			var ok bool
			if b, ok = appendJSON(b, e); !ok {
				return b, false
			}
		}
		return append(b, ']'), true
	case map[string]any:
		b = append(b, '{')
		for i, k := range core.SortedKeys(v) {
			if k == "__proto__" {
				return b, false
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(appendJSONString(b, k), ':')
			var ok bool
			if b, ok = appendJSON(b, v[k]); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	}
	return b, false
}

// appendJSONString appends s as a JSON string. Bytes that are not UTF-8
// pass through: the JS side decodes the whole text with TextDecoder, which
// replaces them as it does for any Go string crossing.
//
//go:noinline
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
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
	case core.Date:
		return jsDate.New(float64(v))
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

// The bridge results are built field by field rather than with vert: vert
// brings reflect and fmt, about 150 KiB of the compressed module
// (bench/report.md). The js tags on the result structs name the fields.

func (e *bridgeError) jsValue() js.Value {
	o := jsObject.New()
	o.Set("code", e.Code)
	o.Set("message", e.Message)
	o.Set("field", e.Field)
	return o
}

// jsWarnings converts warnings to an array of {event, field, code, message, level}.
func jsWarnings(ws []core.Warning) js.Value {
	a := jsArray.New(len(ws))
	for i, w := range ws {
		o := jsObject.New()
		o.Set("event", w.Event)
		o.Set("field", w.Field)
		o.Set("code", w.Code)
		o.Set("message", w.Message)
		o.Set("level", w.Level)
		a.SetIndex(i, o)
	}
	return a
}

// newResult starts a result object with ok, error (when set) and warnings.
func newResult(ok bool, err *bridgeError, ws []core.Warning) js.Value {
	o := jsObject.New()
	o.Set("ok", ok)
	if err != nil {
		o.Set("error", err.jsValue())
	}
	o.Set("warnings", jsWarnings(ws))
	return o
}

func (f failure) jsValue() js.Value { return newResult(f.OK, f.Error, f.Warnings) }

func (r configureResult) jsValue() js.Value {
	o := newResult(r.OK, r.Error, r.Warnings)
	if !r.OK {
		return o
	}
	o.Set("sdkUrl", r.SDKURL)
	o.Set("sdkIntegrity", r.SDKIntegrity)
	o.Set("version", r.Version)
	o.Set("family", r.Family)
	o.Set("global", r.Global)
	o.Set("readyTimeoutMs", r.ReadyTimeoutMs)
	o.Set("appboyCompat", r.AppboyCompat)
	o.Set("onlyKnownUsers", r.OnlyKnownUsers)
	return o
}

// jsValue builds the result of every handle call as one JSON string for
// JSON.parse: a dozen members and the warnings set one by one cost about
// 2 us each.
func (r stepResult) jsValue() js.Value {
	var o jsonObject
	o.bool("ok", r.OK)
	if r.Error != nil {
		var e jsonObject
		e.str("code", r.Error.Code)
		e.str("message", r.Error.Message)
		e.str("field", r.Error.Field)
		o.raw("error", e.end())
	}
	o.str("state", r.State)
	o.int("sent", r.Sent)
	o.int("dropped", r.Dropped)
	o.int("buffered", r.Buffered)
	o.int("dataPoints", r.DataPoints)
	o.int("saved", r.Saved)
	ws := []byte{'['}
	for i, w := range r.Warnings {
		if i > 0 {
			ws = append(ws, ',')
		}
		var x jsonObject
		x.int("event", w.Event)
		x.str("field", w.Field)
		x.str("code", w.Code)
		x.str("message", w.Message)
		x.str("level", w.Level)
		ws = append(ws, x.end()...)
	}
	o.raw("warnings", append(ws, ']'))
	return jsParse.Invoke(string(o.end()))
}

// jsonObject writes a JSON object member by member. Its methods are not
// inlined: each append inlined at every member would cost more of the
// size budget than the calls cost time.
type jsonObject struct{ b []byte }

//go:noinline
func (o *jsonObject) key(k string) {
	if o.b == nil {
		o.b = make([]byte, 0, 256)
	}
	if len(o.b) == 0 {
		o.b = append(o.b, '{')
	} else {
		o.b = append(o.b, ',')
	}
	o.b = append(appendJSONString(o.b, k), ':')
}

//go:noinline
func (o *jsonObject) str(k, v string) { o.key(k); o.b = appendJSONString(o.b, v) }

//go:noinline
func (o *jsonObject) int(k string, v int) { o.key(k); o.b = strconv.AppendInt(o.b, int64(v), 10) }

//go:noinline
func (o *jsonObject) bool(k string, v bool) { o.key(k); o.b = strconv.AppendBool(o.b, v) }

//go:noinline
func (o *jsonObject) raw(k string, v []byte) { o.key(k); o.b = append(o.b, v...) }

// end returns the object's text.
func (o *jsonObject) end() []byte {
	if len(o.b) == 0 {
		return []byte("{}")
	}
	return append(o.b, '}')
}
