//go:build js && wasm

// Command wasm is the WebAssembly shell of segment-braze-wasm: a thin
// bridge between the JavaScript shim (js/src/) and package core.
//
// While go.run runs, globalThis.__brazeWasm is an object of the shim's,
// with calls, its maker of an event's SDK calls (sdk.makeAll). main fills
// in the bridge methods (js/bridge.d.ts):
//
//	configure(settings, hooks) parse settings; no SDK needed
//	start(initialUserId)       execute the page-load calls on the SDK
//	handle(event)              map one Segment event and execute its calls
//	plan(settings, events, o)  dry run: the calls, warnings and data points
//	                           (the planner build only: planner_js.go)
//
// and blocks, which ends go.run's part: the Go program must outlive the
// page, since every bridge method runs on its runtime.
package main

import "syscall/js"

func main() {
	// GOGC=25 (shared/notes/go-wasm.md: 30-45 % less linear memory, which
	// never shrinks) comes from the shim's go.env, not debug.SetGCPercent:
	// runtime/debug imports fmt, os and reflect, about 110 KiB compressed.
	b := js.Global().Get("__brazeWasm")
	if b.Type() != js.TypeObject {
		js.Global().Get("console").Call("error", "[braze-wasm] __brazeWasm is missing: load braze-wasm.wasm through braze-wasm.js")
		return
	}
	install(b, newBridge())
	select {}
}
