package main

// Fault test: the Braze backend fails three times, then recovers. The SDK
// keeps its queue; everything arrives once.

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFault_Backend500(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	s.srv.Faults.Add(Fault{Path: "/api/v3/data/", Status: 500, Count: 3})
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: "backend 500", Segment: true,
		Settings: s.baseSettings(map[string]any{"trackAllPages": true}),
		Script:   readyScript,
	}))
	tb.poll(`window.e2eReady === true`, busyWait)
	eval[shimStatus](tb, productScenario)

	// Flush until the three faults are used up and everything is through:
	// a flush is taken only once the SDK has read the failed answer.
	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, viewed := customEvent(bodies, "Product Viewed")
		_, page := customEvent(bodies, "Viewed Docs Install Page")
		attrs := userAttributes(bodies, "user-1")
		return viewed && page && len(events(bodies, eventPurchase)) >= 2 &&
			attrs["email"] != nil && attrs.Custom()["ab_segment_group_g-9"] != nil
	})
	failed := 0
	for _, r := range s.srv.Requests.Since(0) {
		if r.Kind == kindBraze && r.Status == 500 {
			failed++
		}
	}
	assert.Equal(t, 3, failed, "the backend failed three requests")
	assertProductBodies(t, bodies, brazeSDKVersion)

	// Nothing twice: the SDK sends a failed batch again only when it failed.
	seen := map[string]int{}
	for _, b := range bodies {
		for _, e := range b.Events {
			seen[fmt.Sprintf("%s %s %v %s %s", e.Name, e.Data.N, e.Time, e.SessionID, e.Data.PID)]++
		}
	}
	for k, n := range seen {
		assert.Equal(t, 1, n, "event %s arrived %d times", k, n)
	}
	assert.Zero(t, eval[shimStatus](tb, `BrazeWasm.status()`).Counts["dropped"])
}
