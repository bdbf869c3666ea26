package main

// Page lifecycle: a second registration and unload() do not double-send,
// and sendOnlyChangedTraits remembers across a reload (localStorage).

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFault_SecondRegistrationAndUnload(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: "lifecycle", Segment: true,
		Settings: s.baseSettings(nil),
		Script:   readyScript,
	}))
	tb.poll(`window.e2eReady === true`, busyWait)
	eval[bool](tb, `(async () => {
  await analytics.register(BrazeWasm.destination(e2eConfig.settings));
  await analytics.track('Once');
  return true;
})()`)
	s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Once")
		return ok
	})
	// Analytics.js calls unload() on deregister; the shim stops sending.
	st := eval[shimStatus](tb, `(async () => {
  await analytics.deregister('Braze (WASM)');
  await analytics.track('After Unload');
  BrazeWasm.sdk().logCustomEvent('E2E Marker');
  return BrazeWasm.status();
})()`)
	assert.Equal(t, "unloaded", st.State, "status: %+v", st)
	// Instead of waiting a while for what should not come: a marker logged
	// on the SDK itself after the track leaves in the same flush as what
	// reached the SDK before it. Once the marker is at the backend, After
	// Unload would be too, had the shim passed it on.
	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "E2E Marker")
		return ok
	})
	n := 0
	for _, e := range events(bodies, eventCustom) {
		if e.Data.N == "Once" {
			n++
		}
		assert.NotEqual(t, "After Unload", e.Data.N, "sent after unload")
	}
	assert.Equal(t, 1, n, "Once was sent once, not once per registration")
	warns := shimMessages(tb, "warning")
	assert.Contains(t, warns, "destination() called again: the first settings are kept")
}

func TestFault_ReloadKeepsChangedTraits(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	tb := newTab(t)
	url := s.addPage(faultPage{
		Title: "reload", Segment: true,
		Settings: s.baseSettings(map[string]any{"sendOnlyChangedTraits": true}),
		Script:   readyScript,
	})
	// identify loads the page (again) in the same browser context, so with
	// the same localStorage, and returns the custom attributes that reached
	// Braze from this load.
	identify := func(seats int) map[string]any {
		t.Helper()
		tb.navigate(url)
		tb.poll(`window.e2eReady === true`, busyWait)
		since := s.lastSeq()
		eval[bool](tb, `analytics.identify('u-reload', {plan: 'pro', color: 'red', seats: `+strconv.Itoa(seats)+`}).then(() => true)`)
		bodies := s.waitSince(tb, since, busyWait, flushScript, func(bodies []BrazeBody) bool {
			return userAttributes(bodies, "u-reload").Custom()["seats"] == float64(seats)
		})
		return userAttributes(bodies, "u-reload").Custom()
	}
	assert.Equal(t, map[string]any{"plan": "pro", "color": "red", "seats": float64(3)}, identify(3))
	assert.Equal(t, map[string]any{"seats": float64(4)}, identify(4), "after the reload only the changed trait is sent")
}
