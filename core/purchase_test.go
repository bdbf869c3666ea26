package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func product(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func order(props map[string]any) map[string]any {
	return map[string]any{"type": "track", "event": "Order Completed", "properties": props}
}

var testdataPurchase = []mapCase{
	{
		name: "one purchase per product, order currency, root properties attached",
		event: order(map[string]any{"currency": "EUR", "order_id": "o1", "products": []any{
			product("product_id", "p1", "price", 10.0, "quantity", 2.0, "color", "red"),
			product("product_id", "p2", "price", 3.5),
		}}),
		want: []Call{
			call("logPurchase", "p1", 10.0, "EUR", 2.0, map[string]any{"color": "red", "order_id": "o1"}),
			call("logPurchase", "p2", 3.5, "EUR", 1.0, map[string]any{"order_id": "o1"}),
		},
	},
	{
		name:  "USD by default; no custom event for Order Completed",
		event: order(map[string]any{"products": []any{product("product_id", "p", "price", 1.0)}}),
		want:  []Call{call("logPurchase", "p", 1.0, "USD", 1.0, map[string]any{})},
	},
	{
		name:  "productId spelling and id fallback (id not repeated)",
		event: order(map[string]any{"products": []any{product("productId", "a", "price", 1.0), product("id", "b", "price", 2.0, "sku", "S")}}),
		want: []Call{
			call("logPurchase", "a", 1.0, "USD", 1.0, map[string]any{}),
			call("logPurchase", "b", 2.0, "USD", 1.0, map[string]any{"sku": "S"}),
		},
	},
	{
		name:  "numeric product id converted",
		event: order(map[string]any{"products": []any{product("product_id", 123.0, "price", 1.0)}}),
		want:  []Call{call("logPurchase", "123", 1.0, "USD", 1.0, map[string]any{})},
	},
	{
		name:  "seed reserved keys removed at root and product level (D2)",
		event: order(map[string]any{"time": "t", "event_name": "e", "product_id": "r", "quantity": 3.0, "price": 4.0, "products": []any{product("product_id", "p", "price", 1.0, "time", "t", "event_name", "e")}}),
		want:  []Call{call("logPurchase", "p", 1.0, "USD", 1.0, map[string]any{})},
		warns: []string{
			"properties.event_name reserved_key", "properties.price reserved_key", "properties.product_id reserved_key", "properties.quantity reserved_key", "properties.time reserved_key",
			"properties.products[0].event_name reserved_key", "properties.products[0].time reserved_key",
		},
	},
	{
		name:  "product keys shadow root keys",
		event: order(map[string]any{"color": "root", "products": []any{product("product_id", "p", "price", 1.0, "color", "blue")}}),
		want:  []Call{call("logPurchase", "p", 1.0, "USD", 1.0, map[string]any{"color": "blue"})},
	},
	{
		name:   "purchase property rules: null, long strings, $ keys, nested on v3",
		family: FamilyAppboy,
		event: order(map[string]any{"products": []any{product("product_id", "p", "price", 1.0,
			"n", nil, "long", string(make([]byte, 256)), "$k", "v", "o", map[string]any{}, "ok", "v")}}),
		want: []Call{call("logPurchase", "p", 1.0, "USD", 1.0, map[string]any{"ok": "v"})},
		warns: []string{"properties.products[0].$k invalid_key", "properties.products[0].long invalid_value",
			"properties.products[0].n invalid_value", "properties.products[0].o nested_object"},
	},
	{
		name:  "missing price, null product, missing id: skipped with warnings, the rest logged",
		event: order(map[string]any{"products": []any{product("product_id", "a"), nil, product("price", 1.0), product("product_id", "ok", "price", "$2.50")}}),
		want:  []Call{call("logPurchase", "ok", 2.5, "USD", 1.0, map[string]any{})},
		warns: []string{"properties.products[0].price invalid_price", "properties.products[1] invalid_product", "properties.products[2].product_id invalid_product_id"},
	},
	{
		name:  "invalid product ids",
		event: order(map[string]any{"products": []any{product("product_id", "$x", "price", 1.0), product("product_id", true, "price", 1.0)}}),
		warns: []string{"properties.products[0].product_id invalid_product_id", "properties.products[1].product_id invalid_product_id"},
	},
	{
		name:  "quantity clamped to 1-100",
		event: order(map[string]any{"products": []any{product("product_id", "a", "price", 1.0, "quantity", 0.0), product("product_id", "b", "price", 1.0, "quantity", 500.0), product("product_id", "c", "price", 1.0, "quantity", "3")}}),
		want: []Call{
			call("logPurchase", "a", 1.0, "USD", 1.0, map[string]any{}),
			call("logPurchase", "b", 1.0, "USD", 100.0, map[string]any{}),
			call("logPurchase", "c", 1.0, "USD", 3.0, map[string]any{}),
		},
		warns: []string{"properties.products[0].quantity quantity_clamped", "properties.products[1].quantity quantity_clamped", "properties.products[2].quantity converted_type"},
	},
	{
		name: "price and quantity strings follow JavaScript's Number(), every refusal warned",
		event: order(map[string]any{"products": []any{
			product("product_id", "hex", "price", " 0x10 ", "quantity", "0b11"),
			product("product_id", "dots", "price", ".5", "quantity", "5."),
			product("product_id", "exp", "price", "$1e3"),
			product("product_id", "gofloat", "price", "0x1p4"),
			product("product_id", "underscore", "price", "1_000"),
			product("product_id", "inf", "price", "Infinity"),
			product("product_id", "blank", "price", " "),
			product("product_id", "q", "price", 1.0, "quantity", "0x1p4"),
		}}),
		want: []Call{
			call("logPurchase", "hex", 16.0, "USD", 3.0, map[string]any{}),
			call("logPurchase", "dots", 0.5, "USD", 5.0, map[string]any{}),
			call("logPurchase", "exp", 1000.0, "USD", 1.0, map[string]any{}),
			call("logPurchase", "q", 1.0, "USD", 1.0, map[string]any{}),
		},
		warns: []string{"properties.products[0].quantity converted_type", "properties.products[1].quantity converted_type",
			"properties.products[3].price invalid_price", "properties.products[4].price invalid_price",
			"properties.products[5].price invalid_price", "properties.products[6].price invalid_price",
			"properties.products[7].quantity quantity_clamped"},
	},
	{
		name:  "unknown currency: no purchase",
		event: order(map[string]any{"currency": "$$", "products": []any{product("product_id", "a", "price", 1.0)}}),
		warns: []string{"properties.currency invalid_currency"},
	},
	{
		name:  "no products: warned, nothing logged",
		event: order(map[string]any{"revenue": 10.0}),
		warns: []string{"properties.products no_purchase"},
	},
	{
		name:  "products not an array",
		event: order(map[string]any{"products": "p"}),
		warns: []string{"properties.products invalid_type", "properties.products no_purchase"},
	},
	{
		name:  "classic name variants route to purchases",
		event: map[string]any{"type": "track", "event": "completed_order", "properties": map[string]any{"products": []any{product("product_id", "a", "price", 1.0)}}},
		want:  []Call{call("logPurchase", "a", 1.0, "USD", 1.0, map[string]any{})},
	},
}

func TestPurchase(t *testing.T) { runMapCases(t, testdataPurchase) }

func TestCurrencyList(t *testing.T) {
	for _, c := range []string{"USD", "EUR", "JPY", "GBP", "ZWL", "AED"} {
		assert.True(t, isCurrency(c), c)
	}
	for _, c := range []string{"", "US", "USDX", "XXX", "usd", "$US"} {
		assert.False(t, isCurrency(c), c)
	}
}

func TestCurrencyOrder(t *testing.T) {
	for i := 0; i+3 <= len(currencies); i += 4 {
		c := currencies[i : i+3]
		assert.True(t, i == 0 || currencies[i-4:i-1] < c, "%s out of order", c)
		assert.True(t, isCurrency(c), c)
	}
}
