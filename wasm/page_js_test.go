//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
	"github.com/stretchr/testify/assert"
)

// jsValue builds a JS value from Go maps, slices and scalars.
func jsValue(v any) js.Value {
	switch v := v.(type) {
	case map[string]any:
		o := js.Global().Get("Object").New()
		for k, e := range v {
			o.Set(k, jsValue(e))
		}
		return o
	case []any:
		a := js.Global().Get("Array").New()
		for _, e := range v {
			a.Call("push", jsValue(e))
		}
		return a
	}
	return js.ValueOf(v)
}

func TestReadPage(t *testing.T) {
	actions := "Braze Web Mode (Actions)"
	analytics := jsValue(map[string]any{
		"integrations": map[string]any{"Braze": false, "All": true, "Segment.io": map[string]any{"apiHost": "x"}, "Amplitude": false},
		"queue": map[string]any{"plugins": []any{
			map[string]any{"name": "Segment.io", "type": "after"},
			map[string]any{"name": "Braze (WASM)", "type": "destination"},
			map[string]any{"name": actions, "type": "destination"},
		}},
		"settings": map[string]any{"cdnSettings": map[string]any{
			"remotePlugins": []any{map[string]any{"name": "My Braze", "creationName": actions}},
			"integrations": map[string]any{
				"Braze":  map[string]any{"type": "browser", "bundlingStatus": "bundled"},
				"Appboy": map[string]any{"versionSettings": map[string]any{"componentTypes": []any{"server"}}},
			},
		}},
	})
	p := readPage(analytics)
	var load core.Switches
	load.Put(core.NameBit("All"), true)
	load.Put(core.NameBit("Braze"), false)
	assert.Equal(t, core.Page{
		Load:    load,
		Plugins: core.NameBit("Braze (WASM)") | core.NameBit(actions),
		Remote:  core.NameBit(actions),
		CDN:     core.NameBit("Braze"),
	}, p)
	assert.Equal(t, []string{actions}, core.Conflicts(p))

	// Whatever the page holds, reading never panics; it keeps what it read.
	for _, v := range []js.Value{js.Undefined(), js.Null(), js.ValueOf(3), jsValue(map[string]any{"integrations": map[string]any{"Braze (WASM)": false}})} {
		assert.NotPanics(t, func() { readPage(v) })
	}
	assert.True(t, readPage(jsValue(map[string]any{"integrations": map[string]any{"Braze (WASM)": false}})).Load.Set != 0)
}

func TestLoadSwitches(t *testing.T) {
	var want core.Switches
	want.Put(core.NameBit("Braze (WASM)"), true)
	want.Put(core.NameBit("Appboy"), false)
	assert.Equal(t, want, switches(jsValue(map[string]any{"Braze (WASM)": true, "Appboy": false, "Braze": "yes"})), "analytics.load's")
	assert.Equal(t, core.Switches{}, switches(js.ValueOf("off")))
}
