package jsonread_test

import (
	"testing"

	"github.com/segment-braze-wasm/segment-braze-wasm/core/jsonread"
)

// benchEvent is a Product Viewed as the shim sends it: the members core
// reads, as JSON.stringify writes them (about 1 KB).
const benchEvent = `{"type":"track","userId":"user-8d3f2a91","anonymousId":"5f0c8e1a-77b2-4c1e-9a0d-3e6b2f9c4d11",` +
	`"event":"Product Viewed","properties":{"product_id":"507f1f77bcf86cd799439011","sku":"G-32-MONO-3RD",` +
	`"category":"Games","name":"Monopoly: 3rd Edition","brand":"Hasbro","variant":"200 pieces","price":18.99,` +
	`"quantity":1,"currency":"usd","url":"https://www.example.com/products/monopoly-3rd-edition?ref=home_carousel",` +
	`"image_url":"https://cdn.example.com/images/products/monopoly-3rd-edition/front-1200x1200.jpg","in_stock":true,` +
	`"dimensions":{"width_cm":40.5,"height_cm":26.7,"depth_cm":5.3,"weight_kg":1.2,"viewed_at":"2026-11-30T10:00:00.000Z"},` +
	`"tags":["board game","family","classic","\u00e9dition sp\u00e9ciale",2026],` +
	`"description":"The classic property trading game: buy, sell, dream and scheme your way to riches. ` +
	`This \"Fast dealing\" edition comes with 200 pieces, a speed die and new property cards for the whole family. ` +
	`Ages 8 and up, 2 to 8 players, about an hour a game."}}`

func BenchmarkParse(b *testing.B) {
	data := []byte(benchEvent)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := jsonread.Parse(data, jsonread.Limits{MaxDepth: 17, MaxKeys: 1000, MaxString: 51200, MaxNodes: 10000}); err != nil {
			b.Fatal(err)
		}
	}
}
