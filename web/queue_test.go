package main

// The Braze SDK's queue (issue 9 item 7), with the real Analytics.js, the
// real SDK and the real module: 1,000 events fired before anything loaded,
// held by the shim until the SDK arrives (the test holds the SDK back until
// the shim has every event), then replayed in chunks with a flush of the
// SDK after each.

import (
	"cmp"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const burstEvents = 1000

// burstSite is a fault site whose page fires burstEvents track events
// {i} before Analytics.js loads, and whose Braze SDK is only served once
// release is called.
type burstSite struct {
	*faultSite
	release func()
}

func newBurstSite(t *testing.T) *burstSite {
	t.Helper()
	s := newFaultSite(t)
	sdk := filepath.Join(testNodeModulesDir, ".local", "braze-"+brazeSDKVersion+".no-module.min.js")
	return &burstSite{faultSite: s, release: s.gate("GET /gated/braze.js", sdk, "text/javascript")}
}

// open loads a page that fires the burst, runs onReady in the
// analytics.ready callback, waits until the shim holds every event, and
// releases the SDK.
func (s *burstSite) open(t *testing.T, onReady string) *tab {
	t.Helper()
	tb := newTab(t)
	settings := s.baseSettings(map[string]any{"sdkUrl": s.origin + "/gated/braze.js", "readyTimeoutMs": 60000})
	tb.navigateNoWait(s.addPage(faultPage{
		Title: "burst before load", Segment: true, SegmentOff: true,
		Settings: settings,
		Before:   longTaskWatch,
		Script: `
window.e2eAtReady = null;
analytics.ready(() => { e2eAtReady = BrazeWasm.status().counts; ` + onReady + ` });
for (let i = 0; i < ` + itoa(burstEvents) + `; i++) analytics.track('Burst', {i});
`,
	}))
	// Analytics.js hands its buffer to the destinations at about 3 ms an
	// event on a quiet machine, ten times that on a busy one: the limits
	// are twice the others.
	tb.poll(`window.BrazeWasm && BrazeWasm.status().counts.received === `+itoa(burstEvents), 2*busyWait)
	st := eval[shimStatus](tb, `BrazeWasm.status()`)
	require.Equal(t, "loading", st.State, "the shim holds the burst until the SDK is served")
	require.Equal(t, burstEvents, st.Counts["buffered"])
	s.release()
	tb.poll(`window.e2eAtReady != null`, busyWait)
	return tb
}

// burstOrder returns the i of every Burst event in bodies, in the order of
// their time: with several requests in flight (one per flush), a later one
// can reach the backend first, and Braze orders events by the time the SDK
// gave them (in ms), not by arrival. Ties keep the order of arrival.
func burstOrder(bodies []BrazeBody) []int {
	var got []BrazeEvent
	for _, e := range events(bodies, eventCustom) {
		if e.Data.N == "Burst" {
			got = append(got, e)
		}
	}
	slices.SortStableFunc(got, func(a, b BrazeEvent) int { return cmp.Compare(a.Time, b.Time) })
	var out []int
	for _, e := range got {
		if i, ok := e.Data.Properties()["i"].(float64); ok {
			out = append(out, int(i))
		}
	}
	return out
}

func allBurst() []int {
	want := make([]int, burstEvents)
	for i := range want {
		want[i] = i
	}
	return want
}

// TestQueue_BurstBeforeLoad: every event reaches the backend once, in
// order; the shim flushes the SDK as it replays, so they come in many
// requests before anyone else flushes; analytics.ready does not wait for
// the backlog.
func TestQueue_BurstBeforeLoad(t *testing.T) {
	t.Parallel()
	s := newBurstSite(t)
	defer s.release()
	tb := s.open(t, "")

	atReady := eval[map[string]int](tb, `e2eAtReady`)
	assert.Positive(t, atReady["buffered"], "analytics.ready resolved while the shim still held events: %v", atReady)

	tb.poll(`BrazeWasm.status().counts.buffered === 0`, 2*busyWait)
	// The shim flushes after every 50 unsent calls; the last few wait for
	// the SDK's own timer (10 s), so wait for most without flushing.
	bodies := s.waitFor(tb, busyWait, "", func(bodies []BrazeBody) bool {
		return len(burstOrder(bodies)) >= burstEvents-50
	})
	var requests, largest int
	for _, b := range bodies {
		if n := len(burstOrder([]BrazeBody{b})); n > 0 {
			requests++
			largest = max(largest, n)
		}
	}
	t.Logf("%d requests before any flush of the test's, at most %d events each", requests, largest)
	assert.GreaterOrEqual(t, requests, 10, "the SDK was flushed as the replay went")
	assert.LessOrEqual(t, largest, 200, "no one huge request")

	bodies = s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		return len(burstOrder(bodies)) >= burstEvents
	})
	assert.Equal(t, allBurst(), burstOrder(bodies), "every event once, in order")
	st := eval[shimStatus](tb, `BrazeWasm.status()`)
	assert.Equal(t, burstEvents, st.Counts["received"], "status: %+v", st)
	assert.Zero(t, st.Counts["dropped"], "status: %+v", st)
	// One: only the first 100 of them were stored for a next page view
	// (js/src/carry.js), said once.
	assert.Equal(t, 1, st.Counts["warnings"], "status: %+v", st)
	assert.Equal(t, []string{"events over 100 or 100,000 characters not carried"}, shimMessages(tb, "warning"))
	// Logged, not asserted: timings are the benchmark's (make bench).
	t.Logf("longest main-thread task: %.0f ms", eval[float64](tb, `e2eLongestTask`))
}

// TestQueue_PagehideDuringReplay: a pagehide while the shim still holds
// part of the backlog hands all of it to the SDK in the handler itself;
// the SDK keeps it and sends it later.
func TestQueue_PagehideDuringReplay(t *testing.T) {
	t.Parallel()
	s := newBurstSite(t)
	defer s.release()
	tb := s.open(t, `
  window.e2eBeforeHide = BrazeWasm.status().counts;
  dispatchEvent(new PageTransitionEvent('pagehide', {persisted: false}));
  window.e2eAfterHide = BrazeWasm.status().counts;`)

	before := eval[map[string]int](tb, `e2eBeforeHide`)
	after := eval[map[string]int](tb, `e2eAfterHide`)
	t.Logf("pagehide: before %v, after %v", before, after)
	assert.Positive(t, before["buffered"], "the replay was under way at pagehide")
	assert.Zero(t, after["buffered"], "nothing left in the shim after pagehide")
	assert.Equal(t, burstEvents, after["received"])
	assert.GreaterOrEqual(t, after["sent"]-before["sent"], before["buffered"], "each held event made its SDK call in the handler")

	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		return len(burstOrder(bodies)) >= burstEvents
	})
	assert.Equal(t, allBurst(), burstOrder(bodies), "every event once, in order")
}
