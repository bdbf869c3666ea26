package main

// Fault tests, contract §4: the Braze SDK script cannot load. The page must
// not notice beyond one console error: analytics.ready is released, other
// destinations get every event, nothing throws.

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// blockedWatch runs before everything: it notes when a script fails to
// load (FailAt: its error event reaches this listener before the shim's own
// handler of the same event) and when a CSP violation is reported, so that
// the test can check what came first. A wasm module that cannot load
// fires no script error.
const blockedWatch = `
window.e2eFailAt = null;
window.e2eViolationAt = null;
addEventListener('error', e => {
  if (e2eFailAt == null && e.target && e.target.tagName === 'SCRIPT') e2eFailAt = performance.now();
}, true);
document.addEventListener('securitypolicyviolation', () => { if (e2eViolationAt == null) e2eViolationAt = performance.now(); });
`

// blockedScenario registers the peer, fires events before anything is
// loaded, and notes when analytics.ready runs and what it saw then (the
// shim's status, and whether a load error had come first), and when the
// shim's own wait settles and on what state.
const blockedScenario = peerScript + `
window.e2eReadyAt = null;
window.e2eAtReady = null;
window.e2eSettledAt = null;
window.e2eSettledState = null;
analytics.ready(() => {
  e2eReadyAt = performance.now();
  e2eAtReady = {status: BrazeWasm.status(), failSeen: window.e2eFailAt != null};
});
BrazeWasm.whenReady(60000).then(st => { e2eSettledAt = performance.now(); e2eSettledState = st.state; });
analytics.identify('u-blocked', {plan: 'pro'});
analytics.track('Blocked One');
analytics.page('Docs', 'Blocked');
analytics.track('Blocked Two');
`

// wantPeer is what the peer must receive from blockedScenario.
var wantPeer = []string{"identify:u-blocked", "track:Blocked One", "page:Blocked", "track:Blocked Two"}

// blockedReadyTimeoutMs is the readyTimeoutMs of the pages whose Braze is
// blocked: the longest the shim takes, twice as long as assertBlocked
// waits for analytics.ready (blockedWait). An analytics.ready that the test
// sees was released by the failure, never by the timeout, on a machine as
// busy as it may be: no window of milliseconds to hold.
const (
	blockedReadyTimeoutMs = longReadyTimeoutMs
	blockedWait           = 30 * time.Second
)

func TestFault_SDKBlocked(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(s *faultSite) (sdkURL, csp string)
		cause string // the likely cause the console error must name
	}{
		{"404", func(s *faultSite) (string, string) {
			s.allow404("/vendor/missing/braze.no-module.min.js")
			return s.origin + "/vendor/missing/braze.no-module.min.js", ""
		}, "ad blocker"},
		{"connection refused", func(s *faultSite) (string, string) {
			return closedPort(t) + "/braze.no-module.min.js", ""
		}, "network"},
		{"CSP forbids the host", func(s *faultSite) (string, string) {
			// The harness's own site is another origin than the page.
			return s.site + vendorBrazePath, "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'"
		}, "CSP script-src"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newFaultSite(t)
			sdkURL, csp := tc.setup(s)
			tb := newTab(t)
			tb.navigate(s.addPage(faultPage{
				Title: "sdk blocked: " + tc.name, CSP: csp, Segment: true,
				Settings: s.baseSettings(map[string]any{"sdkUrl": sdkURL, "readyTimeoutMs": blockedReadyTimeoutMs}),
				Before:   blockedWatch,
				Script:   blockedScenario,
			}))
			assertBlocked(t, tb, sdkURL, tc.cause)
			assert.Empty(t, brazeBodies(t, s.srv.Requests.Since(0)), "no SDK, nothing sent to Braze")
		})
	}
}

// blockedTimes are the times blockedWatch and blockedScenario note, in ms
// since the navigation, and what analytics.ready and whenReady saw.
type blockedTimes struct {
	FailAt, ViolationAt, LoadAt, ReadyAt, SettledAt *float64
	AtReady                                         struct {
		Status   shimStatus
		FailSeen bool
	}
	SettledState string
}

