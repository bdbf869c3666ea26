package main

// Issue 11 item 1: a shared link is data. Whatever its settings say
// (assetsUrl, sdkUrl, baseUrl, endpoint), the playground and its live page
// load script only from our build and the local SDK copies, and live.html
// opened by itself runs nothing of the link.

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileSettings would each run window.top.pwned = 1 (a data: URL carries
// the page's nonce when the shim loads it) or load from another origin.
var hostileSettings = map[string]any{
	"apiKey":    "k",
	"version":   "6.13",
	"assetsUrl": "data:text/javascript,window.top.pwned=1//",
	"sdkUrl":    "data:text/javascript,window.top.pwned=2//",
	"baseUrl":   "https://evil.example/api/v3",
	"endpoint":  "evil.example",
}

// scriptSources lists the src of every script element of the page and of
// its same-origin frames, and of every script resource fetched.
const scriptSources = `(() => {
	const out = [];
	for (const w of [window, ...[...document.querySelectorAll('iframe')].map(f => f.contentWindow)]) {
		try {
			out.push(...[...w.document.querySelectorAll('script[src]')].map(s => s.src));
			out.push(...w.performance.getEntriesByType('resource').filter(e => e.initiatorType == 'script').map(e => e.name));
		} catch {}
	}
	return out; })()`

// assertOwnScripts fails for a script from anywhere but the site's build,
// its pages' own scripts and the local SDK copies.
func assertOwnScripts(t *testing.T, tb *tab, site string) {
	t.Helper()
	for _, src := range eval[[]string](tb, scriptSources) {
		ok := false
		for _, prefix := range []string{"/braze-wasm/", "/vendor/", "/playground/", "/demo/segment-snippet.js", "/analytics.js/"} {
			ok = ok || strings.HasPrefix(src, site+prefix)
		}
		assert.True(t, ok, "a script from %s", src)
	}
	assert.False(t, eval[bool](tb, `'pwned' in window`), "a script of the link ran")
}

func TestPlayground_LiveHTMLRefusesALink(t *testing.T) {
	t.Parallel()
	_, site := newSite(t)
	tb := newTab(t)
	// The repro, with a payload that leaves a mark.
	state, err := json.Marshal(map[string]any{"settings": hostileSettings, "events": []any{}})
	require.NoError(t, err)
	tb.navigate(site + "/playground/live.html#" + base64.StdEncoding.EncodeToString(state))
	tb.poll(`document.documentElement.dataset.refused === 'true' && document.body.textContent.includes('open /playground/')`, busyWait)
	assertOwnScripts(t, tb, site)
	assert.False(t, eval[bool](tb, `typeof BrazeWasm == 'object' && BrazeWasm.status().state != 'loading'`), "no destination was started")
}

func TestPlayground_SharedLinkLoadsOnlyOurScripts(t *testing.T) {
	t.Parallel()
	settings, err := json.MarshalIndent(hostileSettings, "", "  ")
	require.NoError(t, err)
	state, err := json.Marshal(map[string]string{"settings": string(settings), "events": `{"type": "track", "event": "Linked"}`})
	require.NoError(t, err)
	_, site, tb := openPlayground(t, 1400, "#s="+base64.RawURLEncoding.EncodeToString(state))
	tb.poll(callTexts+`.includes('braze.logCustomEvent("Linked", {})')`, busyWait)
	assertOwnScripts(t, tb, site)

	runLive(tb)
	assert.Equal(t, "2 of 2 planned calls received as planned", eval[string](tb, `document.getElementById('live-match').textContent`),
		"the live run sent to the embedded backend, with the local SDK")
	assertOwnScripts(t, tb, site)
	assertNoCSPViolation(t, tb)
}
