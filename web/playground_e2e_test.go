package main

// Browser tests of the playground and the demo shop: the pages as `make run`
// serves them, under their real Content-Security-Policy, with the real shim,
// wasm module, Analytics.js and Braze SDK.

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// screenshotEnv, when set to 1, makes TestPlayground also write the README's
// screenshot, playground/screenshot.png.
const screenshotEnv = "PLAYGROUND_SCREENSHOT"

// newSite serves the whole site of `make run` (playground included) on
// 127.0.0.1, the Braze backend on the same origin.
func newSite(t *testing.T) (*Server, string) {
	t.Helper()
	requireBuild(t)
	requireNpm(t)
	srv := NewServer(Config{Build: testBuildDir, NodeModules: testNodeModulesDir, Playground: filepath.Join("..", "playground")})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		srv.Close() // ends the event streams, which ts.Close would wait for
		ts.Close()
	})
	return srv, ts.URL
}

// watchCSP records the CSP violations of every frame of the tab, from the
// next navigation on, in window.e2eCSP of the top frame. A script added by
// the DevTools protocol runs before the page's own and is not subject to its
// policy.
func watchCSP(t *testing.T, tb *tab) {
	t.Helper()
	tb.onNewDocument(`
		window.e2eCSP = [];
		document.addEventListener('securitypolicyviolation', e => {
			window.top.e2eCSP.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + location.pathname);
		});`)
}

// assertNoCSPViolation fails the test for every violation of the page's
// policy that watchCSP saw: the pages must work under their own policy.
func assertNoCSPViolation(t *testing.T, tb *tab) {
	t.Helper()
	assert.Empty(t, eval[[]string](tb, `window.e2eCSP`), "CSP violations")
}

