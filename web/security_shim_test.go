package main

// Security of the shim (issue 11): it loads script only from https: URLs
// (http: on an http: page), settings are Go's to read and a throwing one
// fails the destination at once, and the page sees no global of
// wasm_exec.js.

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pwnScript is script that a settings URL must never run: it counts its
// runs in window.e2ePwned. The // makes "wasm_exec.js" appended to it a
// comment, as in the issue's repro.
const pwnScript = `window.e2ePwned=(window.e2ePwned||0)+1//`

// registerScript creates the destination from the page with the base
// settings of s and the members of extra (a JS expression, evaluated in the
// page), registers it and stores its settled status in window.e2eStatus.
func registerScript(t *testing.T, s *faultSite, extra string) string {
	b, err := json.Marshal(s.baseSettings(map[string]any{"readyTimeoutMs": 3000}))
	require.NoError(t, err)
	return `
window.e2eStatus = null;
window.e2eBlob = URL.createObjectURL(new Blob([` + "`" + pwnScript + "`" + `], {type: 'text/javascript'}));
window.e2eData = 'data:text/javascript,' + ` + "`" + pwnScript + "`" + `;
try {
  analytics.register(BrazeWasm.destination(Object.assign(` + string(b) + `, ` + extra + `)));
} catch (e) { window.e2eThrew = String(e); }
BrazeWasm.whenReady(60000).then(st => { e2eStatus = st; });
`
}

// TestSecurity_RefusedURLs: settings URLs that are not https: (or http: on
// this http: page) load nothing, whatever the page's CSP would allow: the
// destination fails with an error naming the setting.
func TestSecurity_RefusedURLs(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	tests := []struct {
		name, extra, setting string
	}{
		{"sdkUrl data:", `{sdkUrl: e2eData}`, "sdkUrl"},
		{"sdkUrl blob:", `{sdkUrl: e2eBlob}`, "sdkUrl"},
		{"sdkUrl javascript:", `{sdkUrl: 'javascript:' + e2eData.slice(21)}`, "sdkUrl"},
		{"sdkUrl data: read by Go (numeric apiKey)", `{apiKey: 12345, sdkUrl: e2eData}`, "sdkUrl"},
		{"assetsUrl data:", `{assetsUrl: e2eData}`, "assetsUrl"},
		{"assetsUrl blob:", `{assetsUrl: e2eBlob + '#'}`, "assetsUrl"},
		{"assetsUrl not a string", `{assetsUrl: {toString: () => e2eData}}`, "assetsUrl"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.navigate(s.addPage(faultPage{Title: "refused: " + tc.name, Stub: true, Shim: true, Script: registerScript(t, s, tc.extra)}))
			tb.poll(`window.e2eStatus !== null`, busyWait)
			st := eval[shimStatus](tb, `e2eStatus`)
			assert.Equal(t, "failed", st.State, "status: %+v", st)
			assert.True(t, strings.HasPrefix(st.LastError, tc.setting+": refused "), "the error names the setting: %q", st.LastError)
			assert.Equal(t, "undefined", eval[string](tb, `typeof e2ePwned`), "the settings' script did not run")
			assert.Equal(t, 0, eval[int](tb, `[...document.scripts].filter(s => !/^https?:/.test(s.src) && s.src).length`), "no script element for it")
			assert.False(t, hasException(tb), "no exception:%s", tb.consoleText())
		})
	}
	// A relative URL resolves against the page: same origin, so it loads.
	t.Run("relative", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t)
		tb.navigate(s.addPage(faultPage{Title: "relative URLs", Stub: true, Shim: true,
			Script: registerScript(t, s, `{sdkUrl: '`+vendorBrazePath+`', assetsUrl: '../braze-wasm'}`)}))
		tb.poll(`window.e2eStatus !== null`, busyWait)
		assert.Equal(t, "ready", eval[shimStatus](tb, `e2eStatus`).State, tb.consoleText())
	})
}

