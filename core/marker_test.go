package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// mk writes the marker the shim sends for kind (protocol §3).
func mk(kind string) string { return markerPrefix + kind }

var testdataMarkers = []mapCase{
	{
		name: "every kind in properties: dropped or converted, with the protocol's code",
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{
			"n": mk("NaN"), "i": mk("Infinity"), "ni": mk("-Infinity"), "d": mk("invalid_date"), "f": mk("function"),
			"s": mk("symbol"), "g": mk("getter_threw:boom"), "c": mk("cyclic"), "t": mk("too_long:60000"), "b": mk("budget"),
			"big": mk("bigint:-12"), "huge": mk("bigint:90071992547409930"), "edge": mk("bigint:9007199254740992"),
			"esc": mk(mk("NaN")), "unk": mk("wat"), "bad": mk("bigint:1e3"), "ok": 1.0,
			"v8": mk("getter_threw:Converting circular structure to JSON\n    --> starting at object with constructor 'Array'\n    --- index 2 closes the circle"),
			"ff": mk("getter_threw:cyclic object value"), "wk": mk("getter_threw:JSON.stringify cannot serialize cyclic structures."),
		}},
		want: []Call{call("logCustomEvent", "E", map[string]any{
			"big": -12.0, "huge": "90071992547409930", "edge": 9007199254740992.0, "esc": mk("NaN"), "ok": 1.0,
		})},
		warns: []string{
			"properties.b payload_too_large", "properties.bad invalid_value", "properties.big converted_type", "properties.c cyclic",
			"properties.d invalid_value", "properties.edge converted_type", "properties.f invalid_value", "properties.ff cyclic", "properties.g invalid_value",
			"properties.huge converted_type", "properties.i invalid_value", "properties.n invalid_value", "properties.ni invalid_value",
			"properties.s invalid_value", "properties.t payload_too_large", "properties.unk invalid_value",
			"properties.v8 cyclic", "properties.wk cyclic",
		},
	},
	{
		name: "nested objects and array elements, any depth",
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{
			"o": map[string]any{"a": []any{"x", mk("NaN"), mk("bigint:3"), mk(mk("y"))}, "deep": map[string]any{"c": mk("cyclic"), "k": "v"}},
		}},
		want: []Call{call("logCustomEvent", "E", map[string]any{
			"o": map[string]any{"a": []any{"x", 3.0, mk("y")}, "deep": map[string]any{"k": "v"}},
		})},
		warns: []string{"properties.o.a[1] invalid_value", "properties.o.a[2] converted_type", "properties.o.deep.c cyclic"},
	},
	{
		name:  "a marker under a reserved key is reported as what it stands for",
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"price": mk("NaN")}},
		want:  []Call{call("logCustomEvent", "E", map[string]any{})},
		warns: []string{"properties.price invalid_value"},
	},
	{
		name:   "traits: attributes, arrays and the address",
		family: FamilyBraze,
		event: map[string]any{"type": "identify", "traits": map[string]any{
			"plan": mk("function"), "n": mk("bigint:9007199254740993"), "tags": []any{"a", mk("symbol")},
			"address": map[string]any{"city": mk("cyclic"), "country": "FR"}, "birthday": mk("invalid_date"),
		}},
		want: []Call{
			call(MethodSetCountry, "FR"),
			call(MethodSetCustomAttribute, "n", "9007199254740993"),
			call(MethodSetCustomAttribute, "tags", []any{"a"}),
		},
		warns: []string{"traits.address.city cyclic", "traits.birthday invalid_value", "traits.n converted_type",
			"traits.plan invalid_value", "traits.tags[1] invalid_value"},
	},
	{
		name: "id fields: a BigInt is its digits, other markers are dropped",
		event: map[string]any{"type": "track", "event": mk("getter_threw:x"), "userId": mk("bigint:42"),
			"anonymousId": mk(mk("a"))},
		want:  []Call{call(MethodChangeUser, "42")},
		warns: []string{"userId converted_type", "event invalid_value", "event missing_field"},
	},
	{
		name: "purchases: currency, product, product id and price",
		event: order(map[string]any{"currency": mk("symbol"), "products": []any{
			product("product_id", "a", "price", mk("NaN")), mk("cyclic"), product("product_id", mk("bigint:7"), "price", 1.0),
		}}),
		want: []Call{call(MethodLogPurchase, "7", 1.0, "USD", 1.0, map[string]any{})},
		warns: []string{"properties.currency invalid_value", "properties.products[0].price invalid_value",
			"properties.products[0].price invalid_price", "properties.products[1] cyclic",
			"properties.products[2].product_id converted_type"},
	},
	{
		name: "objects the mapping does not send are still checked",
		event: map[string]any{"type": "group", "groupId": "g", "traits": map[string]any{"x": mk("NaN"), "ok": 1.0},
			"properties": map[string]any{"y": []any{mk("cyclic")}}},
		want:  []Call{call(MethodSetCustomAttribute, "ab_segment_group_g", true)},
		warns: []string{"traits.x invalid_value", "properties.y[0] cyclic"},
	},
	{
		name:  "a track without a name: its properties are checked",
		event: map[string]any{"type": "track", "properties": map[string]any{"n": mk("symbol")}},
		warns: []string{"event missing_field", "properties.n invalid_value"},
	},
	{
		name:  "the products themselves",
		event: order(map[string]any{"products": mk("budget")}),
		warns: []string{"properties.products payload_too_large", "properties.products no_purchase"},
	},
}

func TestMarkers(t *testing.T) { runMapCases(t, testdataMarkers) }

func TestMarkerMessages(t *testing.T) {
	r := started(t, testSettings(FamilyBraze)).Handle(map[string]any{"type": "track", "event": "E", "properties": map[string]any{
		"g": mk("getter_threw:TypeError: nope"), "t": mk("too_long:600000"), "u": mk("bigint:123456789012345678901"),
	}})
	var msgs []string
	for _, w := range r.Warnings {
		msgs = append(msgs, w.String())
	}
	assert.Equal(t, []string{
		"properties.g: reading it threw (TypeError: nope): dropped (invalid_value)",
		"properties.t: a string of 600000 characters exceeds Braze's 50 KB limit: dropped (payload_too_large)",
		"properties.u: a BigInt (123456789012345678901) beyond 2^53: sent as its decimal string (converted_type)",
	}, msgs)
}

func TestParseEventMarkers(t *testing.T) {
	ev, ws := ParseEvent(map[string]any{"type": "track", "event": "E", "anonymousId": mk(mk("a")), "properties": map[string]any{
		"x": []any{mk("NaN"), mk(mk("b"))}, "y": mk("bigint:5"),
	}})
	assert.Equal(t, Event{Type: "track", Event: "E", AnonymousID: mk("a"), Properties: map[string]any{"x": []any{mk("b")}, "y": 5.0}}, ev)
	assert.Equal(t, []string{"properties.x[0] invalid_value", "properties.y converted_type"}, codes(ws))
	// HandleEvent does not read an unescaped string as a marker again.
	var r Result
	started(t, testSettings(FamilyBraze)).HandleEvent(&ev, &r)
	assert.Equal(t, []Call{call(MethodLogCustomEvent, "E", map[string]any{"x": []any{mk("b")}, "y": 5.0})}, r.Calls)
}
