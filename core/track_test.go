package core

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

var testdataTrack = []struct {
	name   string
	family Family
	opts   []func(*Settings)
	event  map[string]any
	want   []Call
	warns  []string
}{
	{
		name:  "custom event with properties",
		event: map[string]any{"type": "track", "event": "Product Viewed", "properties": map[string]any{"sku": "A", "n": 2.0, "ok": true, "none": nil}},
		want:  []Call{call("logCustomEvent", "Product Viewed", map[string]any{"sku": "A", "n": 2.0, "ok": true, "none": nil})},
	},
	{
		name:  "seed reserved keys removed (D1)",
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"time": "x", "quantity": 1.0, "event_name": "e", "price": 5.0, "currency": "USD", "product_id": "p"}},
		want:  []Call{call("logCustomEvent", "E", map[string]any{"product_id": "p"})},
		warns: []string{"properties.currency reserved_key", "properties.event_name reserved_key", "properties.price reserved_key", "properties.quantity reserved_key", "properties.time reserved_key"},
	},
	{
		name:  "changeUser before the event when it carries a userId",
		event: map[string]any{"type": "track", "event": "E", "userId": "u1"},
		want:  []Call{call("changeUser", "u1"), call("logCustomEvent", "E", map[string]any{})},
	},
	{
		name:  "numeric userId converted",
		event: map[string]any{"type": "track", "event": "E", "userId": 42.0},
		want:  []Call{call("changeUser", "42"), call("logCustomEvent", "E", map[string]any{})},
		warns: []string{"userId converted_type"},
	},
	{
		name:  "ISO strings become dates",
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"at": "2021-05-06T10:00:00Z", "sku": "2021-05"}},
		want:  []Call{call("logCustomEvent", "E", map[string]any{"at": utc(2021, 5, 6, 10, 0, 0, 0), "sku": "2021-05"})},
	},
	{
		name:   "v3: nested objects and arrays dropped",
		family: FamilyAppboy,
		event:  map[string]any{"type": "track", "event": "E", "properties": map[string]any{"obj": map[string]any{"a": 1.0}, "arr": []any{"x"}, "k": "v"}},
		want:   []Call{call("logCustomEvent", "E", map[string]any{"k": "v"})},
		warns:  []string{"properties.arr nested_object", "properties.obj nested_object"},
	},
	{
		name:  "v4+: nested objects and arrays of primitives kept, arrays of objects dropped",
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"obj": map[string]any{"a": 1.0}, "arr": []any{"x", 1.0}, "objs": []any{map[string]any{}}}},
		want:  []Call{call("logCustomEvent", "E", map[string]any{"obj": map[string]any{"a": 1.0}, "arr": []any{"x", 1.0}})},
		warns: []string{"properties.objs array_of_objects"},
	},
	{
		name:  "invalid keys dropped",
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"a\"b": 1.0, "c\nd": 1.0, "__proto__": 1.0, "ok": 1.0}},
		want:  []Call{call("logCustomEvent", "E", map[string]any{"ok": 1.0})},
		warns: []string{"properties.__proto__ invalid_key", "properties.a\"b invalid_key", "properties.c\nd invalid_key"},
	},
	{
		name:  "NaN dropped",
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"x": nan()}},
		want:  []Call{call("logCustomEvent", "E", map[string]any{})},
		warns: []string{"properties.x invalid_value"},
	},
	{
		name:  "no event name: nothing sent",
		event: map[string]any{"type": "track"},
		warns: []string{"event missing_field"},
	},
	{
		name:  "properties of the wrong type ignored",
		event: map[string]any{"type": "track", "event": "E", "properties": "nope"},
		want:  []Call{call("logCustomEvent", "E", map[string]any{})},
		warns: []string{"properties invalid_type"},
	},
	{
		name:  "revenue without the setting: a custom event",
		event: map[string]any{"type": "track", "event": "Purchased Item", "properties": map[string]any{"revenue": "2000", "currency": "USD"}},
		want:  []Call{call("logCustomEvent", "Purchased Item", map[string]any{"revenue": "2000"})},
		warns: []string{"properties.currency reserved_key"},
	},
	{
		name:  "revenue with logPurchaseWhenRevenuePresent: event name is the product id (D3)",
		opts:  []func(*Settings){func(s *Settings) { s.LogPurchaseWhenRevenuePresent = true }},
		event: map[string]any{"type": "track", "event": "Purchased Item", "properties": map[string]any{"revenue": "$2000", "currency": "eur", "color": "red", "time": "t"}},
		want:  []Call{call("logPurchase", "Purchased Item", 2000.0, "EUR", 1.0, map[string]any{"color": "red"})},
		warns: []string{"properties.time reserved_key"},
	},
	{
		name:  "revenue 0 is not revenue",
		opts:  []func(*Settings){func(s *Settings) { s.LogPurchaseWhenRevenuePresent = true }},
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"revenue": 0.0}},
		want:  []Call{call("logCustomEvent", "E", map[string]any{"revenue": 0.0})},
	},
	{
		name:  "unparseable revenue: custom event with a warning",
		opts:  []func(*Settings){func(s *Settings) { s.LogPurchaseWhenRevenuePresent = true }},
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"revenue": "lots"}},
		want:  []Call{call("logCustomEvent", "E", map[string]any{"revenue": "lots"})},
		warns: []string{"properties.revenue invalid_price"},
	},
	{
		name:  "revenue \"1_000\" is NaN to Number(): custom event with a warning",
		opts:  []func(*Settings){func(s *Settings) { s.LogPurchaseWhenRevenuePresent = true }},
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"revenue": "1_000"}},
		want:  []Call{call("logCustomEvent", "E", map[string]any{"revenue": "1_000"})},
		warns: []string{"properties.revenue invalid_price"},
	},
	{
		name:  "revenue \" 0x10 \" is 16 to Number()",
		opts:  []func(*Settings){func(s *Settings) { s.LogPurchaseWhenRevenuePresent = true }},
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"revenue": " 0x10 "}},
		want:  []Call{call("logPurchase", "E", 16.0, "USD", 1.0, map[string]any{})},
	},
	{
		name:  "revenue with products: per product",
		opts:  []func(*Settings){func(s *Settings) { s.LogPurchaseWhenRevenuePresent = true }},
		event: map[string]any{"type": "track", "event": "Checkout", "properties": map[string]any{"revenue": 9.0, "products": []any{map[string]any{"product_id": "p", "price": 9.0}}}},
		want:  []Call{call("logPurchase", "p", 9.0, "USD", 1.0, map[string]any{"revenue": 9.0})},
	},
}

