package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// load returns the Switches of an integrations object.
func load(m map[string]bool) Switches {
	var s Switches
	for n, v := range m {
		s.Put(NameBit(n), v)
	}
	return s
}

func bits(names ...string) uint8 {
	var b uint8
	for _, n := range names {
		b |= NameBit(n)
	}
	return b
}

func TestDeviceMode(t *testing.T) {
	tests := []struct {
		name, typ, bundling string
		components          []string
		want                bool
	}{
		{"browser", "browser", "", nil, true},
		{"bundled browser", "browser", "bundled", nil, true},
		{"by component type", "", "", []string{"server", "browser"}, true},
		{"cloud mode", "browser", "unbundled", nil, false},
		{"server", "server", "", []string{"server", "ios"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, DeviceMode(tc.typ, tc.bundling, tc.components))
		})
	}
}

func TestConflicts(t *testing.T) {
	tests := []struct {
		name string
		page Page
		want []string
	}{
		{"nothing", Page{}, nil},
		{"classic in device mode", Page{CDN: bits("Braze")}, []string{"Braze"}},
		{"classic, older name", Page{CDN: bits("Appboy")}, []string{"Appboy"}},
		{"classic switched off at load", Page{CDN: bits("Braze"), Load: load(map[string]bool{"Braze": false})}, nil},
		{"classic under All: false", Page{CDN: bits("Braze"), Load: load(map[string]bool{"All": false})}, nil},
		{"classic named under All: false", Page{CDN: bits("Braze"), Load: load(map[string]bool{"All": false, "Braze": true})}, []string{"Braze"}},
		{"actions plugin", Page{Remote: bits("Braze Web Mode (Actions)")}, []string{"Braze Web Mode (Actions)"}},
		{"actions plugin off", Page{Remote: bits("Braze Web Mode (Actions)"), Load: load(map[string]bool{"Braze Web Mode (Actions)": false})}, nil},
		{"other names", Page{Remote: bits("Amplitude (Actions)"), CDN: bits("Mixpanel")}, nil},
		{"registered by the page, whatever the switches", Page{
			Plugins: bits("Segment.io", "Braze (WASM)", "Braze Web Mode (Actions)"),
			Load:    load(map[string]bool{"Braze Web Mode (Actions)": false}),
		}, []string{"Braze Web Mode (Actions)"}},
		{"each name once", Page{CDN: bits("Braze"), Remote: bits("Braze Web Mode (Actions)"), Plugins: bits("Braze", "Braze Web Mode (Actions)")},
			[]string{"Braze", "Braze Web Mode (Actions)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Conflicts(tc.page))
		})
	}
}

func TestConflictMessage(t *testing.T) {
	assert.Equal(t, "Segment's own Braze destination also runs on this page (Braze, Braze Web Mode (Actions)): "+
		"Braze gets every event twice. Turn its device mode off in Segment, or pass integrations: "+
		"{'Braze': false, 'Braze Web Mode (Actions)': false} to analytics.load",
		ConflictMessage([]string{"Braze", "Braze Web Mode (Actions)"}))
}

func TestLoadSwitches(t *testing.T) {
	tests := []struct {
		name   string
		load   map[string]bool
		off    bool
		fields []string // each warning's field, then its level
	}{
		{"none", nil, false, nil},
		{"ours off", map[string]bool{"Braze (WASM)": false}, true, nil},
		{"ours on under All: false", map[string]bool{"Braze (WASM)": true, "All": false}, false, nil},
		{"All: false", map[string]bool{"All": false}, false, []string{"integrations.All", "warning"}},
		{"Segment's off", map[string]bool{"Braze": false, "Braze Web Mode (Actions)": false, "Appboy": true},
			false, []string{"integrations.Braze", "info", "integrations.Braze Web Mode (Actions)", "info"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			off, msg, ws := LoadSwitches(Page{Load: load(tc.load)})
			assert.Equal(t, tc.off, off)
			assert.Equal(t, tc.off, msg != "", "a message exactly when off: %q", msg)
			var fields []string
			for _, w := range ws {
				fields = append(fields, w.Field, w.Level)
				assert.Equal(t, CodeExcluded, w.Code)
			}
			assert.Equal(t, tc.fields, fields)
		})
	}
}

func TestExcluded(t *testing.T) {
	tests := []struct {
		name  string
		event map[string]bool
		load  map[string]bool
		field string
	}{
		{"no switches", nil, nil, ""},
		{"Segment's name false on the event", map[string]bool{"Braze": false}, nil, "integrations.Braze"},
		{"older name", map[string]bool{"Appboy": false}, nil, "integrations.Appboy"},
		{"actions name", map[string]bool{"Braze Web Mode (Actions)": false}, nil, "integrations.Braze Web Mode (Actions)"},
		{"true", map[string]bool{"Braze": true}, nil, ""},
		{"false at load: Segment's own only", map[string]bool{"Braze": false}, map[string]bool{"Braze": false}, ""},
		{"true at load, false on the event", map[string]bool{"Braze": false}, map[string]bool{"Braze": true}, "integrations.Braze"},
		{"ours named on the event wins", map[string]bool{"Braze": false, "Braze (WASM)": true}, nil, ""},
		{"All: false on the event", map[string]bool{"All": false}, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			field, ok := Excluded(load(tc.event), Page{Load: load(tc.load)})
			assert.Equal(t, tc.field, field)
			assert.Equal(t, tc.field != "", ok)
		})
	}
}

func TestEventSwitches(t *testing.T) {
	var want Switches
	want.Put(NameBit("Braze (WASM)"), true)
	want.Put(NameBit("Appboy"), false)
	ev := map[string]any{"type": "track", "integrations": map[string]any{"Braze (WASM)": true, "Appboy": false, "Braze": "yes"}}
	assert.Equal(t, want, EventSwitches(ev))
	assert.Equal(t, Switches{}, EventSwitches(map[string]any{"type": "track"}))
	assert.Equal(t, Switches{}, EventSwitches(map[string]any{"integrations": "off"}))
}

// TestPassed follows analytics-next's availableExtensions: our own name,
// when neither null nor absent, decides by JavaScript truth; else All.
func TestPassed(t *testing.T) {
	tests := []struct {
		name         string
		integrations any
		field        string
		ok           bool
	}{
		{"none", nil, "integrations.All", true},
		{"not an object", "off", "integrations.All", true},
		{"ours false", map[string]any{"Braze (WASM)": false}, "integrations.Braze (WASM)", false},
		{"ours 0", map[string]any{"Braze (WASM)": 0.0}, "integrations.Braze (WASM)", false},
		{"ours empty string", map[string]any{"Braze (WASM)": ""}, "integrations.Braze (WASM)", false},
		{"ours an object", map[string]any{"Braze (WASM)": map[string]any{}, "All": false}, "integrations.Braze (WASM)", true},
		{"ours null: All decides", map[string]any{"Braze (WASM)": nil, "All": false}, "integrations.All", false},
		{"All false", map[string]any{"All": false}, "integrations.All", false},
		{"All false, ours true", map[string]any{"All": false, "Braze (WASM)": true}, "integrations.Braze (WASM)", true},
		{"All 0 is not false", map[string]any{"All": 0.0}, "integrations.All", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			field, ok := Passed(map[string]any{"type": "track", "integrations": tc.integrations})
			assert.Equal(t, tc.field, field)
			assert.Equal(t, tc.ok, ok)
		})
	}
}
