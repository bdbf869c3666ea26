package core

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testdataStart = []struct {
	name   string
	s      *Settings
	userID string
	want   []Call
}{
	{name: "v4+: initialize, automaticallyShowInAppMessages, openSession", s: testSettings(FamilyBraze),
		want: []Call{call("initialize", "k", Options(nil)), call("automaticallyShowInAppMessages"), call("openSession")}},
	{name: "v3: display.automaticallyShowNewInAppMessages", s: testSettings(FamilyAppboy),
		want: []Call{call("initialize", "k", Options(nil)), call("display.automaticallyShowNewInAppMessages"), call("openSession")}},
	{name: "v1/v2: display.automaticallyShowNewInAppMessages", s: testSettings(FamilyAppboyAB),
		want: []Call{call("initialize", "k", Options(nil)), call("display.automaticallyShowNewInAppMessages"), call("openSession")}},
	{name: "known user: changeUser before openSession", s: testSettings(FamilyBraze), userID: "u",
		want: []Call{call("initialize", "k", Options(nil)), call("automaticallyShowInAppMessages"), call("changeUser", "u"), call("openSession")}},
	{name: "auto-show off", s: testSettings(FamilyBraze, func(s *Settings) { s.AutomaticallyDisplayMessages = false }),
		want: []Call{call("initialize", "k", Options(nil)), call("openSession")}},
	{name: "only known users, no user: nothing yet", s: testSettings(FamilyBraze, func(s *Settings) { s.OnlyKnownUsers = true })},
	{name: "only known users, stored user: start with changeUser", s: testSettings(FamilyBraze, func(s *Settings) { s.OnlyKnownUsers = true }), userID: "u",
		want: []Call{call("initialize", "k", Options(nil)), call("automaticallyShowInAppMessages"), call("changeUser", "u"), call("openSession")}},
}

func TestStart(t *testing.T) {
	for _, tc := range testdataStart {
		t.Run(tc.name, func(t *testing.T) {
			r := NewMapper(tc.s, nil).Start(tc.userID)
			assert.Equal(t, tc.want, r.Calls)
		})
	}
}

func knownOnly(buffer bool) *Settings {
	return testSettings(FamilyBraze, func(s *Settings) {
		s.OnlyKnownUsers, s.BufferAnonymous, s.AutomaticallyDisplayMessages = true, buffer, false
	})
}

func TestOnlyKnownUsersDrop(t *testing.T) {
	m := NewMapper(knownOnly(false), nil)
	require.Empty(t, m.Start("").Calls)
	r := m.Handle(map[string]any{"type": "track", "event": "Early"})
	assert.Empty(t, r.Calls)
	assert.Equal(t, []string{"userId unknown_user"}, codes(r.Warnings))
	r = m.Handle(map[string]any{"type": "identify", "traits": map[string]any{"plan": "x"}})
	assert.Empty(t, r.Calls, "an identify without userId does not start the SDK")
	r = m.Handle(map[string]any{"type": "identify", "userId": "u"})
	assert.Equal(t, []Call{call("initialize", "k", Options(nil)), call("changeUser", "u"), call("openSession")}, r.Calls)
	r = m.Handle(map[string]any{"type": "track", "event": "Later", "userId": "u"})
	assert.Equal(t, []Call{call("logCustomEvent", "Later", map[string]any{})}, r.Calls, "no second changeUser for the same user")
}

func TestOnlyKnownUsersBuffer(t *testing.T) {
	m := NewMapper(knownOnly(true), nil)
	m.Start("")
	assert.Empty(t, m.Handle(map[string]any{"type": "track", "event": "One"}).Calls)
	assert.Empty(t, m.Handle(map[string]any{"type": "group", "groupId": "g"}).Calls)
	assert.Equal(t, 2, m.Buffered())
	r := m.Handle(map[string]any{"type": "identify", "userId": "u"})
	assert.Equal(t, []Call{
		call("initialize", "k", Options(nil)), call("changeUser", "u"), call("openSession"),
		call("logCustomEvent", "One", map[string]any{}),
		call("getUser().setCustomUserAttribute", "ab_segment_group_g", true),
	}, r.Calls)
	assert.Equal(t, 0, m.Buffered())
}

func TestOnlyKnownUsersBufferOverflow(t *testing.T) {
	m := NewMapper(knownOnly(true), nil)
	m.Start("")
	var warned []string
	for i := range MaxBuffered + 2 {
		warned = append(warned, codes(m.Handle(map[string]any{"type": "track", "event": fmt.Sprint(i)}).Warnings)...)
	}
	assert.Equal(t, []string{"userId buffer_overflow", "userId buffer_overflow"}, warned)
	r := m.Handle(map[string]any{"type": "identify", "userId": "u"})
	require.Len(t, r.Calls, 3+MaxBuffered)
	assert.Equal(t, call("logCustomEvent", "2", map[string]any{}), r.Calls[3], "the two oldest were dropped")
}

func TestUnsupportedTypes(t *testing.T) {
	m := started(t, testSettings(FamilyBraze))
	for _, ty := range []any{"alias", "screen", "bogus", nil, 3.0} {
		r := m.Handle(map[string]any{"type": ty, "event": "E"})
		assert.Empty(t, r.Calls, ty)
		assert.NotEmpty(t, r.Warnings, ty)
	}
}

func TestDataPoints(t *testing.T) {
	calls := []Call{
		call("initialize", "k", Options(nil)), call("automaticallyShowInAppMessages"), call("changeUser", "u"), call("openSession"),
		call("getUser().setEmail", "e"), call("getUser().setCustomUserAttribute", "a", 1.0),
		call("logCustomEvent", "E", map[string]any{}), call("logPurchase", "p", 1.0, "USD", 1.0, map[string]any{}),
	}
	assert.Equal(t, 5, DataPoints(calls))
}

func TestFingerprint(t *testing.T) {
	a := fingerprint([]any{map[string]any{"a": 1.0, "b": []any{"x", nil}}})
	b := fingerprint([]any{map[string]any{"b": []any{"x", nil}, "a": 1.0}})
	c := fingerprint([]any{map[string]any{"a": "1", "b": []any{"x", nil}}})
	assert.Equal(t, a, b)
	assert.NotEqual(t, a, c)
}

func TestOnlyKnownUsersBufferedValues(t *testing.T) {
	// A held event's bad values are reported when it arrives, once; the
	// identify that releases it sends what is left.
	m := NewMapper(knownOnly(true), nil)
	m.Start("")
	r := m.Handle(map[string]any{"type": "track", "event": "Early", "properties": map[string]any{"n": nan(), "at": "2021-05-06", "esc": markerPrefix + markerPrefix + "x"}})
	assert.Empty(t, r.Calls)
	assert.Equal(t, []string{"properties.n invalid_value"}, codes(r.Warnings))
	r = m.Handle(map[string]any{"type": "identify", "userId": "u"})
	assert.Equal(t, []Call{call("initialize", "k", Options(nil)), call("changeUser", "u"), call("openSession"),
		call("logCustomEvent", "Early", map[string]any{"at": DateOf(2021, 5, 6, 0, 0, 0, 0), "esc": markerPrefix + "x"})}, r.Calls)
	assert.Empty(t, r.Warnings)
}

func TestOnlyKnownUsersDroppedValues(t *testing.T) {
	m := NewMapper(knownOnly(false), nil)
	m.Start("")
	r := m.Handle(map[string]any{"type": "track", "event": "Early", "properties": map[string]any{"n": nan()}})
	assert.Equal(t, []string{"userId unknown_user", "properties.n invalid_value"}, codes(r.Warnings))
}
