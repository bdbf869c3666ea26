package main

// Events Go has not had yet outlive the page view (issue 16 item 2,
// js/src/carry.js): a first view whose module never arrives (the test
// server holds it back) stores its events as they arrive; the next view of
// the same site hands them to Go first, in order, once.

import (
	"context"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// storedNames is the names of the events the page's origin stores for the
// next view, in the order they are stored.
const storedNames = `Object.keys(localStorage).filter(k => k.startsWith('braze-wasm:')).sort()
  .flatMap(k => JSON.parse(localStorage[k]).map(e => JSON.parse(e[0]).event))`

// carrySite is a faultSite whose /held/ folder serves the module only once
// the test lets it (never, unless it does), and that counts the pagehide
// beacons its pages send.
type carrySite struct {
	*faultSite
	pagehides atomic.Int32
}

func newCarrySite(t *testing.T) *carrySite {
	t.Helper()
	s := &carrySite{faultSite: newFaultSite(t)}
	s.gate("GET /held/braze-wasm.wasm", path.Join(testBuildDir, "braze-wasm.wasm"), "application/wasm")
	s.handle("GET /held/wasm_exec.js", serveBytes(t, path.Join(testBuildDir, "wasm_exec.js"), "text/javascript", nil))
	s.handle("POST /pagehide", func(w http.ResponseWriter, r *http.Request) { s.pagehides.Add(1) })
	return s
}

// firstView is a page view that sends the tracks named and never gets the
// module: the visitor leaves before it arrives. It says when it is hidden.
func (s *carrySite) firstView(names ...string) string {
	var js strings.Builder
	js.WriteString(`addEventListener('pagehide', () => navigator.sendBeacon('/pagehide'));`)
	for i, n := range names {
		fmt.Fprintf(&js, "analytics.track(%q, {i: %d});\n", n, i)
	}
	return s.addPage(faultPage{
		Title: "carry: first view", Segment: true,
		Settings: s.baseSettings(map[string]any{"assetsUrl": s.origin + "/held/"}),
		Script:   js.String(),
	})
}

// nextView is a view of the same site that gets the module, and sends the
// tracks named.
func (s *carrySite) nextView(names ...string) string {
	var js strings.Builder
	for i, n := range names {
		fmt.Fprintf(&js, "analytics.track(%q, {i: %d});\n", n, 100+i)
	}
	return s.addPage(faultPage{
		Title: "carry: next view", Segment: true,
		Settings: s.baseSettings(nil),
		Script:   readyScript + js.String(),
	})
}

// blank is a page of the site without Analytics.js or the shim.
func (s *carrySite) blank() string { return s.addPage(faultPage{Title: "carry: blank"}) }

// waitUnlocked waits until no page of tb's origin holds a lock of ours:
// the first view is gone.
func waitUnlocked(tb *tab) {
	tb.t.Helper()
	free := func() bool {
		return eval[bool](tb, `navigator.locks.query().then(s => !s.held.some(l => l.name.startsWith('braze-wasm:')))`)
	}
	if !waitUntil(free) {
		tb.t.Fatalf("a lock of the first view is still held after %v", busyWait)
	}
}

// crash kills tb's renderer: no pagehide, no unload, as when a mobile
// browser discards a hidden page. The call gets no answer.
func crash(tb *tab) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, time.Second)
	defer cancel()
	chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cdppage.Crash, cdp.Empty{})
		return err
	}))
}