func TestTrack(t *testing.T) {
	for _, tc := range testdataTrack {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.family
			if f == 0 {
				f = FamilyBraze
			}
			m := started(t, testSettings(f, tc.opts...))
			r := m.Handle(tc.event)
			assert.Equal(t, tc.want, r.Calls)
			assert.Equal(t, tc.warns, codes(r.Warnings))
		})
	}
}

func TestOrderCompletedNames(t *testing.T) {
	for name, want := range map[string]bool{
		"Order Completed": true, "order completed": true, "order_completed": true, "OrderCompleted": true,
		" order completed ": true, "Completed Order": true, "Completed Orders": true, "completed order xyz": true,
		"Order Completed now": false, "Order  Completed": false, "Order Refunded": false, "Completed": false,
	} {
		assert.Equal(t, want, isOrderCompleted(name), name)
	}
}

func TestPayloadLimit(t *testing.T) {
	m := started(t, testSettings(FamilyBraze))
	big := make([]byte, 30*1024)
	for i := range big {
		big[i] = 'x'
	}
	r := m.Handle(map[string]any{"type": "track", "event": "E", "properties": map[string]any{
		"a": string(big), "b": string(big[:25*1024]), "small": "s",
	}})
	assert.Equal(t, []Call{call("logCustomEvent", "E", map[string]any{"b": string(big[:25*1024]), "small": "s"})}, r.Calls)
	assert.Equal(t, []string{"properties.a payload_too_large"}, codes(r.Warnings))
}

func TestNestedPropertyKeys(t *testing.T) {
	r := started(t, testSettings(FamilyBraze)).Handle(map[string]any{"type": "track", "event": "E", "properties": map[string]any{
		"o": map[string]any{"": 1.0, "ok": map[string]any{"bad\"": 1.0, "time": "kept: reserved only at the top"}},
	}})
	assert.Equal(t, []Call{call("logCustomEvent", "E", map[string]any{"o": map[string]any{"ok": map[string]any{"time": "kept: reserved only at the top"}}})}, r.Calls)
	assert.Equal(t, []string{`properties.o[""] invalid_key`, "properties.o.ok.bad\" invalid_key"}, codes(r.Warnings))
}

// maxJSONSize must never be below jsonSize, or fitSize would let an
// oversized event through.
func FuzzMaxJSONSize(f *testing.F) {
	f.Add(`{"a":"x\u0001\"","b":[1e300,-0.000001,true,null],"c":{"d":"é"}}`)
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			t.Skip()
		}
		if m, e := maxJSONSize(v), jsonSize(v); m < e {
			t.Fatalf("maxJSONSize %d < jsonSize %d for %s", m, e, s)
		}
	})
}
