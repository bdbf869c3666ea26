//go:build js && wasm && testhooks

package main

// The testhooks build (make testhooks, build/testhooks/) lets the browser
// tests prove that a panic in Go costs one event and never the page: an
// event whose properties carry __testPanic panics inside handle, after
// decoding, where a bug in core would. __testFatal panics on a goroutine of
// its own, where nothing recovers: Go prints the panic to its stderr (the
// console, through wasm_exec.js's fs) and exits.

func init() {
	testHandleHook = func(event map[string]any) {
		props, _ := event["properties"].(map[string]any)
		switch {
		case props["__testPanic"] == true:
			panic("testhooks: panic requested by the event")
		case props["__testFatal"] == true:
			go func() { panic("testhooks: fatal panic requested by the event") }()
		}
	}
}
