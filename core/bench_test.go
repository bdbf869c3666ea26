package core

import "testing"

// The typical events of the benchmarks: what a shop page sends.
var (
	benchTrack = map[string]any{"type": "track", "event": "Product Viewed", "userId": "u-1", "anonymousId": "a-1", "properties": map[string]any{
		"product_id": "sku-1", "name": "Bag", "category": "Bags", "brand": "Acme", "variant": "red", "price": 49.5,
		"currency": "USD", "url": "https://shop.example/bag", "image_url": "https://shop.example/bag.png", "position": 3.0,
		"coupon": "FALL", "in_stock": true, "viewed_at": "2026-11-30T10:00:00Z", "list_id": "l-9", "rating": 4.5,
	}}
	benchOrder = map[string]any{"type": "track", "event": "Order Completed", "userId": "u-1", "properties": map[string]any{
		"order_id": "o-1", "total": 99.0, "revenue": 90.0, "shipping": 5.0, "tax": 4.0, "currency": "EUR", "coupon": "FALL",
		"products": []any{
			map[string]any{"product_id": "p1", "sku": "S1", "name": "Bag", "price": 49.5, "quantity": 1.0, "category": "Bags"},
			map[string]any{"product_id": "p2", "sku": "S2", "name": "Belt", "price": 20.0, "quantity": 2.0, "category": "Belts"},
			map[string]any{"product_id": "p3", "sku": "S3", "name": "Hat", "price": 9.5, "quantity": 1.0, "category": "Hats"},
		},
	}}
	benchPage = map[string]any{"type": "page", "name": "Bag", "category": "Products", "userId": "u-1", "properties": map[string]any{
		"path": "/bag", "referrer": "https://search.example/", "search": "?q=bag", "title": "Bag - Shop", "url": "https://shop.example/bag",
	}}
)

func benchMap(b *testing.B, ev map[string]any, opts ...func(*Settings)) {
	m := started(b, testSettings(FamilyBraze, opts...))
	b.ReportAllocs()
	for b.Loop() {
		if r := m.Handle(ev); len(r.Calls) == 0 {
			b.Fatal("no calls")
		}
	}
}

func BenchmarkMapTrack(b *testing.B)           { benchMap(b, benchTrack) }
func BenchmarkMapOrderCompleted3(b *testing.B) { benchMap(b, benchOrder) }
func BenchmarkMapPage(b *testing.B) {
	benchMap(b, benchPage, func(s *Settings) { s.TrackAllPages = true })
}
