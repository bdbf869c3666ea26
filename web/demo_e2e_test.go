package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// TestDemo clicks through the demo shop and checks what the embedded Braze
// backend received, under the page's strict CSP.
func TestDemo(t *testing.T) {
	t.Parallel()
	srv, site := newSite(t)
	tb := newTab(t)
	watchCSP(t, tb)
	tb.navigate(site + "/demo/")
	tb.poll(`document.getElementById('state').textContent === 'ready' &&
		document.getElementById('push-note').textContent.startsWith('analytics.ready fired')`, busyWait)

	// Each browser action has busyWait, not one bound for all of them.
	ctx, cancel := context.WithTimeout(tb.ctx, busyWait)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"#btn-identify", "#btn-add-mug", "#btn-add-tea", "#btn-order", "#btn-page", "#btn-group"} {
		if err := chromedp.Do(ctx, chromedp.Click(id)); err != nil {
			t.Fatalf("click %s: %v%s", id, err, tb.consoleText())
		}
	}

	h := &harness{t: t, srv: srv}
	bodies := h.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, added := customEvent(bodies, "Product Added")
		_, viewed := customEvent(bodies, "Viewed Shop Mugs Page")
		attrs := userAttributes(bodies, "user-42")
		return added && viewed && len(events(bodies, eventPurchase)) >= 2 && attrs["email"] != nil &&
			attrs.Custom()["ab_segment_group_acme"] != nil
	})
	attrs := userAttributes(bodies, "user-42")
	assert.Equal(t, "jane@example.com", attrs["email"])
	assert.Equal(t, "Jane", attrs["first_name"])
	var pids []string
	for _, e := range events(bodies, eventPurchase) {
		pids = append(pids, e.Data.PID)
		assert.Equal(t, "EUR", e.Data.C)
	}
	assert.ElementsMatch(t, []string{"mug", "tea"}, pids)
	for _, b := range bodies {
		assert.Equal(t, "demo-api-key", b.APIKey)
	}

	// The page's own log shows them too, from the event stream.
	tb.poll(`document.getElementById('log').textContent.includes('purchase mug')`, busyWait)
	shotCtx, cancelShot := context.WithTimeout(tb.ctx, busyWait)
	defer cancelShot()
	if png, err := chromedp.Run(shotCtx, chromedp.CaptureScreenshot()); err == nil {
		saveArtifact(t, "demo.png", png)
	}
	assertNoCSPViolation(t, tb)
}
