package main

// Page lifecycle: a second registration and unload() do not double-send,
// and sendOnlyChangedTraits remembers across a reload (localStorage).

import (
	"strconv"
	"testing"
	"time"

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
	tb.poll(`window.e2eReady === true`, 10*time.Second)
	eval[bool](tb, `(async () => {
  await analytics.register(BrazeWasm.destination(e2eConfig.settings));
  await analytics.track('Once');
  return true;
})()`)
	s.waitFor(tb, 10*time.Second, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Once")
		return ok
	})
	// Analytics.js calls unload() on deregister; the shim stops sending.
	st := eval[shimStatus](tb, `(async () => {
  await analytics.deregister('Braze (WASM)');
  await analytics.track('After Unload');
  BrazeWasm.sdk().requestImmediateDataFlush();
  return BrazeWasm.status();
})()`)
	assert.Equal(t, "unloaded", st.State, "status: %+v", st)
	// A flush that had something to send would show within this time.
	time.Sleep(500 * time.Millisecond)
	eval[bool](tb, `BrazeWasm.sdk().requestImmediateDataFlush(), true`)
	bodies := brazeBodies(t, s.srv.Requests.Since(0))
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
		tb.poll(`window.e2eReady === true`, 10*time.Second)
		since := s.lastSeq()
		eval[bool](tb, `analytics.identify('u-reload', {plan: 'pro', color: 'red', seats: `+strconv.Itoa(seats)+`}).then(() => true)`)
		bodies := s.waitSince(tb, since, 10*time.Second, flushScript, func(bodies []BrazeBody) bool {
			return userAttributes(bodies, "u-reload").Custom()["seats"] == float64(seats)
		})
		return userAttributes(bodies, "u-reload").Custom()
	}
	assert.Equal(t, map[string]any{"plan": "pro", "color": "red", "seats": float64(3)}, identify(3))
	assert.Equal(t, map[string]any{"seats": float64(4)}, identify(4), "after the reload only the changed trait is sent")
}
