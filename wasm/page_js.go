//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// readPage reads from the page's Analytics.js instance a what core's
// integrations rules need (core.Page): analytics.integrations (the load
// options), the registered plugins (a.queue.plugins), and the CDN settings'
// remotePlugins and integrations (a.settings.cdnSettings). Written for
// size: a member that is not there panics, which ends the reading and keeps
// what was read, most important first.
func readPage(a js.Value) (p core.Page) {
	defer func() { recover() }()
	p.Load = switches(a.Get("integrations"))
	for _, pl := range elements(a.Get("queue").Get("plugins")) {
		p.Plugins |= core.NameBit(pl.Get("name").String())
	}
	cdn := a.Get("settings").Get("cdnSettings")
	for _, rp := range elements(cdn.Get("remotePlugins")) {
		p.Remote |= core.NameBit(rp.Get("name").String()) | core.NameBit(rp.Get("creationName").String())
	}
	integrations := cdn.Get("integrations")
	for i, name := range core.Names {
		s := integrations.Get(name)
		if s.Type() != js.TypeObject {
			continue
		}
		var components []string
		if vs := s.Get("versionSettings"); vs.Type() == js.TypeObject {
			for _, t := range elements(vs.Get("componentTypes")) {
				components = append(components, t.String())
			}
		}
		if core.DeviceMode(s.Get("type").String(), s.Get("bundlingStatus").String(), components) {
			p.CDN |= 1 << i
		}
	}
	return p
}

// switches reads the boolean members of an integrations object:
// analytics.load's.
func switches(v js.Value) (s core.Switches) {
	if v.Type() != js.TypeObject {
		return s
	}
	for i, name := range core.Names {
		if b := v.Get(name); b.Type() == js.TypeBoolean {
			s.Put(1<<i, b.Bool())
		}
	}
	return s
}

// elements returns the elements of the array v (panics when v has no length).
func elements(v js.Value) []js.Value {
	out := make([]js.Value, v.Length())
	for i := range out {
		out[i] = v.Index(i)
	}
	return out
}
