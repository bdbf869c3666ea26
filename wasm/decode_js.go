//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// Limits of the decoder. They bound the work a hostile event can cause;
// whatever they cut could not have been sent to Braze anyway.
const (
	// maxKeys is the most keys read from one object.
	maxKeys = 1000
	// maxStringBytes is the longest string copied into Go: an event's
	// properties may not exceed 50 KB in all.
	maxStringBytes = core.MaxPropertiesBytes
)

var jsIsArray = jsArray.Get("isArray")

// decodeObject walks a JS object into a map[string]any by hand. vert would
// be shorter but fails the whole assignment on any nested object or array
// inside a map (shared/notes/go-wasm.md), and events are full of them.
// Anything dropped is reported with its path.
func decodeObject(v js.Value, path string) (map[string]any, []core.Warning) {
	d := decoder{}
	if t, ok := typeOf(v); !ok || t != js.TypeObject || v.IsNull() || jsIsArray.Invoke(v).Bool() {
		if !v.IsUndefined() && !v.IsNull() {
			d.warn(path, core.CodeInvalidType, "expected an object but got %s: ignored", typeName(v))
		}
		return map[string]any{}, d.warnings
	}
	m, _ := d.object(v, path, 0)
	return m, d.warnings
}

// eventKeys are the members of a Segment event that core reads
// (core.ParseEvent). An analytics-next event also carries context,
// integrations, _metadata, messageId and timestamp, most of its size:
// reading only these saves a JS crossing per value skipped.
var eventKeys = [...]string{"type", "userId", "anonymousId", "event", "name", "category", "groupId", "traits", "properties"}

// decodeEvent reads the members of event v that core reads, walking each
// as decodeObject does; the rest is never copied into Go.
func decodeEvent(v js.Value) (map[string]any, []core.Warning) {
	d := decoder{}
	if t, ok := typeOf(v); !ok || t != js.TypeObject || v.IsNull() || jsIsArray.Invoke(v).Bool() {
		return decodeObject(v, "")
	}
	d.parents = append(d.parents, v)
	m := make(map[string]any, len(eventKeys))
	for _, k := range eventKeys {
		if e, ok := d.value(v.Get(k), k, 1); ok {
			m[k] = e
		}
	}
	return m, d.warnings
}

type decoder struct {
	warnings []core.Warning
	parents  []js.Value // the objects being walked, to catch cycles
}

//go:noinline
func (d *decoder) warn(path, code, format string, args ...any) {
	d.warnings = append(d.warnings, core.Warnf(path, code, format, args...))
}

func (d *decoder) object(v js.Value, path string, depth int) (map[string]any, bool) {
	if !d.enter(v, path, depth) {
		return nil, false
	}
	defer d.leave()
	keys := jsObject.Call("keys", v)
	total := keys.Length()
	n := min(total, maxKeys)
	if total > maxKeys {
		d.warn(path, core.CodeTooManyKeys, "%d keys: only the first %d were read", total, maxKeys)
	}
	m := make(map[string]any, n)
	for _, k := range keyNames(keys, n, total) {
		if e, ok := d.value(v.Get(k), join(path, k), depth+1); ok {
			m[k] = e
		}
	}
	return m, true
}

// keyNames returns the first n of keys, a JS array of total strings. They
// cross as one string joined with NUL: one crossing instead of three per
// key. A key holding a NUL itself makes more parts than keys, and then
// each key is read on its own.
func keyNames(keys js.Value, n, total int) []string {
	if n == 0 {
		return nil
	}
	joined := keys.Call("join", "\x00").String()
	parts := make([]string, 0, total)
	for {
		i := strings.IndexByte(joined, 0)
		if i < 0 {
			parts = append(parts, joined)
			break
		}
		if len(parts) == total-1 {
			parts = nil // a NUL more than the separators: inside a key
			break
		}
		parts, joined = append(parts, joined[:i]), joined[i+1:]
	}
	if len(parts) == total {
		return parts[:n]
	}
	out := make([]string, n)
	for i := range out {
		out[i] = keys.Index(i).String()
	}
	return out
}

func (d *decoder) value(v js.Value, path string, depth int) (any, bool) {
	t, ok := typeOf(v)
	if !ok {
		d.warn(path, core.CodeInvalidType, "a %s cannot be sent: dropped", typeName(v))
		return nil, false
	}
	switch t {
	case js.TypeUndefined:
		return nil, false // JSON.stringify drops undefined too
	case js.TypeNull:
		return nil, true
	case js.TypeBoolean:
		return v.Bool(), true
	case js.TypeNumber:
		return v.Float(), true // NaN and infinities are reported by core
	case js.TypeString:
		// syscall/js cannot read a primitive's length without copying it.
		s := v.String()
		if len(s) > maxStringBytes {
			d.warn(path, core.CodePayloadTooLarge, "a string of %d bytes exceeds Braze's %d KB limit: dropped", len(s), maxStringBytes/1024)
			return nil, false
		}
		return s, true
	case js.TypeObject:
		if v.InstanceOf(jsDate) {
			ms := v.Call("getTime").Float()
			if math.IsNaN(ms) {
				d.warn(path, core.CodeInvalidValue, "an invalid Date: dropped")
				return nil, false
			}
			return core.Date(ms), true
		}
		if jsIsArray.Invoke(v).Bool() {
			return d.array(v, path, depth)
		}
		return d.object(v, path, depth)
	}
	d.warn(path, core.CodeInvalidType, "a %s cannot be sent: dropped", typeName(v))
	return nil, false
}

// typeOf is v.Type(), which panics on a value syscall/js cannot classify,
// a BigInt: ok is then false, so that such a value costs a warning, not
// the event.
func typeOf(v js.Value) (t js.Type, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return v.Type(), true
}

// typeName names v's JavaScript type for a warning.
func typeName(v js.Value) string {
	if t, ok := typeOf(v); ok {
		return t.String()
	}
	return "bigint"
}

func (d *decoder) array(v js.Value, path string, depth int) (any, bool) {
	if !d.enter(v, path, depth) {
		return nil, false
	}
	defer d.leave()
	n := v.Length()
	if n > maxKeys {
		d.warn(path, core.CodeTooManyKeys, "%d elements: only the first %d were read", n, maxKeys)
		n = maxKeys
	}
	a := make([]any, 0, n)
	for i := 0; i < n; i++ {
		if e, ok := d.value(v.Index(i), path+"["+strconv.Itoa(i)+"]", depth+1); ok {
			a = append(a, e)
		}
	}
	return a, true
}

// enter checks depth and cycles before walking into v.
func (d *decoder) enter(v js.Value, path string, depth int) bool {
	if depth > core.MaxDepth {
		d.warn(path, core.CodeTooDeep, "nested more than %d levels: dropped", core.MaxDepth)
		return false
	}
	for _, p := range d.parents {
		if p.Equal(v) {
			d.warn(path, core.CodeCyclic, "refers back to an enclosing object: dropped")
			return false
		}
	}
	d.parents = append(d.parents, v)
	return true
}

func (d *decoder) leave() { d.parents = d.parents[:len(d.parents)-1] }

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
