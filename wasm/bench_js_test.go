//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"
)

// BenchmarkHandleTrack is one typical track event through the export, as
// the shim calls it, on a stub SDK: parsing, core, the calls' JSON for the
// shim's maker and the status (GOOS=js GOARCH=wasm go test -bench .
// ./wasm, under node). The shim's own part, its maker's included, is
// measured by js/bench-handle.js.
func BenchmarkHandleTrack(b *testing.B) {
	// A no-op SDK: JS functions that do nothing, so that only the bridge
	// is measured.
	noop := js.Global().Get("Function").New("")
	sdk := js.Global().Get("Object").New()
	for _, m := range []string{"initialize", "openSession", "changeUser", "logCustomEvent", "logPurchase", "automaticallyShowInAppMessages"} {
		sdk.Set(m, noop)
	}
	js.Global().Set("braze", sdk)
	defer js.Global().Delete("braze")
	target := js.Global().Get("Object").New()
	target.Set("calls", js.Global().Get("Function").New("return true"))
	install(target, newBridge())
	target.Call("configure", `{"apiKey":"k"}`, js.Undefined())
	target.Call("start", "u-1")
	// The members core reads, as the shim's encode writes them.
	ev := []byte(`{"type":"track","userId":"u-1","anonymousId":"a-1","event":"Product Viewed","properties":{` +
		`"product_id":"sku-1","name":"Bag","category":"Bags","brand":"Acme","variant":"red","price":49.5,` +
		`"currency":"USD","url":"https://shop.example/bag","image_url":"https://shop.example/bag.png","position":3,` +
		`"coupon":"FALL","in_stock":true,"viewed_at":"2026-11-30T10:00:00Z","list_id":"l-9","rating":4.5}}`)
	b.ReportAllocs()
	for b.Loop() {
		brazeBuffer(int32(len(ev)))
		copy(input, ev)
		brazeHandle(int32(len(ev)))
	}
}
