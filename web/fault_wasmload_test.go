package main

// Fault tests, contract §4: the wasm module cannot run. A CSP without
// 'wasm-unsafe-eval' and a missing module block Braze with a message that
// says why; a module served with another content type than application/wasm
// still runs, through the shim's rebuilt Response for compileStreaming.

import (
	"io"
	"net/http"
	"path"
	"strconv"
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

// TestFault_WasmContentType serves the module under each content type:
// application/wasm goes to compileStreaming as fetch's own Response (it
// has the module's URL, which the browser's wasm code cache keys on);
// anything else, which compileStreaming refuses, as a rebuilt Response
// (no URL). Braze works either way.
func TestFault_WasmContentType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		contentType string
		own         bool // fetch's own Response reaches compileStreaming
	}{
		{"application/wasm", true},
		{"text/plain", false},
		{"application/octet-stream", false},
		// compileStreaming wants the type alone, parameters refused.
		{"application/wasm; charset=binary", false},
	}
	for i, tc := range tests {
		t.Run(tc.contentType, func(t *testing.T) {
			t.Parallel()
			s := newFaultSite(t)
			dir := "/type" + strconv.Itoa(i) + "/"
			s.handle("GET "+dir+"braze-wasm.wasm", serveBytes(t, path.Join(testBuildDir, "braze-wasm.wasm"), tc.contentType, nil))
			s.handle("GET "+dir+"wasm_exec.js", serveBytes(t, path.Join(testBuildDir, "wasm_exec.js"), "text/javascript", nil))
			tb := newTab(t)
			tb.navigate(s.addPage(faultPage{
				Title: "wasm served as " + tc.contentType, Segment: true,
				Settings: s.baseSettings(map[string]any{"assetsUrl": s.origin + dir}),
				Before:   compileStreamingWatch,
				Script:   peerScript + readyScript + `analytics.track('Content Type', {ok: 1});`,
			}))
			tb.poll(`window.e2eReady === true`, busyWait)
			bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
				_, ok := customEvent(bodies, "Content Type")
				return ok
			})
			ev, _ := customEvent(bodies, "Content Type")
			assert.Equal(t, map[string]any{"ok": float64(1)}, ev.Data.Properties())
			assert.Equal(t, "ready", eval[shimStatus](tb, `BrazeWasm.status()`).State)
			assert.Empty(t, shimMessages(tb, "error"), "the fallback is silent")
			assert.Contains(t, eval[[]string](tb, `e2ePeer`), "track:Content Type")
			want := ""
			if tc.own {
				want = s.origin + dir + "braze-wasm.wasm"
			}
			assert.Equal(t, []string{want}, eval[[]string](tb, `e2eStreamed`), "the URL of the Response compileStreaming got")
		})
	}
}

// compileStreamingWatch notes the URL of each Response that
// WebAssembly.compileStreaming gets in e2eStreamed.
const compileStreamingWatch = `window.e2eStreamed = [];
const e2eCompile = WebAssembly.compileStreaming;
WebAssembly.compileStreaming = src => Promise.resolve(src).then(r => { e2eStreamed.push(r.url); return e2eCompile.call(WebAssembly, r); });`

// TestFault_WasmNotOurs: the files at assetsUrl are there but are not
// ours: a module without our exports (an empty one, which instantiates),
// or a wasm_exec.js that throws as it runs (its load event still fires).
// Braze is blocked with one console error naming the file, never failed
// with whatever broke next; analytics.ready is released and the page's
// other destination gets every event.
func TestFault_WasmNotOurs(t *testing.T) {
	t.Parallel()
	emptyModule := []byte("\x00asm\x01\x00\x00\x00")
	tests := []struct {
		name, dir  string
		wasm, exec http.HandlerFunc
		file       string // the file the error names
		cause      string
	}{
		{"an empty module", "/empty/",
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/wasm")
				w.Write(emptyModule)
			},
			serveBytes(t, path.Join(testBuildDir, "wasm_exec.js"), "text/javascript", nil),
			"braze-wasm.wasm", "not our module"},
		{"wasm_exec.js throws", "/throws/",
			serveBytes(t, path.Join(testBuildDir, "braze-wasm.wasm"), "application/wasm", nil),
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/javascript")
				io.WriteString(w, `throw new Error('exec boom');`)
			},
			"wasm_exec.js", "threw or defined no Go"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newFaultSite(t)
			s.handle("GET "+tc.dir+"braze-wasm.wasm", tc.wasm)
			s.handle("GET "+tc.dir+"wasm_exec.js", tc.exec)
			tb := newTab(t)
			tb.allowExceptions = true // the throwing script's own, checked below
			tb.navigate(s.addPage(faultPage{
				Title: "wasm not ours: " + tc.name, Segment: true,
				Settings: s.baseSettings(map[string]any{"assetsUrl": s.origin + tc.dir}),
				Script:   blockedScenario,
			}))
			tb.poll(`window.e2eReadyAt != null && window.e2eSettledAt != null && e2ePeer.length >= 4`, 60*time.Second)
			st := eval[shimStatus](tb, `BrazeWasm.status()`)
			assert.Equal(t, "blocked", st.State, "status: %+v", st)
			errs := shimMessages(tb, "error")
			if assert.Len(t, errs, 1, "one console error from the shim:%s", tb.consoleText()) {
				assert.Contains(t, errs[0], s.origin+tc.dir+tc.file, "the error names the file")
				assert.Contains(t, errs[0], tc.cause)
			}
			assert.ElementsMatch(t, wantPeer, eval[[]string](tb, `e2ePeer`), "the peer destination got every event")
			for _, m := range tb.messages() {
				if m.IsException() {
					assert.Contains(t, m.String(), "exec boom", "the only exception is the script's own")
				}
			}
			assert.Empty(t, brazeBodies(t, s.srv.Requests.Since(0)), "nothing sent to Braze")
		})
	}
}