// setText replaces the text of a textarea as typing would, firing input.
func setText(tb *tab, id, text string) {
	tb.t.Helper()
	eval[bool](tb, `(() => { const e = document.getElementById(`+jsonString(id)+`);
		e.value = `+jsonString(text)+`; e.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
}

// jsonString quotes s as a JSON string, which is also a JavaScript one.
func jsonString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// callTexts returns the rendered SDK calls of the playground.
const callTexts = `[...document.querySelectorAll('#calls .call code')].map(e => e.textContent)`

func TestPlayground(t *testing.T) {
	t.Parallel()
	_, site := newSite(t)
	tb := newTab(t)
	ctx, cancel := context.WithTimeout(tb.ctx, busyWait)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.EmulateViewport(1360, 900))
	require.NoError(t, err)
	watchCSP(t, tb)
	tb.navigate(site + "/playground/")
	tb.poll(`document.body.dataset.ready === 'true'`, busyWait)

	// The policy is enforced: an injected inline script does not run.
	eval[bool](tb, `document.body.append(Object.assign(document.createElement('script'), {textContent: 'window.injected = 1'})); true`)
	assert.False(t, eval[bool](tb, `'injected' in window`))
	// The violation is reported in a task of its own: wait for it.
	tb.poll(`window.e2eCSP.length > 0`, busyWait)
	assert.Equal(t, []string{"script-src-elem blocked inline in /playground/"}, eval[[]string](tb, `window.e2eCSP.splice(0)`))

	// plan() maps the events as written: the page says middleware is not run.
	assert.Contains(t, eval[string](tb, `document.getElementById('plan-note').textContent`), "addDestinationMiddleware")

	// A preset, loaded as a user would.
	eval[bool](tb, `document.getElementById('preset').value = 'Identify, standard traits';
		document.getElementById('preset-set').click(); true`)
	tb.poll(callTexts+`.includes('braze.getUser().setEmail("jane@example.com")')`, busyWait)
	calls := eval[[]string](tb, callTexts)
	assert.Equal(t, `braze.initialize("YOUR-BRAZE-WEB-API-KEY", {baseUrl: "https://sdk.iad-01.braze.com/api/v3"})`, calls[0])
	assert.Contains(t, calls, `braze.changeUser("ze8rt1u89")`)
	assert.Contains(t, calls, `braze.getUser().setDateOfBirth(1990, 12, 10)`)
	// Each call sits under the event it comes from, with that event's data points.
	groups := eval[[]string](tb, `[...document.querySelectorAll('#calls .group')].map(g =>
		g.dataset.event + ' ' + g.querySelector('.dp').textContent + ' ' + [...g.querySelectorAll('.call code')].map(c => c.textContent.match(/^[\w.]+(\(\)[\w.]+)?/)[0]).join(','))`)
	require.GreaterOrEqual(t, len(groups), 2)
	assert.Equal(t, "-1 1 data point braze.initialize,braze.automaticallyShowInAppMessages,braze.openSession", groups[0])
	assert.Regexp(t, `^0 \d+ data points braze\.changeUser,braze\.getUser\(\)\.setEmail,`, groups[1])

	// Edit the event: a gender Braze does not know, and hostile markup as a
	// trait (no double quote, which the SDK refuses in an attribute). The
	// warning is shown with its event; the markup is text.
	const hostile = `<img src=x onerror=window.pwned=1>`
	setText(tb, "events", `{"type": "identify", "userId": "u-1", "traits": {"gender": "robot", "nickname": `+jsonString(hostile)+`}}`)
	tb.poll(`[...document.querySelectorAll('#calls .warning')].some(w => w.textContent.includes('invalid_gender'))`, busyWait)
	warning := eval[string](tb, `[...document.querySelectorAll('#calls .group')].find(g => g.dataset.event === '0').querySelector('.warning').textContent`)
	assert.Contains(t, warning, "traits.gender")
	calls = eval[[]string](tb, callTexts)
	assert.Contains(t, calls, `braze.getUser().setCustomUserAttribute("nickname", "<img src=x onerror=window.pwned=1>")`)
	assert.Zero(t, eval[int](tb, `document.querySelectorAll('main img').length`), "event data is never markup")
	assert.False(t, eval[bool](tb, `'pwned' in window`))

	// A JSON error is shown with its place; the calls wait for a fix.
	setText(tb, "events", "{\n  \"type\": \"track\",\n  \"event\": 'x'\n}")
	tb.poll(`document.querySelector('#events-issues .issue.error') !== null`, busyWait)
	assert.Contains(t, eval[string](tb, `document.querySelector('#events-issues').textContent`), "line 3, column 12")

	setText(tb, "events", `{"type": "track", "event": "x"}`)

	// A settings error is shown with its field.
	setText(tb, "settings", `{"apiKey": "k", "version": "9"}`)
	tb.poll(`document.querySelector('#settings-issues .issue.error') !== null`, busyWait)
	assert.Contains(t, eval[string](tb, `document.querySelector('#settings-issues').textContent`), "version")

	// The SDK family switch rewrites the version, and the method names follow.
	setText(tb, "settings", `{"apiKey": "k"}`)
	eval[bool](tb, `document.querySelector('input[name=family][value="3.5"]').click(); true`)
	tb.poll(callTexts+`.includes('appboy.display.automaticallyShowNewInAppMessages()')`, busyWait)
	assert.Contains(t, eval[string](tb, `document.getElementById('settings').value`), `"version": "3.5"`)
	assert.Contains(t, eval[string](tb, `document.getElementById('code').textContent`), `data-settings='{"apiKey":"k","version":"3.5"}'`)

	// The state is in the URL: a reload shows the same.
	tb.navigate(eval[string](tb, `location.href`))
	tb.poll(`document.body.dataset.ready === 'true'`, busyWait)
	assert.Contains(t, eval[string](tb, `document.getElementById('settings').value`), `"version": "3.5"`)

	assertNoCSPViolation(t, tb)

	// The screenshot, of the default session.
	tb.navigate(site + "/playground/")
	tb.poll(`document.body.dataset.ready === 'true'`, busyWait)
	// A bound of its own: the one above may have run out in a long test.
	shotCtx, cancelShot := context.WithTimeout(tb.ctx, busyWait)
	defer cancelShot()
	png, err := chromedp.Run(shotCtx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	saveArtifact(t, "playground.png", png)
	if os.Getenv(screenshotEnv) == "1" {
		small, err := shrinkPNG(png, 128)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join("..", "playground", "screenshot.png"), small, 0o644))
	}
	assertNoCSPViolation(t, tb)
}

// saveArtifact writes data to testdata/artifacts/name (git-ignored), for a
// person or CI to look at.
func saveArtifact(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := filepath.Join("testdata", "artifacts")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	t.Logf("saved %s", filepath.Join(dir, name))
}

func TestPlayground_Live(t *testing.T) {
	t.Parallel()
	_, site := newSite(t)
	tb := newTab(t)
	if _, err := chromedp.Run(tb.ctx, chromedp.EmulateViewport(1600, 900)); err != nil {
		t.Fatal(err)
	}
	watchCSP(t, tb)
	tb.navigate(site + "/playground/")
	tb.poll(`document.body.dataset.ready === 'true'`, busyWait)
	setText(tb, "settings", `{"apiKey": "live-key", "version": "6.13"}`)
	setText(tb, "events", `[{"type": "identify", "userId": "live-1", "traits": {"email": "live@example.com"}},
		{"type": "track", "event": "Live Event", "properties": {"sku": "L-1", "price": 3}}]`)
	tb.poll(`[...document.querySelectorAll('#calls .call code')].some(c => c.textContent.includes('"Live Event"'))`, busyWait)
	eval[bool](tb, `document.getElementById('live').click(); true`)

	// The bodies the backend received, rendered beside the plan.
	tb.poll(`document.getElementById('main').dataset.live === 'done' &&
		document.getElementById('bodies').textContent.includes('custom event "Live Event" {sku: "L-1"}')`, busyWait)
	received := eval[string](tb, `document.getElementById('bodies').textContent`)
	assert.Contains(t, received, `"api_key": "live-key"`)
	assert.Contains(t, received, `email="live@example.com"`)
	assert.False(t, eval[bool](tb, `document.getElementById('received').hidden`))
	assert.Equal(t, "3 of 3 planned calls received as planned",
		eval[string](tb, `document.getElementById('live-match').textContent`), "the plan and the SDK agree")
	if png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot()); err == nil {
		saveArtifact(t, "playground-live.png", png)
	}

	// A returning visitor: the user id of an earlier page, with only known
	// users tracked. Plan and live run both open the session as that user.
	setText(tb, "settings", `{"apiKey": "live-key", "version": "6.13", "onlyTrackKnownUsersOnWeb": true}`)
	setText(tb, "events", `{"type": "track", "event": "Known Event"}`)
	setText(tb, "user", "known-7")
	tb.poll(`[...document.querySelectorAll('#calls .call code')].map(c => c.textContent).join('|').includes('braze.changeUser("known-7")|braze.openSession()')`, busyWait)
	eval[bool](tb, `document.getElementById('main').dataset.live = ''; document.getElementById('live').click(); true`)
	tb.poll(`document.getElementById('main').dataset.live === 'done' &&
		document.getElementById('bodies').textContent.includes('custom event "Known Event"')`, busyWait)
	assert.Contains(t, eval[string](tb, `document.getElementById('bodies').textContent`), `"user_id": "known-7"`)
	assertNoCSPViolation(t, tb)
}

// shrinkPNG re-encodes a screenshot with a palette of its n most frequent
// colours, for the copy committed with the README. A UI is mostly flat
// colours, so this keeps it sharp at about half the size; no dithering, whose
// noise would compress badly.
func shrinkPNG(data []byte, n int) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	counts := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colors := slices.Collect(maps.Keys(counts))
	slices.SortFunc(colors, func(a, b color.RGBA) int { return counts[b] - counts[a] })
	pal := color.Palette{}
	for _, c := range colors[:min(n, len(colors))] {
		pal = append(pal, c)
	}
	out := image.NewPaletted(b, pal)
	nearest := map[color.RGBA]uint8{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := nearest[c]
			if !ok {
				i = uint8(pal.Index(c))
				nearest[c] = i
			}
			out.SetColorIndex(x, y, i)
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	err = enc.Encode(&buf, out)
	return buf.Bytes(), err
}