// assertBlocked checks the guarantees of contract §4 on a page running
// blockedScenario with blockedReadyTimeoutMs whose Braze is blocked: the
// failure, not the timeout, released analytics.ready, and the console
// error names url and cause. It asserts order and cause, never how many
// milliseconds passed: on a busy machine Analytics.js alone can take
// seconds.
func assertBlocked(t *testing.T, tb *tab, url, cause string) {
	t.Helper()
	tb.poll(`window.e2eAtReady != null && window.e2eSettledAt != null && e2ePeer.length >= 4`, blockedWait)
	tm := eval[blockedTimes](tb, `({FailAt: e2eFailAt, ViolationAt: window.e2eViolationAt, LoadAt: e2ePeerLoadAt,
  ReadyAt: e2eReadyAt, AtReady: e2eAtReady, SettledAt: e2eSettledAt, SettledState: e2eSettledState})`)
	t.Logf("load error at %v ms, CSP violation at %v ms, destinations loaded at %v ms, shim settled at %v ms, analytics.ready at %v ms",
		deref(tm.FailAt), deref(tm.ViolationAt), deref(tm.LoadAt), deref(tm.SettledAt), deref(tm.ReadyAt))

	// The shim's own wait (whenReady) settled on the failure: blocked.
	assert.Equal(t, "blocked", tm.SettledState, "whenReady settled on the failure")
	// analytics.ready ran with the shim already blocked by this failure,
	// within blockedWait, so long before readyTimeoutMs: released by the
	// failure.
	at := tm.AtReady.Status
	assert.Equal(t, "blocked", at.State, "the shim was blocked when analytics.ready ran: %+v", at)
	assert.Contains(t, at.LastError, url, "the failure that released analytics.ready is this URL's")
	assert.Contains(t, at.LastError, cause, "and names its cause")
	if tm.FailAt != nil {
		// A script that failed to load: its error came first, then the
		// shim settled, then analytics.ready ran.
		assert.True(t, tm.AtReady.FailSeen, "the load error came before analytics.ready")
		assert.LessOrEqual(t, *tm.FailAt, *tm.SettledAt, "the shim settled after the load error")
	}

	st := eval[shimStatus](tb, `BrazeWasm.status()`)
	assert.Equal(t, "blocked", st.State, "status: %+v", st)
	// Analytics.js itself may reorder page and track calls made before it loads.
	assert.ElementsMatch(t, wantPeer, eval[[]string](tb, `e2ePeer`), "the peer destination got every event")

	// Events after the failure are dropped too, and the peer still gets them.
	eval[bool](tb, `analytics.track('Blocked Three').then(() => true)`)
	assert.Contains(t, eval[[]string](tb, `e2ePeer`), "track:Blocked Three")
	st = eval[shimStatus](tb, `BrazeWasm.status()`)
	assert.Equal(t, st.Counts["received"], st.Counts["dropped"], "every event is counted as dropped: %+v", st)
	assert.GreaterOrEqual(t, st.Counts["received"], 5, "status: %+v", st)

	errs := shimMessages(tb, "error")
	if assert.Len(t, errs, 1, "exactly one console error from the shim:%s", tb.consoleText()) {
		assert.Contains(t, errs[0], url, "the error names the URL")
		assert.Contains(t, errs[0], cause, "the error names the likely cause")
	}
	assert.False(t, hasException(tb), "no exception:%s", tb.consoleText())
	assert.NotContains(t, strings.Join(errs, "\n"), "internal", "no internal error")
}

// TestFault_SDKSlowerThanReadyTimeout: an SDK that takes longer than
// readyTimeoutMs gives no error to observe; analytics.ready is released at
// readyTimeoutMs all the same, and the events wait for the SDK rather than
// being lost. The test holds the SDK back until analytics.ready has run: the
// timeout is then what released it, however slow the machine, where a
// fixed delay of the SDK would race it.
func TestFault_SDKSlowerThanReadyTimeout(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	const timeoutMs = 1500
	release := s.gate("GET /slow/braze.no-module.min.js", filepath.Join(testNodeModulesDir, ".local", "braze-"+brazeSDKVersion+".no-module.min.js"), "text/javascript")
	tb := newTab(t)
	// The page's load event waits for the SDK, as for any script a tag adds.
	tb.navigateNoWait(s.addPage(faultPage{
		Title: "sdk slower than readyTimeoutMs", Segment: true,
		Settings: s.baseSettings(map[string]any{"sdkUrl": s.origin + "/slow/braze.no-module.min.js", "readyTimeoutMs": timeoutMs}),
		Script:   blockedScenario,
	}))
	tb.poll(`window.e2eAtReady != null && e2ePeer.length >= 4`, busyWait)
	readyAt := eval[float64](tb, `e2eReadyAt`)
	assert.GreaterOrEqual(t, readyAt, float64(timeoutMs), "analytics.ready waited for the SDK up to readyTimeoutMs")
	st := eval[shimStatus](tb, `e2eAtReady.status`)
	assert.Equal(t, "loading", st.State, "released while the SDK was held back, so by the timeout: %+v", st)
	assert.Equal(t, 4, st.Counts["buffered"], "the events wait for the SDK: %+v", st)
	assert.ElementsMatch(t, wantPeer, eval[[]string](tb, `e2ePeer`), "the peer destination got every event")

	// Then the SDK arrives and the events go through.
	release()
	s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, one := customEvent(bodies, "Blocked One")
		_, two := customEvent(bodies, "Blocked Two")
		return one && two
	})
	assert.Empty(t, shimMessages(tb, "error"))
	assert.False(t, hasException(tb), "no exception:%s", tb.consoleText())
}

// deref formats a time that may be missing.
func deref(p *float64) any {
	if p == nil {
		return "-"
	}
	return int(*p)
}
