package main

// Security checks (issue 6): no dynamic code or HTML sinks in the shipped
// JavaScript, SRI enforced on the SDK, the page's nonce carried to the
// scripts the shim adds, and Trusted Types honoured.

import (
	"crypto/sha512"
	"encoding/base64"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sinks are the constructs the shipped sources must not use: code from
// strings, HTML from strings (event data could reach it) and string timers.
var sinks = []struct {
	name string
	re   *regexp.Regexp
}{
	{"eval", regexp.MustCompile(`\beval\s*\(`)},
	{"new Function", regexp.MustCompile(`\bnew\s+Function\b|\bFunction\s*\(\s*['"\x60]`)},
	{"innerHTML/outerHTML", regexp.MustCompile(`\.(inner|outer)HTML\b`)},
	{"insertAdjacentHTML", regexp.MustCompile(`\binsertAdjacentHTML\b`)},
	{"document.write", regexp.MustCompile(`\bdocument\s*\.\s*write(ln)?\b`)},
	{"string timer", regexp.MustCompile(`\bset(Timeout|Interval)\s*\(\s*['"\x60]`)},
	{"javascript: URL", regexp.MustCompile(`(?i)['"\x60]\s*javascript:`)},
}

// scanSource returns the lines of src that use a sink, each with the sink's
// name. A line comment is not scanned: it may name a sink to say it is
// avoided.
func scanSource(src string) []string {
	var out []string
	for _, line := range strings.Split(src, "\n") {
		code := line
		if j := strings.Index(code, "// "); j >= 0 && !strings.Contains(code[:j], "'") && !strings.Contains(code[:j], `"`) {
			code = code[:j]
		}
		for _, s := range sinks {
			if s.re.MatchString(code) {
				out = append(out, strings.TrimSpace(line)+" ("+s.name+")")
			}
		}
	}
	return out
}

func TestSecurity_ScannerCatchesSinks(t *testing.T) {
	for _, bad := range []string{
		`x = eval(code)`, `f = new Function('a', body)`, `el.innerHTML = e.name`, `el.outerHTML = s`,
		`el.insertAdjacentHTML('beforeend', s)`, `document.write(s)`, `setTimeout('go()', 10)`,
		"setInterval(`tick()`, 5)", `a.href = 'javascript:alert(1)'`,
	} {
		assert.NotEmpty(t, scanSource(bad), "not caught: %s", bad)
	}
	for _, ok := range []string{`setTimeout(register, 50, n + 1)`, `el.textContent = e.name`, `// no eval( here`, `evaluate(x)`} {
		assert.Empty(t, scanSource(ok), "false positive: %s", ok)
	}
}

// TestSecurity_NoSinksInSources scans the shim and the playground: the
// JavaScript and HTML that a site or a visitor runs. Tests are not shipped.
func TestSecurity_NoSinksInSources(t *testing.T) {
	scanned := 0
	for _, dir := range []string{"../js", "../playground"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && path == dir {
					return filepath.SkipDir // the playground is optional
				}
				return err
			}
			if d.IsDir() && d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			ext := filepath.Ext(path)
			if d.IsDir() || strings.HasSuffix(path, ".test.js") || (ext != ".js" && ext != ".html" && ext != ".mjs") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			scanned++
			for _, f := range scanSource(string(b)) {
				t.Errorf("%s: %s", path, f)
			}
			return nil
		})
		require.NoError(t, err)
	}
	assert.NotZero(t, scanned, "no source scanned")
}

