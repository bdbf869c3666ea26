package main

// Only known users with anonymousEvents 'buffer': nothing reaches Braze
// before the identify; then changeUser comes before openSession, so the
// first session already belongs to the user, and the buffered events follow
// in order.

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFault_OnlyKnownUsersBuffer(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: "only known users", Segment: true,
		Settings: s.baseSettings(map[string]any{"onlyTrackKnownUsersOnWeb": true, "anonymousEvents": "buffer"}),
		Script:   readyScript,
	}))
	tb.poll(`window.e2eReady === true`, busyWait)
	st := eval[shimStatus](tb, `(async () => {
  for (const n of ['Anon 1', 'Anon 2', 'Anon 3']) await analytics.track(n, {n});
  return BrazeWasm.status();
})()`)
	assert.Equal(t, "deferred", st.State, "status: %+v", st)
	assert.Equal(t, 3, st.Counts["buffered"], "status: %+v", st)
	// The SDK is loaded but not initialised: nothing has left yet. (A
	// request still on its way would show below, where every request
	// recorded since the page loaded must belong to the user.)
	require.Empty(t, brazeBodies(t, s.srv.Requests.Since(0)), "nothing is sent before a user is known")

	eval[bool](tb, `(async () => {
  await analytics.identify('known-1', {plan: 'pro'});
  await analytics.track('Known 1');
  return true;
})()`)
	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Known 1")
		return ok && userAttributes(bodies, "known-1").Custom()["plan"] != nil
	})

	sessions := events(bodies, eventSessionStart)
	if assert.NotEmpty(t, sessions) {
		assert.Equal(t, "known-1", sessions[0].UserID, "the first session start carries the user: changeUser came before openSession")
	}
	// bodies are every request since the page loaded: nothing anonymous
	// left, before the identify or after.
	for _, b := range bodies {
		for _, e := range b.Events {
			assert.Equal(t, "known-1", e.UserID, "event %s: no anonymous profile", e.Name)
		}
		for _, a := range b.Attributes {
			assert.Equal(t, "known-1", a["user_id"], "attributes %v: no anonymous profile", a)
		}
	}
	var names []string
	for _, e := range events(bodies, eventCustom) {
		names = append(names, e.Data.N)
	}
	assert.Equal(t, []string{"Anon 1", "Anon 2", "Anon 3", "Known 1"}, names, "the buffered events are replayed in order, before the later ones")
	st = eval[shimStatus](tb, `BrazeWasm.status()`)
	assert.Equal(t, "ready", st.State)
	assert.Zero(t, st.Counts["buffered"])
	assert.Zero(t, st.Counts["dropped"])
}