// TestSecurity_IssueRepro_AssetsUrlUnderNonce is the issue's repro: a data:
// assetsUrl on a page whose CSP allows scripts by nonce, which the shim
// used to hand to it. Under Trusted Types too, our policy refuses it.
func TestSecurity_IssueRepro_AssetsUrlUnderNonce(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	const nonce = "e2e-n0nce-11"
	for name, csp := range map[string]string{
		"nonce":         "script-src 'nonce-" + nonce + "' 'wasm-unsafe-eval'",
		"trusted types": "script-src 'nonce-" + nonce + "' 'wasm-unsafe-eval'; require-trusted-types-for 'script'",
	} {
		for _, setting := range []string{"assetsUrl", "sdkUrl"} {
			t.Run(name+" "+setting, func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				tb.navigate(s.addPage(faultPage{
					Title: "repro " + name, Stub: true, Nonce: nonce, CSP: csp,
					Settings: s.baseSettings(map[string]any{setting: "data:text/javascript," + pwnScript}),
					Script:   stubScenario,
				}))
				tb.poll(`window.e2eState !== null`, busyWait)
				assert.Equal(t, "failed", eval[string](tb, `e2eState`), tb.consoleText())
				assert.Equal(t, "undefined", eval[string](tb, `typeof e2ePwned`), "the data: script did not run")
				errs := shimMessages(tb, "error")
				if assert.Len(t, errs, 1, tb.consoleText()) {
					assert.True(t, strings.HasPrefix(errs[0], setting+": refused data:"), errs[0])
				}
			})
		}
	}
}

