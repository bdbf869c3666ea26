//go:build js && wasm && testhooks

package main

// The testhooks build (make testhooks, build/testhooks/) lets the browser
// tests prove that a panic in Go costs one event and never the page: an
// event whose properties carry __testPanic panics inside handle, after
// decoding, where a bug in core would.

func init() {
	testHandleHook = func(event map[string]any) {
		if props, ok := event["properties"].(map[string]any); ok && props["__testPanic"] == true {
			panic("testhooks: panic requested by the event")
		}
	}
}
