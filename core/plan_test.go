package core

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanCallEvents(t *testing.T) {
	p := Plan(map[string]any{"apiKey": "k", "onlyTrackKnownUsersOnWeb": true, "anonymousEvents": "buffer"}, []map[string]any{
		{"type": "track", "event": "Early"},
		{"type": "identify", "userId": "u", "traits": map[string]any{"plan": "pro"}},
		{"type": "group", "groupId": "g"},
	}, "")
	require.NoError(t, p.Err)
	type row struct {
		method string
		event  int
		dp     int
	}
	var got []row
	for _, c := range p.Calls {
		got = append(got, row{c.Method, c.Event, c.DataPoints})
	}
	// The buffered track is released by the identify, so it counts as event 1.
	assert.Equal(t, []row{
		{MethodInitialize, 1, 0}, {MethodAutoShowV4, 1, 0}, {MethodChangeUser, 1, 0}, {MethodOpenSession, 1, 1},
		{MethodLogCustomEvent, 1, 1}, {MethodSetCustomAttribute, 1, 1}, {MethodSetCustomAttribute, 2, 1},
	}, got)
	total := 0
	for _, c := range p.Calls {
		total += c.DataPoints
	}
	assert.Equal(t, p.DataPoints, total)
}

func TestPlanSavings(t *testing.T) {
	jane := map[string]any{"email": "jane@example.com", "plan": "pro", "seats": 3.0}
	events := []map[string]any{
		{"type": "identify", "userId": "u", "traits": jane},
		{"type": "identify", "userId": "u", "traits": jane}, // a repeat: debounced
		{"type": "identify", "userId": "u", "traits": map[string]any{"email": "jane@example.com", "plan": "team"}},
		{"type": "track", "event": "Viewed"},
		{"type": "group", "groupId": "g"},
		{"type": "group", "groupId": "g"},
	}
	tests := []struct {
		name     string
		settings map[string]any
		points   int // the plan's data points
		want     Savings
	}{{
		name:     "both off: what each would save",
		settings: map[string]any{"apiKey": "k"},
		points:   1 + 3 + 3 + 2 + 1 + 1 + 1,
		want: Savings{
			Saved: 0, AllOn: 1 + 3 + 0 + 1 + 1 + 1 + 0,
			DebounceIdentify:      OptionSaving{On: false, Saved: 3, PerEvent: []int{0, 3, 0, 0, 0, 0}},
			SendOnlyChangedTraits: OptionSaving{On: false, Saved: 3 + 1 + 1, PerEvent: []int{0, 3, 1, 0, 0, 1}},
		},
	}, {
		name:     "both on: the debounced repeat would cost nothing anyway with sendOnlyChangedTraits",
		settings: map[string]any{"apiKey": "k", "debounceIdentify": true, "sendOnlyChangedTraits": true},
		points:   1 + 3 + 0 + 1 + 1 + 1 + 0,
		want: Savings{
			Saved: 5, AllOn: 7,
			DebounceIdentify:      OptionSaving{On: true, Saved: 0, PerEvent: []int{0, 0, 0, 0, 0, 0}},
			SendOnlyChangedTraits: OptionSaving{On: true, Saved: 2, PerEvent: []int{0, 0, 1, 0, 0, 1}},
		},
	}, {
		name:     "debounce only",
		settings: map[string]any{"apiKey": "k", "debounceIdentify": true},
		points:   1 + 3 + 0 + 2 + 1 + 1 + 1,
		want: Savings{
			Saved: 3, AllOn: 7,
			DebounceIdentify:      OptionSaving{On: true, Saved: 3, PerEvent: []int{0, 3, 0, 0, 0, 0}},
			SendOnlyChangedTraits: OptionSaving{On: false, Saved: 2, PerEvent: []int{0, 0, 1, 0, 0, 1}},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Plan(tt.settings, events, "")
			require.NoError(t, p.Err)
			assert.Equal(t, tt.points, p.DataPoints)
			assert.Equal(t, tt.want, p.Savings)
		})
	}
}

// TestResultSavedMatchesPlan: what Result.Saved counts event by event (as
// status() does on real traffic) is the plan's saving against both
// options off.
func TestResultSavedMatchesPlan(t *testing.T) {
	traits := []map[string]any{{"plan": "pro", "gender": "f"}, {"plan": "pro"}, {"plan": "team", "email": "a@b.co"}}
	var events []map[string]any
	for i := range 30 {
		switch i % 5 {
		case 0, 1, 3:
			events = append(events, map[string]any{"type": "identify", "userId": []string{"a", "b"}[i/7%2], "traits": traits[i/2%3]})
		case 2:
			events = append(events, map[string]any{"type": "group", "groupId": "g"})
		default:
			events = append(events, map[string]any{"type": "track", "event": "x", "userId": "c"})
		}
	}
	for _, known := range []bool{false, true} {
		settings := map[string]any{"apiKey": "k", "debounceIdentify": true, "sendOnlyChangedTraits": true,
			"onlyTrackKnownUsersOnWeb": known, "anonymousEvents": "buffer"}
		p := Plan(settings, events, "")
		require.NoError(t, p.Err)
		m := NewMapper(p.Settings, nil)
		saved := m.Start("").Saved
		for _, e := range events {
			saved += m.Handle(e).Saved
		}
		assert.Positive(t, saved)
		assert.Equal(t, p.Savings.Saved, saved, "only known users: %t", known)
	}
}