// TestSecurity_GoReadsSettings: settings Go rejects load no SDK, and a
// readyTimeoutMs that Go does not read as a number does not shorten
// analytics.ready (the issue's repros).
func TestSecurity_GoReadsSettings(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	var hits atomic.Int32
	sdkFile := filepath.Join(testNodeModulesDir, ".local", "braze-"+brazeSDKVersion+".no-module.min.js")
	sdk := serveBytes(t, sdkFile, "text/javascript", nil)
	s.handle("GET /counted/braze.no-module.min.js", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		sdk(w, r)
	})
	counted := s.origin + "/counted/braze.no-module.min.js"
	t.Cleanup(func() { assert.Zero(t, hits.Load(), "the SDK was never requested") })
	for _, tc := range []struct{ name, extra string }{
		{"blank apiKey", `{apiKey: '   '}`},
		{"apiKey an object", `{apiKey: {}}`},
		{"unsupported version", `{version: '7'}`},
		{"version an array", `{version: ['6']}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.navigate(s.addPage(faultPage{Title: "go reads: " + tc.name, Stub: true, Shim: true,
				Script: registerScript(t, s, `Object.assign({sdkUrl: '`+counted+`'}, `+tc.extra+`)`)}))
			tb.poll(`window.e2eStatus !== null`, busyWait)
			st := eval[shimStatus](tb, `e2eStatus`)
			assert.Equal(t, "failed", st.State, "status: %+v", st)
			assert.Equal(t, 0, eval[int](tb, `document.querySelectorAll('script[src*="/counted/"]').length`), "no SDK script")
		})
	}
	t.Run("readyTimeoutMs true", func(t *testing.T) {
		t.Parallel()
		// The shim used to read true as 1 ms and release analytics.ready at
		// once, while Go reads no number and keeps 5 s. ("0x10" is 16 for
		// both now: JavaScript's Number grammar, core/number.go.) The SDK
		// is held back, and 100 ms after Analytics.js asked the shim
		// whether it is ready, a timer of the page notes whether
		// analytics.ready has run: a 1 ms timeout, set before that timer,
		// would have fired first. An order of timers, not a guess at how
		// long the SDK takes to load on this machine.
		release := s.gate("GET /heldsdk/braze.no-module.min.js", sdkFile, "text/javascript")
		settings, err := json.Marshal(s.baseSettings(map[string]any{"readyTimeoutMs": true, "sdkUrl": s.origin + "/heldsdk/braze.no-module.min.js"}))
		require.NoError(t, err)
		tb := newTab(t)
		tb.navigateNoWait(s.addPage(faultPage{Title: "readyTimeoutMs true", Segment: true, Shim: true, Script: `
window.e2eAtReady = null;
window.e2eEarly = null;
const d = BrazeWasm.destination(` + string(settings) + `), ready = d.ready;
d.ready = function () {
  const r = ready.apply(this, arguments);
  setTimeout(() => { if (e2eEarly == null) e2eEarly = e2eAtReady != null; }, 100);
  return r;
};
analytics.register(d);
analytics.ready(() => { e2eAtReady = BrazeWasm.status(); });
`}))
		tb.poll(`window.e2eEarly != null`, busyWait)
		assert.False(t, eval[bool](tb, `e2eEarly`), "analytics.ready waited for Braze, not 1 ms: %v", eval[any](tb, `e2eAtReady`))
		release()
		tb.poll(`window.e2eAtReady != null && BrazeWasm.status().state === 'ready'`, busyWait)
	})
}

// TestSecurity_ThrowingSettings: a settings object whose getter or Proxy
// trap throws fails the destination at once, with an error naming the
// setting, and analytics.ready runs with it failed, not at the timeout.
func TestSecurity_ThrowingSettings(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	b, err := json.Marshal(s.baseSettings(nil))
	require.NoError(t, err)
	for _, tc := range []struct {
		name, settings, want string
		early                bool // the SDK may load early: the throwing value is nested, Go's to find
	}{
		{"getter", `Object.defineProperty(base, 'apiKey', {get() { throw new Error('boom'); }, enumerable: true})`, "cannot read apiKey: boom", false},
		{"proxy get", `new Proxy(base, {get(t, k) { if (k === 'sdkUrl') throw new Error('boom'); return t[k]; }})`, "cannot read sdkUrl: boom", false},
		{"proxy ownKeys", `new Proxy(base, {ownKeys() { throw new Error('boom'); }})`, "cannot read the settings: boom", false},
		{"revoked proxy", `(() => { const p = Proxy.revocable(base, {}); p.revoke(); return p.proxy; })()`, "cannot read the settings: ", false},
		{"nested getter", `Object.assign(base, {devicePropertyAllowlist: new Proxy(['os'], {get(t, k) { if (k === '0') throw new Error('boom'); return t[k]; }})})`, "boom", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.navigate(s.addPage(faultPage{Title: "throwing settings: " + tc.name, Segment: true, Shim: true, Script: `
const base = ` + string(b) + `;
analytics.register(BrazeWasm.destination(` + tc.settings + `));
analytics.ready(() => { window.e2eAtReady = BrazeWasm.status(); });
`}))
			tb.poll(`window.e2eAtReady != null`, busyWait)
			st := eval[shimStatus](tb, `e2eAtReady`)
			assert.Equal(t, "failed", st.State, "failed when analytics.ready runs: %+v", st)
			assert.Contains(t, st.LastError, tc.want)
			if !tc.early {
				assert.Equal(t, 0, eval[int](tb, `document.querySelectorAll('script[src*="braze.no-module"]').length`), "no SDK script")
			}
			assert.False(t, hasException(tb), "no exception:%s", tb.consoleText())
		})
	}
}

// wasmGlobals are the globals wasm_exec.js defines, and the shim's own
// handle for Go.
const wasmGlobals = `['process', 'fs', 'path', 'Go', '__brazeWasm']`

// TestSecurity_NoWasmExecGlobals: after Braze is ready the page sees the
// same process, fs, path and Go as before the shim ran (none, or its own),
// and Go still works.
func TestSecurity_NoWasmExecGlobals(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	for _, tc := range []struct{ name, before string }{
		{"none", ``},
		{"the page's own process and Go", `window.process = {env: {NODE_ENV: 'production'}}; window.Go = 'the page Go';`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.navigate(s.addPage(faultPage{
				Title: "no globals: " + tc.name, Segment: true,
				Before: tc.before + `
window.e2eBefore = ` + wasmGlobals + `.map(k => k + ': ' + typeof window[k]);
window.e2eProcess = window.process;
window.e2eNames = Object.getOwnPropertyNames(window);`,
				Settings: s.baseSettings(nil),
				Script:   readyScript,
			}))
			tb.poll(`window.e2eReady === true`, busyWait)
			eval[bool](tb, `analytics.track('Globals Checked').then(() => true)`)
			s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
				_, ok := customEvent(bodies, "Globals Checked")
				return ok
			})
			assert.Equal(t, eval[[]string](tb, `e2eBefore`), eval[[]string](tb, wasmGlobals+`.map(k => k + ': ' + typeof window[k])`))
			assert.True(t, eval[bool](tb, `window.process === e2eProcess`), "process is the page's")
			added := eval[[]string](tb, `Object.getOwnPropertyNames(window).filter(k => !e2eNames.includes(k))`)
			assert.Contains(t, added, "BrazeWasm")
			for _, k := range []string{"process", "fs", "path", "Go", "__brazeWasm"} {
				assert.NotContains(t, added, k)
			}
			if tc.before != "" {
				assert.Equal(t, "production", eval[string](tb, `process.env.NODE_ENV`))
				assert.Equal(t, "the page Go", eval[string](tb, `Go`))
			}
		})
	}
}

// TestSecurity_GoPrintsWithoutGlobals: Go prints to the console through
// wasm_exec.js's fs, by its global name; with fs kept off the page, a
// panic that kills Go still reaches the console, and the destination fails.
func TestSecurity_GoPrintsWithoutGlobals(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	dir := filepath.Join(testBuildDir, "testhooks")
	s.handle("GET /testhooks/braze-wasm.wasm", serveBytes(t, filepath.Join(dir, "braze-wasm.wasm"), "application/wasm", nil))
	s.handle("GET /testhooks/wasm_exec.js", serveBytes(t, filepath.Join(dir, "wasm_exec.js"), "text/javascript", nil))
	tb := newTab(t)
	tb.allowExceptions = true // Go exiting may surface as an exception of wasm_exec.js
	tb.navigate(s.addPage(faultPage{
		Title: "go prints", Segment: true,
		Settings: s.baseSettings(map[string]any{"assetsUrl": s.origin + "/testhooks/"}),
		Script:   readyScript,
	}))
	tb.poll(`window.e2eReady === true`, busyWait)
	eval[bool](tb, `analytics.track('Fatal', {__testFatal: true}).then(() => true)`)
	eval[bool](tb, `analytics.track('After Fatal').then(() => true)`)
	tb.poll(`BrazeWasm.status().state === 'failed'`, busyWait)
	printed := func(ms []chromedp.ConsoleMessage) bool {
		return slices.ContainsFunc(ms, func(m chromedp.ConsoleMessage) bool {
			return strings.Contains(m.Text, "panic: testhooks: fatal panic requested by the event")
		})
	}
	tb.waitConsole(printed)
	assert.True(t, printed(tb.messages()), "Go's panic message reached the console:%s", tb.consoleText())
	assert.Contains(t, eval[shimStatus](tb, `BrazeWasm.status()`).LastError, "Go stopped")
	assert.Equal(t, "undefined", eval[string](tb, `typeof fs`), "fs is off the page again")
}

// TestSecurity_URLPasswordRedacted: a user and password in sdkUrl never
// reach the console or status().lastError.
func TestSecurity_URLPasswordRedacted(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	url := strings.Replace(s.origin, "http://", "http://user:s3cret@", 1) + "/private/braze.no-module.min.js"
	s.allow404("/private/braze.no-module.min.js")
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: "password", Stub: true,
		Settings: s.baseSettings(map[string]any{"sdkUrl": url, "readyTimeoutMs": blockedReadyTimeoutMs}),
		Script:   stubScenario,
	}))
	tb.poll(`window.e2eState !== null`, busyWait)
	st := eval[shimStatus](tb, `BrazeWasm.status()`)
	assert.NotEqual(t, "ready", st.State)
	assert.Contains(t, st.LastError, "http://***@127.0.0.1")
	assert.NotContains(t, st.LastError, "s3cret")
	for _, m := range shimMessages(tb, "error") {
		assert.NotContains(t, m, "s3cret")
		assert.NotContains(t, m, "user:")
	}
}

// TestSecurity_InitializeThrows: an SDK whose initialize throws leaves
// Braze failed with the SDK's message, not ready with a warning, and
// nothing is sent.
func TestSecurity_InitializeThrows(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	s.handle("GET /throwing/braze.no-module.min.js", serveBytes(t, filepath.Join(testNodeModulesDir, ".local", "braze-"+brazeSDKVersion+".no-module.min.js"), "text/javascript", func(b []byte) []byte {
		// The bundle's exports are getters: the SDK is wrapped, not patched.
		return append(b, "\n;braze = Object.create(braze, {initialize: {value() { throw new Error('e2e: bad initialize options'); }}});\n"...)
	}))
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: "initialize throws", Segment: true,
		Settings: s.baseSettings(map[string]any{"sdkUrl": s.origin + "/throwing/braze.no-module.min.js"}),
		Script:   peerScript + `analytics.ready(() => { window.e2eAtReady = BrazeWasm.status(); }); analytics.track('After Init');`,
	}))
	tb.poll(`window.e2eAtReady != null && e2ePeer.length > 0`, busyWait)
	st := eval[shimStatus](tb, `e2eAtReady`)
	assert.Equal(t, "failed", st.State, "status: %+v", st)
	assert.Contains(t, st.LastError, "initialize threw")
	assert.Contains(t, st.LastError, "e2e: bad initialize options", "the SDK's message")
	assert.Contains(t, eval[[]string](tb, `e2ePeer`), "track:After Init", "other destinations go on")
	assert.Empty(t, brazeBodies(t, s.srv.Requests.Since(0)), "nothing sent to Braze")
	assert.False(t, hasException(tb), "no exception:%s", tb.consoleText())
}
