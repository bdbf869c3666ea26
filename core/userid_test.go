package core

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The Braze SDK silently ignores a changeUser with more than 997 bytes:
// such an event is not sent (it would land on the previous user), and
// says why.
func TestUserIDTooLong(t *testing.T) {
	long := strings.Repeat("é", 499) // 998 bytes
	for _, typ := range []string{TypeIdentify, TypeTrack, TypePage, TypeGroup} {
		m := started(t, testSettings(FamilyBraze, func(s *Settings) { s.TrackAllPages = true }))
		r := m.Handle(map[string]any{"type": typ, "userId": long, "event": "E", "groupId": "g", "traits": map[string]any{"a": 1.0}})
		assert.Empty(t, r.Calls, typ)
		assert.Equal(t, []string{"userId invalid_value"}, codes(r.Warnings), typ)
		assert.Contains(t, r.Warnings[0].Message, "998 bytes", typ)
	}
	m := started(t, testSettings(FamilyBraze))
	ok := strings.Repeat("a", MaxUserIDBytes)
	r := m.Handle(map[string]any{"type": TypeTrack, "userId": ok, "event": "E"})
	assert.Equal(t, call(MethodChangeUser, ok), r.Calls[0], "997 bytes is fine")

	r = NewMapper(testSettings(FamilyBraze), nil).Start(long)
	assert.Equal(t, []string{MethodInitialize, MethodAutoShowV4, MethodOpenSession}, methods(r.Calls))
	assert.Equal(t, []string{"userId invalid_value"}, codes(r.Warnings))
}

func methods(calls []Call) []string {
	var out []string
	for _, c := range calls {
		out = append(out, c.Method)
	}
	return out
}
