package main

// Fault tests, contract §4: the wasm module cannot run. A CSP without
// 'wasm-unsafe-eval' and a missing module block Braze with a message that
// says why; a module served with the wrong content type still runs, through
// the shim's fallback from compileStreaming.

import (
	"path"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestFault_WasmBlocked(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(s *faultSite) (assets, csp string)
		cause string
	}{
		{"CSP without wasm-unsafe-eval", func(s *faultSite) (string, string) {
			return s.origin + buildPath, "script-src 'self' 'unsafe-inline'"
		}, "'wasm-unsafe-eval' in script-src"},
		{"wasm 404", func(s *faultSite) (string, string) {
			s.allow404("/nowasm/braze-wasm.wasm")
			s.handle("GET /nowasm/wasm_exec.js", serveBytes(t, path.Join(testBuildDir, "wasm_exec.js"), "text/javascript", nil))
			return s.origin + "/nowasm/", ""
		}, "HTTP 404"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newFaultSite(t)
			assets, csp := tc.setup(s)
			tb := newTab(t)
			tb.navigate(s.addPage(faultPage{
				Title: "wasm blocked: " + tc.name, CSP: csp, Segment: true,
				Settings: s.baseSettings(map[string]any{"assetsUrl": assets, "readyTimeoutMs": blockedReadyTimeoutMs}),
				Before:   blockedWatch,
				Script:   blockedScenario,
			}))
			assertBlocked(t, tb, assets+"braze-wasm.wasm", tc.cause)
			assert.Empty(t, brazeBodies(t, s.srv.Requests.Since(0)), "no wasm, nothing sent to Braze")
		})
	}
}

// TestFault_WasmWrongContentType serves the module as text/plain, which
// compileStreaming refuses: the shim falls back to compile and Braze
// works.
func TestFault_WasmWrongContentType(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	s.handle("GET /wrongtype/braze-wasm.wasm", serveBytes(t, path.Join(testBuildDir, "braze-wasm.wasm"), "text/plain", nil))
	s.handle("GET /wrongtype/wasm_exec.js", serveBytes(t, path.Join(testBuildDir, "wasm_exec.js"), "text/javascript", nil))
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: "wasm wrong content type", Segment: true,
		Settings: s.baseSettings(map[string]any{"assetsUrl": s.origin + "/wrongtype/"}),
		Script:   peerScript + readyScript + `analytics.track('Wrong Type', {ok: 1});`,
	}))
	tb.poll(`window.e2eReady === true`, 10*time.Second)
	bodies := s.waitFor(tb, 10*time.Second, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Wrong Type")
		return ok
	})
	ev, _ := customEvent(bodies, "Wrong Type")
	assert.Equal(t, map[string]any{"ok": float64(1)}, ev.Data.Properties())
	assert.Equal(t, "ready", eval[shimStatus](tb, `BrazeWasm.status()`).State)
	assert.Empty(t, shimMessages(tb, "error"), "the fallback is silent")
	assert.Contains(t, eval[[]string](tb, `e2ePeer`), "track:Wrong Type")
}
