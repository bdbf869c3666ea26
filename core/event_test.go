package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseEvent(t *testing.T) {
	deep := map[string]any{}
	cur := deep
	for range MaxDepth + 2 {
		next := map[string]any{}
		cur["n"] = next
		cur = next
	}
	for _, tc := range []struct {
		name  string
		raw   map[string]any
		want  Event
		warns []string
	}{
		{name: "all fields", raw: map[string]any{"type": "track", "userId": "u", "anonymousId": "a", "event": "E", "name": "N", "category": "C", "groupId": "g",
			"traits": map[string]any{"t": 1.0}, "properties": map[string]any{"at": "2020-01-02"}},
			want: Event{Type: "track", UserID: "u", AnonymousID: "a", Event: "E", Name: "N", Category: "C", GroupID: "g",
				Traits: map[string]any{"t": 1.0}, Properties: map[string]any{"at": utc(2020, 1, 2, 0, 0, 0, 0)}}},
		{name: "nulls are absent", raw: map[string]any{"type": "identify", "userId": nil, "traits": nil},
			want: Event{Type: "identify"}},
		{name: "wrong types", raw: map[string]any{"type": "track", "userId": true, "event": []any{}, "traits": []any{}},
			want:  Event{Type: "track"},
			warns: []string{"userId invalid_type", "event invalid_type", "traits invalid_type"}},
		{name: "too deep", raw: map[string]any{"type": "track", "properties": deep},
			want:  Event{Type: "track", Properties: trimmed(MaxDepth)},
			warns: []string{"properties" + repeat(".n", MaxDepth) + " too_deep"}},
		{name: "infinite numbers dropped deep inside", raw: map[string]any{"type": "track", "properties": map[string]any{"a": []any{1.0, inf()}}},
			want:  Event{Type: "track", Properties: map[string]any{"a": []any{1.0}}},
			warns: []string{"properties.a[1] invalid_value"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev, ws := ParseEvent(tc.raw)
			assert.Equal(t, tc.want, ev)
			assert.Equal(t, tc.warns, codes(ws))
		})
	}
}

// trimmed is the nesting {"n": {"n": ...}} n levels deep, with an empty
// object at the bottom.
func trimmed(n int) map[string]any {
	m := map[string]any{}
	for range n - 1 {
		m = map[string]any{"n": m}
	}
	return m
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

func inf() float64 { z := 0.0; return 1 / z }
