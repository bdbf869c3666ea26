//go:build js && wasm

// Command wasm is the WebAssembly shell of segment-braze-wasm: a thin
// bridge between the JavaScript shim (js/braze-wasm.js) and package core.
//
// Before go.run the shim creates globalThis.__brazeWasm with an onready
// callback. main fills in the bridge methods (js/bridge.d.ts):
//
//	configure(settings, hooks) parse settings; no SDK needed
//	start(initialUserId)       execute the page-load calls on the SDK
//	handle(event)              map one Segment event and execute its calls
//	plan(settings, events, o)  dry run: the calls, warnings and data points
//
// then calls onready() and blocks: the Go program must outlive the page,
// since every bridge method runs on its runtime.
package main

import (
	"runtime/debug"
	"syscall/js"
)

func main() {
	// Measured in shared/notes/go-wasm.md: GOGC=25 cuts steady-state linear
	// memory by 30-45 % at equal throughput, and wasm memory never shrinks.
	debug.SetGCPercent(25)
	b := js.Global().Get("__brazeWasm")
	if b.Type() != js.TypeObject {
		js.Global().Get("console").Call("error", "[braze-wasm] __brazeWasm is missing: load braze-wasm.wasm through braze-wasm.js")
		return
	}
	install(b, newBridge())
	if ready := b.Get("onready"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}