func TestWarningLevels(t *testing.T) {
	p := Plan(map[string]any{"apiKey": "k", "debounceIdentify": true, "sendOnlyChangedTraits": true}, []map[string]any{
		{"type": "page"},
		{"type": "alias"},
		{"type": "screen"},
		{"type": "rocket"},
		{"type": "identify", "userId": "u", "traits": map[string]any{"plan": "pro", "gender": "robot"}},
		{"type": "identify", "userId": "u", "traits": map[string]any{"plan": "pro", "gender": "robot"}},
		{"type": "identify", "userId": "u", "traits": map[string]any{"plan": "pro"}},
	}, "")
	require.NoError(t, p.Err)
	var got []string
	for _, w := range p.Warnings {
		got = append(got, w.Code+" "+w.Level)
	}
	assert.Equal(t, []string{
		"page_not_tracked info", "unsupported_event_type info", "unsupported_event_type info",
		"unsupported_event_type warning", "invalid_gender warning", "debounced info",
		"unchanged_trait info",
	}, got)
}

// FuzzPlanSavings: for any events, Result.Saved summed over a run (what
// status() counts) is the plan's saving against both options off, and no
// option costs data points.
func FuzzPlanSavings(f *testing.F) {
	f.Add([]byte(`[{"type":"identify","userId":"u","traits":{"plan":"pro","seats":3}},{"type":"identify","userId":"u","traits":{"plan":"pro","seats":3}},{"type":"group","groupId":"g"}]`), uint8(3))
	f.Add([]byte(`[{"type":"track","event":"x"},{"type":"identify","userId":"u","traits":{"email":"a@b.co"}},{"type":"identify","userId":"v"}]`), uint8(7))
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		var events []map[string]any
		if len(data) > 8<<10 || json.Unmarshal(data, &events) != nil {
			t.Skip()
		}
		settings := map[string]any{"apiKey": "k", "debounceIdentify": flags&1 != 0, "sendOnlyChangedTraits": flags&2 != 0,
			"onlyTrackKnownUsersOnWeb": flags&4 != 0, "anonymousEvents": []string{"drop", "buffer"}[flags>>3&1], "trackAllPages": true}
		p := Plan(settings, events, "")
		if p.Err != nil {
			t.Fatal(p.Err)
		}
		m := NewMapper(p.Settings, nil)
		saved := m.Start("").Saved
		for _, e := range events {
			saved += m.Handle(e).Saved
		}
		if saved != p.Savings.Saved {
			t.Fatalf("Result.Saved sums to %d, the plan saves %d", saved, p.Savings.Saved)
		}
		for _, o := range []OptionSaving{p.Savings.DebounceIdentify, p.Savings.SendOnlyChangedTraits} {
			if o.Saved < 0 {
				t.Fatalf("an option costs data points: %+v", o)
			}
		}
	})
}

// TestPlanIntegrations: an event the page would not map (Analytics.js
// keeps it from this destination, or Segment's Braze name is false on it)
// plans no call and no data point, with the info the page gives.
func TestPlanIntegrations(t *testing.T) {
	events := []map[string]any{
		{"type": "track", "event": "Ours off", "integrations": map[string]any{"Braze (WASM)": false}},
		{"type": "track", "event": "All off", "integrations": map[string]any{"All": false}},
		{"type": "track", "event": "Segment's off", "integrations": map[string]any{"Braze": false}},
		{"type": "track", "event": "All off, ours on", "integrations": map[string]any{"All": false, "Braze (WASM)": true}},
		{"type": "identify", "userId": "u", "traits": map[string]any{"plan": "pro"}, "integrations": map[string]any{"All": false}},
	}
	p := Plan(map[string]any{"apiKey": "k", "debounceIdentify": true}, events, "")
	require.NoError(t, p.Err)
	var names []any
	for _, c := range p.Calls {
		require.GreaterOrEqual(t, c.Event, -1)
		if c.Method == MethodLogCustomEvent {
			names = append(names, c.Args[0])
		}
		assert.NotContains(t, []int{0, 1, 2, 4}, c.Event, "%s planned for a skipped event", c.Method)
	}
	assert.Equal(t, []any{"All off, ours on"}, names)
	type info struct {
		event int
		field string
	}
	var got []info
	for _, w := range p.Warnings {
		if w.Code == CodeExcluded {
			assert.Equal(t, LevelInfo, w.Level)
			got = append(got, info{w.Event, w.Field})
		}
	}
	assert.Equal(t, []info{{0, "integrations.Braze (WASM)"}, {1, "integrations.All"}, {2, "integrations.Braze"}, {4, "integrations.All"}}, got)
	assert.Equal(t, []int{0, 0, 0, 0, 0}, p.Savings.DebounceIdentify.PerEvent)
	assert.Equal(t, 0, p.Savings.Saved)
}