// TestSecurity_SRI: with sdkIntegrity set, a tampered SDK file is refused by
// the browser, and Braze is blocked with a message that names the hash.
func TestSecurity_SRI(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	sdkFile := filepath.Join(testNodeModulesDir, ".local", "braze-"+brazeSDKVersion+".no-module.min.js")
	b, err := os.ReadFile(sdkFile)
	require.NoError(t, err)
	sum := sha512.Sum384(b)
	integrity := "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
	s.handle("GET /tampered/braze.no-module.min.js", serveBytes(t, sdkFile, "text/javascript", func(b []byte) []byte {
		return append(b, "\n;window.e2eTampered = true;\n"...)
	}))
	s.handle("GET /intact/braze.no-module.min.js", serveBytes(t, sdkFile, "text/javascript", nil))

	t.Run("tampered", func(t *testing.T) {
		t.Parallel()
		url := s.origin + "/tampered/braze.no-module.min.js"
		tb := newTab(t)
		tb.navigate(s.addPage(faultPage{
			Title: "sri tampered", Segment: true,
			Settings: s.baseSettings(map[string]any{"sdkUrl": url, "sdkIntegrity": integrity, "readyTimeoutMs": blockedReadyTimeoutMs}),
			Before:   blockedWatch,
			Script:   blockedScenario,
		}))
		assertBlocked(t, tb, url, "SRI hash")
		assert.False(t, eval[bool](tb, `window.e2eTampered === true`), "the tampered file did not run")
	})
	t.Run("intact", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t)
		tb.navigate(s.addPage(faultPage{
			Title: "sri intact", Segment: true,
			Settings: s.baseSettings(map[string]any{"sdkUrl": s.origin + "/intact/braze.no-module.min.js", "sdkIntegrity": integrity}),
			Script:   readyScript,
		}))
		tb.poll(`window.e2eReady === true`, busyWait)
		assert.Equal(t, "ready", eval[shimStatus](tb, `BrazeWasm.status()`).State, "the right hash loads: %s", tb.consoleText())
	})
}

// stubScenario waits for the shim on a stubAnalytics page, sends one track
// through the registered plugin and flushes.
const stubScenario = `
window.e2eState = null;
BrazeWasm.whenReady().then(async st => {
  e2eState = st.state;
  if (st.state !== 'ready') return;
  await analytics.send('track', {event: 'Strict Page', properties: {ok: 1}});
  BrazeWasm.sdk().requestImmediateDataFlush();
});
`

// TestSecurity_Nonce: on a page whose CSP allows scripts only by nonce, the
// scripts the shim adds (wasm_exec.js, the SDK) carry the page's nonce and
// load. Analytics.js cannot run there (its snippet adds a script without a
// nonce), so the page uses stubAnalytics.
func TestSecurity_Nonce(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	const nonce = "e2e-n0nce-3f9a"
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: "nonce", Stub: true, Nonce: nonce,
		CSP:      "script-src 'nonce-" + nonce + "' 'wasm-unsafe-eval'",
		Settings: s.baseSettings(nil),
		Script:   stubScenario,
	}))
	tb.poll(`window.e2eState !== null`, busyWait)
	require.Equal(t, "ready", eval[string](tb, `e2eState`), tb.consoleText())
	s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Strict Page")
		return ok
	})
	added := eval[[]string](tb, `[...document.scripts].filter(s => /wasm_exec|braze\.no-module/.test(s.src)).map(s => s.nonce)`)
	assert.Equal(t, []string{nonce, nonce}, added, "wasm_exec.js and the SDK carry the nonce")
	assert.Empty(t, shimMessages(tb, "error"))
}

// TestSecurity_TrustedTypes: on a page that enforces Trusted Types for
// scripts, the shim loads the SDK through its own policy; when the page's
// trusted-types directive does not allow that policy, it says so.
func TestSecurity_TrustedTypes(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	const base = "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; require-trusted-types-for 'script'"
	t.Run("policy allowed", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t)
		tb.navigate(s.addPage(faultPage{
			Title: "trusted types", Stub: true, CSP: base,
			Settings: s.baseSettings(nil),
			Script:   stubScenario,
		}))
		tb.poll(`window.e2eState !== null`, busyWait)
		require.Equal(t, "ready", eval[string](tb, `e2eState`), tb.consoleText())
		s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
			_, ok := customEvent(bodies, "Strict Page")
			return ok
		})
		assert.Empty(t, shimMessages(tb, "error"))
	})
	t.Run("policy not allowed", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t)
		tb.navigate(s.addPage(faultPage{
			Title: "trusted types, other policies only", Stub: true, CSP: base + "; trusted-types site-policy",
			Settings: s.baseSettings(map[string]any{"readyTimeoutMs": blockedReadyTimeoutMs}),
			Script:   stubScenario,
		}))
		tb.poll(`window.e2eState !== null`, busyWait)
		assert.Equal(t, "blocked", eval[string](tb, `e2eState`))
		errs := shimMessages(tb, "error")
		if assert.Len(t, errs, 1, "one console error:%s", tb.consoleText()) {
			assert.Contains(t, errs[0], "Trusted", "the error says Trusted Types are why")
		}
		assert.False(t, hasException(tb), "no exception:%s", tb.consoleText())
	})
}
