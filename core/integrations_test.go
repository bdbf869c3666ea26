package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestConflicts(t *testing.T) {
	device := CDNIntegration{Type: "browser"}
	tests := []struct {
		name string
		page Page
		want []string
	}{
		{"nothing", Page{}, nil},
		{"classic in device mode", Page{CDN: map[string]CDNIntegration{"Braze": device}}, []string{"Braze"}},
		{"classic, older name", Page{CDN: map[string]CDNIntegration{"Appboy": device}}, []string{"Appboy"}},
		{"classic by component type", Page{CDN: map[string]CDNIntegration{"Braze": {ComponentTypes: []string{"server", "browser"}}}}, []string{"Braze"}},
		{"classic in cloud mode", Page{CDN: map[string]CDNIntegration{"Braze": {Type: "browser", BundlingStatus: "unbundled"}}}, nil},
		{"classic, server only", Page{CDN: map[string]CDNIntegration{"Braze": {Type: "server"}}}, nil},
		{"classic switched off at load", Page{
			CDN: map[string]CDNIntegration{"Braze": device}, Integrations: map[string]bool{"Braze": false},
		}, nil},
		{"classic under All: false", Page{
			CDN: map[string]CDNIntegration{"Braze": device}, Integrations: map[string]bool{"All": false},
		}, nil},
		{"classic named under All: false", Page{
			CDN: map[string]CDNIntegration{"Braze": device}, Integrations: map[string]bool{"All": false, "Braze": true},
		}, []string{"Braze"}},
		{"actions plugin", Page{RemotePlugins: []RemotePlugin{{Name: "Braze Web Mode (Actions)", CreationName: "Braze Web Mode (Actions)"}}}, []string{"Braze Web Mode (Actions)"}},
		{"actions plugin renamed", Page{RemotePlugins: []RemotePlugin{{Name: "My Braze", CreationName: "Braze Web Mode (Actions)"}}}, []string{"Braze Web Mode (Actions)"}},
		{"actions plugin off by its name", Page{
			RemotePlugins: []RemotePlugin{{Name: "My Braze", CreationName: "Braze Web Mode (Actions)"}},
			Integrations:  map[string]bool{"My Braze": false},
		}, nil},
		{"other remote plugins", Page{RemotePlugins: []RemotePlugin{{Name: "Amplitude (Actions)", CreationName: "Amplitude (Actions)"}}}, nil},
		{"registered by the page", Page{Plugins: []string{"Segment.io", "Braze (WASM)", "Braze Web Mode (Actions)"}}, []string{"Braze Web Mode (Actions)"}},
		{"seen twice, named once", Page{
			RemotePlugins: []RemotePlugin{{Name: "Braze Web Mode (Actions)", CreationName: "Braze Web Mode (Actions)"}},
			Plugins:       []string{"Braze Web Mode (Actions)"},
		}, []string{"Braze Web Mode (Actions)"}},
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
		fields []string
	}{
		{"none", nil, false, nil},
		{"ours off", map[string]bool{"Braze (WASM)": false}, true, nil},
		{"ours on under All: false", map[string]bool{"Braze (WASM)": true, "All": false}, false, nil},
		{"All: false", map[string]bool{"All": false}, false, []string{"integrations.All"}},
		{"Segment's off", map[string]bool{"Braze": false, "Braze Web Mode (Actions)": false, "Appboy": true},
			false, []string{"integrations.Braze", "integrations.Braze Web Mode (Actions)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			off, msg, ws := LoadSwitches(Page{Integrations: tc.load})
			assert.Equal(t, tc.off, off)
			assert.Equal(t, tc.off, msg != "", "a message exactly when off: %q", msg)
			var fields []string
			for _, w := range ws {
				fields = append(fields, w.Field)
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
		{"other destinations", map[string]bool{"Amplitude": false, "All": false}, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			field, ok := Excluded(tc.event, Page{Integrations: tc.load})
			assert.Equal(t, tc.field, field)
			assert.Equal(t, tc.field != "", ok)
		})
	}
}