// waitReadyNoWait waits until Analytics.js is ready in a page opened with
// navigateNoWait: until then the old document may still answer, or none.
func waitReadyNoWait(tb *tab) {
	tb.t.Helper()
	ready := func() bool {
		ctx, cancel := context.WithTimeout(tb.ctx, busyWait)
		defer cancel()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.title == 'carry: next view' && window.e2eReady === true`))
		return err == nil && v
	}
	if !waitUntil(ready) {
		tb.t.Fatalf("the next view was not ready after %v%s", busyWait, tb.consoleText())
	}
}

// waitStored waits until the page stores n events, and returns their names.
func waitStored(tb *tab, n int) []string {
	tb.t.Helper()
	tb.poll(fmt.Sprintf(`(%s).length >= %d`, storedNames, n), busyWait)
	return eval[[]string](tb, storedNames)
}

// sent waits until every name in want reached the backend, has the
// tab's SDK send what it still holds, and returns the custom events the
// backend got, in order.
func (s *carrySite) sent(tb *tab, want []string) []string {
	s.t.Helper()
	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		got := customEventNames(bodies)
		return !slices.ContainsFunc(want, func(n string) bool { return !slices.Contains(got, n) })
	})
	// Whatever the SDK still holds (a second copy) is sent now too.
	eval[bool](tb, flushAndWait)
	bodies = brazeBodies(s.t, s.srv.Requests.Since(0))
	return customEventNames(bodies)
}

// TestCarry_ShortVisit: the visitor leaves the first view before its module
// arrives, by a navigation (pagehide fires) or with the page's renderer
// killed (none fires, as when a mobile browser discards a hidden page):
// the events were stored as they arrived, and the next view sends them
// first, in order, once.
func TestCarry_ShortVisit(t *testing.T) {
	t.Parallel()
	for _, leave := range []string{"navigation", "renderer killed"} {
		t.Run(leave, func(t *testing.T) {
			t.Parallel()
			s := newCarrySite(t)
			first := []string{"Carry 1", "Carry 2", "Carry 3"}
			tb := newTab(t)
			tb.navigate(s.firstView(first...))
			assert.Equal(t, first, waitStored(tb, 3), "stored as they arrived")
			next := tb
			if leave == "navigation" {
				tb.navigate(s.nextView("Next 1"))
			} else {
				next = tb.sibling()
				next.navigate(s.blank())
				crash(tb)
				waitUnlocked(next)
				next.navigate(s.nextView("Next 1"))
			}
			next.poll(`window.e2eReady === true`, busyWait)
			got := s.sent(next, append(first, "Next 1"))
			assert.Equal(t, append(first, "Next 1"), got, "the first view's events first, in order, each once")
			st := eval[shimStatus](next, `BrazeWasm.status()`)
			assert.Equal(t, 3, st.Counts["carried"])
			assert.Empty(t, eval[[]string](next, storedNames), "nothing stays stored once Go had it")
			if leave == "navigation" {
				assert.EqualValues(t, 1, s.pagehides.Load(), "pagehide fired")
			} else {
				assert.EqualValues(t, 0, s.pagehides.Load(), "no pagehide: only what was stored as it arrived survives")
			}
		})
	}
}

// TestCarry_TwoTabs: two tabs of the next view open at once, both after the
// first view left: each event of the first view is sent once, by one of
// them, in order. The tabs send nothing of their own: two Braze SDKs in
// two tabs share one queue in localStorage, and the SDK's own races
// there are not what this test is about.
func TestCarry_TwoTabs(t *testing.T) {
	t.Parallel()
	s := newCarrySite(t)
	first := []string{"Carry 1", "Carry 2", "Carry 3"}
	tb := newTab(t)
	tb.navigate(s.firstView(first...))
	waitStored(tb, 3)
	a, b := tb.sibling(), tb.sibling()
	a.navigate(s.blank())
	tb.navigate("about:blank")
	waitUnlocked(a)
	a.navigateNoWait(s.nextView())
	b.navigateNoWait(s.nextView())
	waitReadyNoWait(a)
	waitReadyNoWait(b)
	ca := eval[shimStatus](a, `BrazeWasm.status()`).Counts["carried"]
	cb := eval[shimStatus](b, `BrazeWasm.status()`).Counts["carried"]
	assert.ElementsMatch(t, []int{0, 3}, []int{ca, cb}, "one tab carried them all")
	claimer, other := a, b
	if cb == 3 {
		claimer, other = b, a
	}
	s.sent(claimer, first)
	eval[bool](other, flushAndWait)
	assert.Equal(t, first, s.sent(claimer, first), "each once, in order")
}

// TestCarry_Caps: the first 100 events are stored, with one warning; the
// next view sends those, in order.
func TestCarry_Caps(t *testing.T) {
	t.Parallel()
	s := newCarrySite(t)
	var first []string
	for i := range 110 {
		first = append(first, fmt.Sprintf("Capped %03d", i))
	}
	tb := newTab(t)
	tb.navigate(s.firstView(first...))
	tb.poll(`BrazeWasm.status().counts.received == 110`, busyWait)
	assert.Equal(t, first[:100], waitStored(tb, 100))
	assert.Equal(t, []string{"events over 100 or 100,000 characters not carried"}, shimMessages(tb, "warning"))
	tb.navigate(s.nextView())
	tb.poll(`window.e2eReady === true`, busyWait)
	assert.Equal(t, first[:100], s.sent(tb, first[:100]))
	assert.Equal(t, 100, eval[shimStatus](tb, `BrazeWasm.status()`).Counts["carried"])
}

// TestCarry_StorageUnusable: localStorage that throws (as in an iframe
// sandboxed without allow-same-origin) or that is full: one console note,
// nothing thrown into the page, the events wait in memory as before. The
// Braze SDK needs localStorage too: blocked, its initialize throws (Braze
// is off, as without us); full, it refuses events until there is room, so
// the test makes room before the module arrives, and the events that
// waited in memory reach Braze.
func TestCarry_StorageUnusable(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, before, cause string }{
		{"blocked", `Object.defineProperty(window, 'localStorage', {get() {
  throw new DOMException("Failed to read the 'localStorage' property from 'Window': The document is sandboxed and lacks the 'allow-same-origin' flag.", 'SecurityError');
}});`, "sandboxed"},
		// Full but for a few hundred characters: the first write fits, a later one does not.
		{"full", `{
  const fill = size => { try { for (let i = 0; ; i++) localStorage.setItem('e2e-fill-' + size + '-' + i, 'x'.repeat(size)); } catch {} };
  fill(1 << 20); fill(1 << 14); fill(1 << 8);
  localStorage.removeItem('e2e-fill-256-0'); localStorage.removeItem('e2e-fill-256-1');
}`, "quota"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newCarrySite(t)
			release := s.gate("GET /slow/braze-wasm.wasm", path.Join(testBuildDir, "braze-wasm.wasm"), "application/wasm")
			s.handle("GET /slow/wasm_exec.js", serveBytes(t, path.Join(testBuildDir, "wasm_exec.js"), "text/javascript", nil))
			names := []string{"Memory 1", "Memory 2", "Memory 3", "Memory 4", "Memory 5"}
			var js strings.Builder
			for _, n := range names {
				fmt.Fprintf(&js, "analytics.track(%q, {pad: 'p'.repeat(100)});\n", n)
			}
			tb := newTab(t)
			tb.navigate(s.addPage(faultPage{
				Title: "carry: storage " + tc.name, Segment: true, Before: tc.before,
				Settings: s.baseSettings(map[string]any{"assetsUrl": s.origin + "/slow/"}),
				Script:   readyScript + js.String(),
			}))
			tb.poll(`BrazeWasm.status().counts.received == 5`, busyWait)
			require.True(t, tb.waitConsole(func(ms []chromedp.ConsoleMessage) bool { return len(shimText(ms, "info")) > 0 }), "a console note:%s", tb.consoleText())
			notes := shimMessages(tb, "info")
			if assert.Len(t, notes, 1) {
				assert.Contains(t, notes[0], "events not stored: ")
				assert.Contains(t, strings.ToLower(notes[0]), tc.cause)
			}
			assert.Equal(t, 5, eval[shimStatus](tb, `BrazeWasm.status()`).Counts["buffered"], "in memory")
			assert.False(t, hasException(tb))
			if tc.name == "blocked" {
				return
			}
			assert.Empty(t, eval[[]string](tb, `Object.keys(localStorage).filter(k => k.startsWith('braze-wasm:'))`), "what fitted before is gone too: this page sends it")
			eval[bool](tb, `Object.keys(localStorage).filter(k => k.startsWith('e2e-fill-')).forEach(k => localStorage.removeItem(k)) || true`)
			release()
			tb.poll(`window.e2eReady === true`, busyWait)
			assert.Equal(t, names, s.sent(tb, names))
			assert.Len(t, shimMessages(tb, "info"), 1, "still one note")
			assert.Empty(t, shimMessages(tb, "error"))
			assert.Empty(t, eval[[]string](tb, `Object.keys(localStorage).filter(k => k.startsWith('braze-wasm:'))`), "nothing stored after")
		})
	}
}
