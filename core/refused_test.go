package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func refusedWarning(field, code, message string) Warning {
	return Warning{Field: field, Code: code, Message: message, Level: LevelWarning}
}

func withRevenuePurchases(s *Settings) { s.LogPurchaseWhenRevenuePresent = true }
func withAllPages(s *Settings)         { s.TrackAllPages = true }

// testdataRefused are events with a character the SDK refuses in a name,
// a product id, a key or an attribute string: the call it would refuse is
// not made, a warning names the field and the character, and the rest of
// the event is mapped.
var testdataRefused = []struct {
	name   string
	family Family
	opts   []func(*Settings)
	event  map[string]any
	want   []Call
	warns  []Warning
}{
	{
		name:  "double quote in an event name",
		event: map[string]any{"type": "track", "event": `Sign "Up"`, "userId": "u1", "properties": map[string]any{"plan": "pro"}},
		want:  []Call{call(MethodChangeUser, "u1")},
		warns: []Warning{refusedWarning("event", CodeInvalidName, "U+0022 (double quote) at byte 5 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:  "newline in an event name",
		event: map[string]any{"type": "track", "event": "Sign\nUp"},
		warns: []Warning{refusedWarning("event", CodeInvalidName, "U+000A (newline) at byte 4 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:  "tab in an event name",
		event: map[string]any{"type": "track", "event": "\tSign Up"},
		warns: []Warning{refusedWarning("event", CodeInvalidName, "U+0009 (tab) at byte 0 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:  "NUL in an event name",
		event: map[string]any{"type": "track", "event": "Sign Up\x00"},
		warns: []Warning{refusedWarning("event", CodeInvalidName, "U+0000 (control character) at byte 7 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:  "U+001F in an event name, after a two-byte character",
		event: map[string]any{"type": "track", "event": "é\x1f"},
		warns: []Warning{refusedWarning("event", CodeInvalidName, "U+001F (control character) at byte 2 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:   "the same rule on SDK 3",
		family: FamilyAppboy,
		event:  map[string]any{"type": "track", "event": "a\rb"},
		warns:  []Warning{refusedWarning("event", CodeInvalidName, "U+000D (carriage return) at byte 1 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:   "the same rule on SDK 1 and 2",
		family: FamilyAppboyAB,
		event:  map[string]any{"type": "track", "event": `a"`},
		warns:  []Warning{refusedWarning("event", CodeInvalidName, "U+0022 (double quote) at byte 1 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:  "DEL and non-ASCII are accepted, as the SDK does",
		event: map[string]any{"type": "track", "event": "E\x7f é \u2028", "properties": map[string]any{"k\x7f": 1.0}},
		want:  []Call{call(MethodLogCustomEvent, "E\x7f é \u2028", map[string]any{"k\x7f": 1.0})},
	},
	{
		name:  "page name sent as a custom event",
		opts:  []func(*Settings){withAllPages},
		event: map[string]any{"type": "page", "userId": "u1", "name": "Ho\nme", "category": "Docs"},
		want:  []Call{call(MethodChangeUser, "u1")},
		warns: []Warning{refusedWarning("name", CodeInvalidName, "U+000A (newline) at byte 2 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:  "page category in the custom event's name",
		opts:  []func(*Settings){withAllPages},
		event: map[string]any{"type": "page", "name": "Home", "category": `Do"cs`},
		warns: []Warning{refusedWarning("category", CodeInvalidName, "U+0022 (double quote) at byte 2 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:  "page name and category: the name reported",
		opts:  []func(*Settings){withAllPages},
		event: map[string]any{"type": "page", "name": "a\tb", "category": "c\x1fd"},
		warns: []Warning{refusedWarning("name", CodeInvalidName, "U+0009 (tab) at byte 1 is a character the Braze SDK refuses: not sent")},
	},
	{
		name:  "unnamed page: the category is only a property value, which the SDK does not check",
		opts:  []func(*Settings){withAllPages},
		event: map[string]any{"type": "page", "category": "Do\ncs"},
		want:  []Call{call(MethodLogCustomEvent, "Loaded a Page", map[string]any{"category": "Do\ncs"})},
	},
	{
		name: "product id: that purchase not logged, the next one is",
		event: order(map[string]any{"products": []any{
			product("product_id", "p\n1", "price", 1.0), product("product_id", "p2", "price", 2.0),
		}}),
		want:  []Call{call(MethodLogPurchase, "p2", 2.0, "USD", 1.0, map[string]any{})},
		warns: []Warning{refusedWarning("properties.products[0].product_id", CodeInvalidProductID, "U+000A (newline) at byte 1 is a character the Braze SDK refuses: no purchase logged")},
	},
	{
		name:  "product id read from id",
		event: order(map[string]any{"products": []any{product("id", "\x00", "price", 1.0)}}),
		warns: []Warning{refusedWarning("properties.products[0].id", CodeInvalidProductID, "U+0000 (control character) at byte 0 is a character the Braze SDK refuses: no purchase logged")},
	},
	{
		name:  "Order Completed's own name is sent nowhere: not checked",
		event: map[string]any{"type": "track", "event": "Completed Order\t", "properties": map[string]any{"products": []any{product("product_id", "p", "price", 1.0)}}},
		want:  []Call{call(MethodLogPurchase, "p", 1.0, "USD", 1.0, map[string]any{})},
	},
	{
		name:  "event name as the product id of a revenue purchase",
		opts:  []func(*Settings){withRevenuePurchases},
		event: map[string]any{"type": "track", "event": "Bought\tIt", "properties": map[string]any{"revenue": 5.0}},
		warns: []Warning{refusedWarning("event", CodeInvalidProductID, "U+0009 (tab) at byte 6 is a character the Braze SDK refuses: no purchase logged")},
	},
	{
		name:  "event name of a revenue event sent as a custom event",
		opts:  []func(*Settings){withRevenuePurchases},
		event: map[string]any{"type": "track", "event": `"E"`, "properties": map[string]any{"revenue": "lots"}},
		warns: []Warning{
			refusedWarning("properties.revenue", CodeInvalidPrice, `revenue string "lots" is not a number: sent as a custom event instead of a purchase`),
			refusedWarning("event", CodeInvalidName, "U+0022 (double quote) at byte 0 is a character the Braze SDK refuses: not sent"),
		},
	},
	{
		name:  "property keys dropped, the rest sent",
		event: map[string]any{"type": "track", "event": "E", "properties": map[string]any{"a\tb": 1.0, "c\x1fd": 2.0, "": 3.0, "ok": 4.0}},
		want:  []Call{call(MethodLogCustomEvent, "E", map[string]any{"ok": 4.0})},
		warns: []Warning{
			refusedWarning(`properties[""]`, CodeInvalidKey, `an empty or "__proto__" key cannot be sent: dropped`),
			refusedWarning("properties.a\tb", CodeInvalidKey, "U+0009 (tab) at byte 1 is a character the Braze SDK refuses: dropped"),
			refusedWarning("properties.c\x1fd", CodeInvalidKey, "U+001F (control character) at byte 1 is a character the Braze SDK refuses: dropped"),
		},
	},
	{
		name:  "purchase property key",
		event: order(map[string]any{"products": []any{product("product_id", "p", "price", 1.0, `co"lor`, "red", "size", "M")}}),
		want:  []Call{call(MethodLogPurchase, "p", 1.0, "USD", 1.0, map[string]any{"size": "M"})},
		warns: []Warning{refusedWarning(`properties.products[0].co"lor`, CodeInvalidKey, "U+0022 (double quote) at byte 2 is a character the Braze SDK refuses: dropped")},
	},
	{
		name:  "trait key",
		event: map[string]any{"type": "identify", "traits": map[string]any{"pl\nan": "pro", "ok": "x"}},
		want:  []Call{call(MethodSetCustomAttribute, "ok", "x")},
		warns: []Warning{refusedWarning("traits.pl\nan", CodeInvalidKey, "U+000A (newline) at byte 2 is a character the Braze SDK refuses: dropped")},
	},
	{
		name:   "trait string value",
		family: FamilyAppboy,
		event:  map[string]any{"type": "identify", "traits": map[string]any{"notes": "line 1\nline 2", "plan": "pro"}},
		want:   []Call{call(MethodSetCustomAttribute, "plan", "pro")},
		warns:  []Warning{refusedWarning("traits.notes", CodeInvalidValue, "U+000A (newline) at byte 6 is a character the Braze SDK refuses: attribute not set")},
	},
	{
		name:  "string in a trait array: the SDK refuses the whole array",
		event: map[string]any{"type": "identify", "traits": map[string]any{"tags": []any{"a", `b"c`, "d\te"}, "plan": "pro"}},
		want:  []Call{call(MethodSetCustomAttribute, "plan", "pro")},
		warns: []Warning{refusedWarning("traits.tags[1]", CodeInvalidValue, "U+0022 (double quote) at byte 1 is a character the Braze SDK refuses: attribute not set")},
	},
	{
		name:  "group id in the attribute key",
		event: map[string]any{"type": "group", "userId": "u1", "groupId": "g\n1"},
		want:  []Call{call(MethodChangeUser, "u1")},
		warns: []Warning{refusedWarning("groupId", CodeInvalidKey, "U+000A (newline) at byte 1 is a character the Braze SDK refuses: not sent")},
	},
}

func TestRefused(t *testing.T) {
	for _, tc := range testdataRefused {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.family
			if f == 0 {
				f = FamilyBraze
			}
			r := started(t, testSettings(f, tc.opts...)).Handle(tc.event)
			assert.Equal(t, tc.want, r.Calls)
			assert.Equal(t, tc.warns, r.Warnings)
		})
	}
}

// refusedChar must agree with the SDK's regular expression on every
// ASCII character and on multibyte ones.
func TestRefusedChar(t *testing.T) {
	for c := range 0x80 {
		s := "a" + string(rune(c))
		want := -1
		if !sdkCustomString.MatchString(s) {
			want = 1
		}
		assert.Equal(t, want, refusedChar(s), "%q", s)
	}
	for _, s := range []string{"é", "☃", "😀", "\u2028", "\u0085", "\xff"} {
		assert.Equal(t, -1, refusedChar(s), "%q", s)
	}
}
