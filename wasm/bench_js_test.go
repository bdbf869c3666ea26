//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"
)

// BenchmarkHandleTrack is one typical track event through the bridge, as
// the shim calls it, on a stub SDK: JS to Go, decoding, core, the SDK
// call and the result (GOOS=js GOARCH=wasm go test -bench . ./wasm, under
// node).
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
	install(target, newBridge())
	target.Call("configure", js.ValueOf(map[string]any{"apiKey": "k"}), js.Undefined())
	target.Call("start", "u-1")
	ev := js.ValueOf(map[string]any{"type": "track", "event": "Product Viewed", "userId": "u-1", "anonymousId": "a-1",
		"properties": map[string]any{
			"product_id": "sku-1", "name": "Bag", "category": "Bags", "brand": "Acme", "variant": "red", "price": 49.5,
			"currency": "USD", "url": "https://shop.example/bag", "image_url": "https://shop.example/bag.png", "position": 3.0,
			"coupon": "FALL", "in_stock": true, "viewed_at": "2026-11-30T10:00:00Z", "list_id": "l-9", "rating": 4.5,
		},
		"context": map[string]any{"page": map[string]any{"path": "/bag", "url": "https://shop.example/bag", "title": "Bag"},
			"library": map[string]any{"name": "analytics.js", "version": "next-1.84.3"}, "userAgent": "Mozilla/5.0"},
		"messageId": "ajs-next-1", "timestamp": "2026-11-30T10:00:00.000Z", "integrations": map[string]any{},
	})
	b.ReportAllocs()
	for b.Loop() {
		target.Call("handle", ev)
	}
}
