//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// readPage reads from the page's Analytics.js instance a what core's
// integrations rules need (core.Page): analytics.integrations (the load
// options), the CDN settings' Braze entries and remotePlugins
// (a.settings.cdnSettings), and the registered plugins (a.queue.plugins).
// What it cannot read is left out: a strange page only loses the check.
func readPage(a js.Value) (p core.Page) {
	defer func() { recover() }() // a throwing getter in the page
	p.Integrations = switches(a.Get("integrations"))
	cdn := get(get(a, "settings"), "cdnSettings")
	integrations := get(cdn, "integrations")
	for _, name := range core.SegmentBrazeNames {
		s := get(integrations, name)
		if !isObject(s) {
			continue
		}
		if p.CDN == nil {
			p.CDN = map[string]core.CDNIntegration{}
		}
		p.CDN[name] = core.CDNIntegration{
			Type:           str(s.Get("type")),
			BundlingStatus: str(s.Get("bundlingStatus")),
			ComponentTypes: strs(get(get(s, "versionSettings"), "componentTypes")),
		}
	}
	eachOf(get(cdn, "remotePlugins"), func(rp js.Value) {
		p.RemotePlugins = append(p.RemotePlugins, core.RemotePlugin{Name: str(get(rp, "name")), CreationName: str(get(rp, "creationName"))})
	})
	eachOf(get(get(a, "queue"), "plugins"), func(pl js.Value) {
		if str(get(pl, "type")) == "destination" {
			p.Plugins = append(p.Plugins, str(get(pl, "name")))
		}
	})
	return p
}

// switchNames are the integrations names core.Excluded reads.
var switchNames = append([]string{core.PluginName}, core.SegmentBrazeNames...)

// eventSwitches returns the booleans of an event's integrations that the
// rules read: Segment's Braze names and ours.
func eventSwitches(event js.Value) (m map[string]bool) {
	defer func() { recover() }()
	integrations := get(event, "integrations")
	if !isObject(integrations) {
		return nil
	}
	for _, name := range switchNames {
		if v := integrations.Get(name); v.Type() == js.TypeBoolean {
			if m == nil {
				m = map[string]bool{}
			}
			m[name] = v.Bool()
		}
	}
	return m
}

// switches returns the boolean members of an integrations object.
func switches(v js.Value) map[string]bool {
	if !isObject(v) {
		return nil
	}
	m := map[string]bool{}
	keys := jsObject.Call("keys", v)
	for i, n := 0, keys.Length(); i < n; i++ {
		k := keys.Index(i).String()
		if b := v.Get(k); b.Type() == js.TypeBoolean {
			m[k] = b.Bool()
		}
	}
	return m
}

func isObject(v js.Value) bool { return v.Type() == js.TypeObject && !v.IsNull() }

// get is v[k], or undefined when v is not an object.
func get(v js.Value, k string) js.Value {
	if !isObject(v) && v.Type() != js.TypeFunction {
		return js.Undefined()
	}
	return v.Get(k)
}

func str(v js.Value) string {
	if v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

func strs(v js.Value) (out []string) {
	eachOf(v, func(e js.Value) { out = append(out, str(e)) })
	return out
}

// eachOf calls fn for each element of v when it is an array.
func eachOf(v js.Value, fn func(js.Value)) {
	if !isObject(v) || !jsIsArray.Invoke(v).Bool() {
		return
	}
	for i, n := 0, v.Length(); i < n; i++ {
		fn(v.Index(i))
	}
}
