package main

// Destination middleware (issue 17 item 1): analytics.addDestinationMiddleware
// of the real analytics-next reaches this destination as it reaches
// Segment's own, and Braze gets what the chain passes on.

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// middlewareScript adds three middlewares through the snippet, one for
// every destination ('*') between two for ours (analytics-next matches the
// name in any case), then sends five events: two the chain passes on,
// changed, and three it drops (no next, next(null), a throw).
const middlewareScript = `
analytics.addDestinationMiddleware('Braze (WASM)', ({payload, next}) => {
  if (payload.obj.event === 'Secret') return; // next never called
  payload.obj.properties.trail = ['one'];
  next(payload);
});
analytics.addDestinationMiddleware('*', async ({payload, integration, next}) => {
  await new Promise(r => setTimeout(r, 10));
  payload.obj.properties.trail.push('star:' + integration);
  next(payload.obj.event === 'Null' ? null : payload);
});
analytics.addDestinationMiddleware('braze (wasm)', ({payload, next}) => {
  if (payload.obj.event === 'Throw') throw new Error('boom');
  payload.obj.properties.trail.push('three');
  next(payload);
});
for (const name of ['Kept', 'Secret', 'Null', 'Throw', 'Last']) analytics.track(name, {n: name});
`

func TestMiddleware(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	h := newHarness(t)
	tb := newTab(t)
	tb.navigate(h.addPage(page{
		Title:    "destination middleware",
		WriteKey: testWriteKey,
		Settings: h.sdkSettings(nil),
		Script:   middlewareScript,
	}))
	tb.poll(`BrazeWasm.status().counts.received === 5 && BrazeWasm.status().counts.dropped === 3`, busyWait)
	// Go handles the events in the order they came: once Last is in, anything
	// passed on before it is in too.
	bodies := h.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Last")
		return ok
	})
	var names []string
	for _, e := range events(bodies, eventCustom) {
		names = append(names, e.Data.N)
	}
	assert.Equal(t, []string{"Kept", "Last"}, names, "the events the chain passed on, in order")
	kept, _ := customEvent(bodies, "Kept")
	assert.Equal(t, map[string]any{"n": "Kept", "trail": []any{"one", "star:Braze (WASM)", "three"}}, kept.Data.Properties(),
		"Braze gets the event as the chain changed it, each middleware in the order added")

	st := eval[shimStatus](tb, `BrazeWasm.status()`)
	assert.Equal(t, "ready", st.State)
	assert.Equal(t, 1, st.Counts["warnings"], "the throw is a loss to fix: %+v", st)
	assert.Empty(t, st.LastError, "Braze stays on")
	assert.ElementsMatch(t, []string{"track Secret dropped by destination middleware", "track Null dropped by destination middleware"},
		shimMessages(tb, "debug"), "a dropped event is said at debug level")
	assert.Equal(t, []string{"destination middleware threw on track Throw: boom"}, shimMessages(tb, "warning"))

	// Segment's own destination got all five, unchanged: the middleware
	// changed a copy, Braze's.
	ctx, cancel := context.WithTimeout(context.Background(), busyWait)
	defer cancel()
	reqs, err := h.srv.Requests.Wait(ctx, func(reqs []Request) bool { return len(segmentTracks(t, reqs)) == 5 })
	require.NoError(t, err, "Segment's tracking API: %v", h.segmentCalls())
	var sent []string
	for _, tr := range segmentTracks(t, reqs) {
		sent = append(sent, tr.Event)
		assert.Equal(t, map[string]any{"n": tr.Event}, tr.Properties, "Segment's copy of %s", tr.Event)
	}
	// Analytics.js sends them as separate requests: they may arrive in any order.
	assert.ElementsMatch(t, []string{"Kept", "Secret", "Null", "Throw", "Last"}, sent)
}

// segmentTrack is the body of a call of Segment's track API.
type segmentTrack struct {
	Event      string         `json:"event"`
	Properties map[string]any `json:"properties"`
}

// segmentTracks returns the track calls among reqs, in order.
func segmentTracks(t *testing.T, reqs []Request) []segmentTrack {
	t.Helper()
	var out []segmentTrack
	for _, r := range reqs {
		if r.Kind != kindSegment || r.Method != http.MethodPost || r.Path != "/v1/t" {
			continue
		}
		var tr segmentTrack
		if err := json.Unmarshal(r.Body, &tr); err != nil {
			t.Errorf("request %d: %v: %s", r.Seq, err, r.Body)
			continue
		}
		out = append(out, tr)
	}
	return out
}
