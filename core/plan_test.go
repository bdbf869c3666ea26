package core

import (
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
