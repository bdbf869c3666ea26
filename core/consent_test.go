package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consentEvent is a track whose context.consent.categoryPreferences is
// prefs, as Segment's consent tools stamp it; nil leaves no context.
func consentEvent(name string, prefs map[string]any) map[string]any {
	ev := map[string]any{"type": "track", "event": name}
	if prefs != nil {
		ev["context"] = map[string]any{"consent": map[string]any{"categoryPreferences": prefs}}
	}
	return ev
}

func TestConsented(t *testing.T) {
	tests := []struct {
		name       string
		categories []string
		event      map[string]any
		field      string // "" when consented
	}{
		{"no categories: every event", nil, consentEvent("E", nil), ""},
		{"all consented", []string{"C0002", "C0004"}, consentEvent("E", map[string]any{"C0002": true, "C0004": true, "C0005": false}), ""},
		{"one refused", []string{"C0002", "C0004"}, consentEvent("E", map[string]any{"C0002": true, "C0004": false}), consentPath + ".C0004"},
		{"one missing", []string{"C0002", "C0004"}, consentEvent("E", map[string]any{"C0002": true}), consentPath + ".C0004"},
		{"true only as a boolean", []string{"C0004"}, consentEvent("E", map[string]any{"C0004": "true"}), consentPath + ".C0004"},
		{"no stamp", []string{"C0004"}, consentEvent("E", nil), consentPath + ".C0004"},
		{"a stamp that is not an object", []string{"C0004"},
			map[string]any{"context": map[string]any{"consent": map[string]any{"categoryPreferences": []any{"C0004"}}}}, consentPath + ".C0004"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, ok := Consented(&Settings{ConsentCategories: tc.categories}, tc.event)
			assert.Equal(t, tc.field == "", ok)
			assert.Equal(t, tc.field, w.Field)
			if !ok {
				assert.Equal(t, CodeNoConsent, w.Code)
				assert.Equal(t, LevelInfo, w.Level, "the visitor's choice, not a loss")
			}
		})
	}
}

// A plan shows what the page does: events without consent skipped with
// their info, and the page-load calls only when some event consents.
func TestPlanConsent(t *testing.T) {
	settings := map[string]any{"apiKey": "k", "consentCategories": []any{"C0004"}}
	p := Plan(settings, []map[string]any{
		consentEvent("Before", nil),
		consentEvent("Given", map[string]any{"C0004": true}),
		consentEvent("Withdrawn", map[string]any{"C0004": false}),
	}, "")
	require.NoError(t, p.Err)
	var calls []string
	for _, c := range p.Calls {
		calls = append(calls, c.Method)
	}
	assert.Equal(t, []string{MethodInitialize, MethodAutoShowV4, MethodOpenSession, MethodLogCustomEvent}, calls)
	assert.Equal(t, 1, p.Calls[3].Event)
	var skipped []int
	for _, w := range p.Warnings {
		if w.Code == CodeNoConsent {
			skipped = append(skipped, w.Event)
		}
	}
	assert.Equal(t, []int{0, 2}, skipped)

	p = Plan(settings, []map[string]any{consentEvent("Before", nil)}, "u")
	require.NoError(t, p.Err)
	assert.Empty(t, p.Calls, "no event consents: nothing of Braze runs")
}
