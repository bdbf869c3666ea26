package main

// Browser tests of the playground as a site owner meets it (issue 12): live
// runs that send each event as written and compare call by call, stale live
// results, settings messages, consistency, layout, data points saved and
// warning levels. Each test keeps screenshots at 390 and 1,400 px in
// testdata/artifacts.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openPlayground opens the playground at width px, as `make run` serves it,
// and waits for its first plan.
func openPlayground(t *testing.T, width int64, hash string) (*Server, string, *tab) {
	t.Helper()
	srv, site := newSite(t)
	tb := newTab(t)
	_, err := chromedp.Run(tb.ctx, chromedp.EmulateViewport(width, 900))
	require.NoError(t, err)
	watchCSP(t, tb)
	tb.navigate(site + "/playground/" + hash)
	tb.poll(`document.body.dataset.ready === 'true'`, busyWait)
	return srv, site, tb
}

// shots keeps full-page screenshots of the tab at 390 and 1,400 px as
// artifacts name-390.png and name-1400.png, then restores width.
func shots(t *testing.T, tb *tab, name string, width int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, busyWait)
	defer cancel()
	for _, w := range []int64{390, 1400} {
		_, err := chromedp.Run(ctx, chromedp.EmulateViewport(w, 900))
		require.NoError(t, err)
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		require.NoError(t, err)
		saveArtifact(t, name+"-"+itoa(int(w))+".png", png)
	}
	_, err := chromedp.Run(ctx, chromedp.EmulateViewport(width, 900))
	require.NoError(t, err)
}

// plannedNow waits for the plan of the current inputs.
func plannedNow(tb *tab) {
	tb.t.Helper()
	tb.poll(`document.body.dataset.pending === 'false'`, busyWait)
}

// runLive presses Run live and waits for the run to finish.
func runLive(tb *tab) {
	tb.t.Helper()
	eval[bool](tb, `document.getElementById('main').dataset.live = ''; document.getElementById('live').click(); true`)
	tb.poll(`document.getElementById('main').dataset.live === 'done' && document.getElementById('live-match').textContent !== ''`, busyWait)
}

// Item 1: a live run sends each event as written (its userId) and compares
// call by call; page properties agree with the plan.
func TestPlayground_LiveAsWritten(t *testing.T) {
	t.Parallel()
	srv, _, tb := openPlayground(t, 1400, "")
	setText(tb, "settings", `{"apiKey": "live-key", "version": "6.13", "trackAllPages": true}`)
	setText(tb, "events", `[{"type": "track", "event": "Audience Entered", "userId": "ze8rt1u89",
		"properties": {"audience_key": "dormant_shoppers", "dormant_shoppers": true},
		"context": {"personas": {"computation_class": "audience", "computation_key": "dormant_shoppers"}}},
		{"type": "page", "category": "Docs", "name": "Install", "userId": "ze8rt1u89", "properties": {"path": "/docs/install", "title": "Install"}}]`)
	tb.poll(callTexts+`.includes('braze.changeUser("ze8rt1u89")')`, busyWait)
	runLive(tb)

	match := eval[string](tb, `document.getElementById('live-match').textContent`)
	assert.Equal(t, "3 of 3 planned calls received as planned", match, "the call by call comparison")
	bodies := brazeBodies(t, srv.Requests.Since(0))
	ev, ok := customEvent(bodies, "Audience Entered")
	require.True(t, ok)
	assert.Equal(t, "ze8rt1u89", ev.UserID, "the event's own userId reached Braze")
	page, ok := customEvent(bodies, "Viewed Docs Install Page")
	require.True(t, ok)
	assert.Equal(t, map[string]any{"path": "/docs/install", "title": "Install", "name": "Install", "category": "Docs"}, page.Data.Properties(),
		"the page's properties as written: no url, referrer or search of the live frame")
	assert.Contains(t, eval[string](tb, `document.querySelector('#received .sub').textContent`), "as written")

	shots(t, tb, "playground-live-as-written", 1400)
	assertNoCSPViolation(t, tb)
}

// Item 1, the comparison itself: what arrived but was not planned, or for
// another user, is named call by call. The backend is sent one request more
// for the run's device, as if the SDK had sent it.
func TestPlayground_LiveDifference(t *testing.T) {
	t.Parallel()
	_, _, tb := openPlayground(t, 1400, "")
	setText(tb, "settings", `{"apiKey": "live-key", "version": "6.13"}`)
	setText(tb, "events", `{"type": "track", "event": "E", "userId": "u-1"}`)
	tb.poll(callTexts+`.includes('braze.changeUser("u-1")')`, busyWait)
	runLive(tb)
	assert.Equal(t, "2 of 2 planned calls received as planned", eval[string](tb, `document.getElementById('live-match').textContent`))
	eval[int](tb, `fetch('/api/v3/data/', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({
		api_key: 'live-key', device_id: document.getElementById('live-state').textContent.match(/device (\S+)/)[1],
		events: [{name: 'ce', user_id: 'u-2', time: Date.now() / 1000, data: {n: 'E', p: {}}}]})}).then(r => r.status)`)
	tb.poll(`document.querySelectorAll('#live-match .diffs li').length > 0`, busyWait)
	assert.Equal(t, []string{`custom event "E" received for user "u-2", not planned`},
		eval[[]string](tb, `[...document.querySelectorAll('#live-match .diffs li')].map(l => l.textContent)`))
	assert.Equal(t, "2 of 2 planned calls received as planned; 1 difference", eval[string](tb, `document.querySelector('#live-match span.off').textContent`))
	shots(t, tb, "playground-live-difference", 1400)
}

// Item 2: results of an earlier run are marked stale when the inputs
// change, and cleared by the next run, even one that cannot run.
func TestPlayground_LiveStale(t *testing.T) {
	t.Parallel()
	_, _, tb := openPlayground(t, 1400, "")
	setText(tb, "settings", `{"apiKey": "live-key", "version": "3.5"}`)
	setText(tb, "events", `{"type": "track", "event": "Stale Event"}`)
	tb.poll(callTexts+`.includes('appboy.logCustomEvent("Stale Event", {})')`, busyWait)
	runLive(tb)
	tb.poll(`document.getElementById('bodies').textContent.includes('Stale Event')`, busyWait)
	assert.Contains(t, eval[string](tb, `document.getElementById('live-match').textContent`), "received as planned")

	eval[bool](tb, `document.querySelector('input[name=family][value="2.7"]').click(); true`)
	plannedNow(tb)
	assert.True(t, eval[bool](tb, `document.getElementById('received').classList.contains('stale')`))
	assert.Contains(t, eval[string](tb, `document.getElementById('live-state').textContent`), "stale")
	assert.Equal(t, "not compared: the plan has changed", eval[string](tb, `document.getElementById('live-match').textContent`))
	shots(t, tb, "playground-live-stale", 1400)

	eval[bool](tb, `document.getElementById('live').click(); true`)
	tb.poll(`document.getElementById('live-state').textContent.includes('live mode runs SDK 3.5 and 4+')`, busyWait)
	assert.Equal(t, "no request yet", eval[string](tb, `document.getElementById('bodies').textContent`), "the old requests are gone")
	assert.Empty(t, eval[string](tb, `document.getElementById('live-match').textContent`), "and the old badges")
	assertNoCSPViolation(t, tb)
}

// Item 3: every settings problem at once, close names suggested, the field
// not repeated after its tag, each shown once.
func TestPlayground_SettingsMessages(t *testing.T) {
	t.Parallel()
	_, _, tb := openPlayground(t, 1400, "")
	setText(tb, "events", `{"type": "track", "event": "x"}`)
	setText(tb, "settings", `{"version": true, "trackAllPage": true, "enableLogging": "yes", "datacenter": "mars", "readyTimeoutMs": -1}`)
	tb.poll(`document.querySelectorAll('#settings-issues .issue').length >= 6`, busyWait)
	type issue struct{ Class, Field, Msg string }
	issues := eval[[]issue](tb, `[...document.querySelectorAll('#settings-issues .issue')].map(i => ({
		class: i.className, field: i.querySelector('.field') ? i.querySelector('.field').textContent : '', msg: i.querySelector('.msg').textContent}))`)
	byField := map[string]issue{}
	for _, i := range issues {
		byField[i.Field] = i
		assert.NotRegexp(t, `^`+i.Field+`\b`, i.Msg, "the message repeats its field %s", i.Field)
	}
	assert.Equal(t, "issue error", byField["apiKey"].Class)
	assert.Equal(t, "issue error", byField["version"].Class, "a bad version does not hide the rest, and is an error too")
	assert.Equal(t, "unknown setting, ignored (did you mean trackAllPages?)", byField["trackAllPage"].Msg)
	for _, f := range []string{"enableLogging", "datacenter", "readyTimeoutMs"} {
		assert.Contains(t, byField, f)
	}
	shots(t, tb, "playground-settings-all", 1400)
	// Shown once: not again with the page load (there is none: the plan failed),
	// and with valid settings a settings warning is not in the page load group.
	setText(tb, "settings", `{"apiKey": "k", "trackAllPage": true}`)
	tb.poll(`document.querySelectorAll('#settings-issues .issue').length === 1 && document.querySelector('#calls .group') !== null`, busyWait)
	assert.Zero(t, eval[int](tb, `[...document.querySelectorAll('#calls .group')].filter(g => g.textContent.includes('trackAllPage')).length`))
	shots(t, tb, "playground-settings", 1400)
	assertNoCSPViolation(t, tb)
}

// Item 4: the classic preset holds classic names only, and a gender shows as
// the value the SDK receives, as the README shows it.
func TestPlayground_Consistency(t *testing.T) {
	t.Parallel()
	_, _, tb := openPlayground(t, 1400, "")
	eval[bool](tb, `(() => { const s = document.getElementById('settings-preset');
		s.value = 'Classic "Braze (Appboy)" names'; s.dispatchEvent(new Event('change')); return true; })()`)
	plannedNow(tb)
	var classic map[string]any
	require.NoError(t, json.Unmarshal([]byte(eval[string](tb, `document.getElementById('settings').value`)), &classic))
	for _, actions := range []string{"endpoint", "api_key", "sdkVersion", "deferUntilIdentified"} {
		assert.NotContains(t, classic, actions, "an Actions name in the classic preset")
	}
	assert.Equal(t, "us", classic["datacenter"])
	eval[bool](tb, `document.getElementById('preset').value = 'Identify, standard traits'; document.getElementById('preset-set').click(); true`)
	tb.poll(callTexts+`.some(c => c.includes('setGender'))`, busyWait)
	assert.Contains(t, eval[[]string](tb, callTexts), `braze.getUser().setGender("f")`, "the README shows the same")
	shots(t, tb, "playground-consistency", 1400)
}

// Item 5: the radio stays with its label at 390 px, the preset box is not
// cut in the three-column live view at 1,400 px, a broken link says so.
func TestPlayground_Layout(t *testing.T) {
	t.Parallel()
	_, site, tb := openPlayground(t, 390, "")
	// Each radio and its text on one line, side by side.
	gaps := eval[[]float64](tb, `[...document.querySelectorAll('.family label')].map(l => {
		const r = l.querySelector('input').getBoundingClientRect(), range = document.createRange();
		range.selectNodeContents(l); range.setStartAfter(l.querySelector('input'));
		const t = range.getClientRects()[0];
		return Math.abs(t.left - r.right) + Math.abs((t.top + t.bottom) / 2 - (r.top + r.bottom) / 2);
	})`)
	require.Len(t, gaps, 3)
	for _, g := range gaps {
		assert.Less(t, g, 12.0, "a radio sits apart from its label at 390 px: %v", gaps)
	}
	shots(t, tb, "playground-layout-390", 390)

	// Three columns at 1,400 px: the preset select shows its longest name.
	_, err := chromedp.Run(tb.ctx, chromedp.EmulateViewport(1400, 900))
	require.NoError(t, err)
	eval[bool](tb, `document.getElementById('preset').value = 'Page session (sequence)'; document.getElementById('live').click(); true`)
	tb.poll(`document.getElementById('main').classList.contains('with-live')`, busyWait)
	assert.Equal(t, 3, eval[int](tb, `getComputedStyle(document.getElementById('main')).gridTemplateColumns.split(' ').length`))
	fits := eval[bool](tb, `(() => {
		const s = document.getElementById('preset'), c = document.createElement('canvas').getContext('2d');
		c.font = getComputedStyle(s).font;
		const longest = Math.max(...[...s.options].map(o => c.measureText(o.text).width));
		return s.clientWidth >= longest + 24; })()`)
	assert.True(t, fits, "the preset box is cut in the three-column view")
	tb.poll(`document.getElementById('main').dataset.live === 'done'`, busyWait)
	shots(t, tb, "playground-layout-live", 1400)

	// A broken share link loads the defaults and says so.
	tb.navigate(site + "/playground/#s=eyJzZXR0aW5n")
	tb.poll(`document.body.dataset.ready === 'true'`, busyWait)
	assert.False(t, eval[bool](tb, `document.getElementById('notice').hidden`))
	assert.Contains(t, eval[string](tb, `document.getElementById('notice').textContent`), "This link could not be read")
	assert.Contains(t, eval[string](tb, `document.getElementById('settings').value`), "YOUR-BRAZE-WEB-API-KEY")
	shots(t, tb, "playground-broken-link", 1400)
	// A good link shows no notice.
	tb.navigate(site + "/playground/#s=" + base64.RawURLEncoding.EncodeToString([]byte(`{"settings":"{\"apiKey\":\"k\"}","events":"[]"}`)))
	tb.poll(`document.body.dataset.ready === 'true'`, busyWait)
	assert.True(t, eval[bool](tb, `document.getElementById('notice').hidden`))
	assertNoCSPViolation(t, tb)
}

// Item 5, the demo: the request log numbers requests in the order received
// (newest highest, at the top) and the push button answers a click.
func TestDemo_LogAndPush(t *testing.T) {
	t.Parallel()
	_, site := newSite(t)
	tb := newTab(t)
	watchCSP(t, tb)
	tb.navigate(site + "/demo/")
	tb.poll(`document.getElementById('state').textContent === 'ready' && !document.getElementById('btn-push').hidden`, busyWait)
	for _, id := range []string{"#btn-identify", "#btn-page", "#btn-group"} {
		require.NoError(t, chromedp.Do(tb.ctx, chromedp.Click(id)))
	}
	tb.poll(`document.querySelectorAll('#log > li').length >= 3`, busyWait)
	nums := eval[[]int](tb, `[...document.querySelectorAll('#log > li')].map(l => l.value)`)
	for i := range nums {
		assert.Equal(t, len(nums)-i, nums[i], "the newest request is on top with the highest number: %v", nums)
	}
	assert.True(t, eval[bool](tb, `document.getElementById('log').reversed`))

	require.NoError(t, chromedp.Do(tb.ctx, chromedp.Click("#btn-push")))
	tb.poll(`document.getElementById('push-note').textContent.startsWith('Push:')`, busyWait)
	shots(t, tb, "demo", 1280)
	assertNoCSPViolation(t, tb)
}

// Items 6 and 7: data points and what the two options save, per event and
// in total, a click to turn them on, info apart from warnings, and the same
// figures in status() after a live run.
func TestPlayground_DataPointsSaved(t *testing.T) {
	t.Parallel()
	_, _, tb := openPlayground(t, 1400, "")
	setText(tb, "settings", `{"apiKey": "live-key", "version": "6.13"}`)
	setText(tb, "events", `[
		{"type": "identify", "userId": "u-1", "traits": {"email": "a@example.com", "plan": "pro", "seats": 3}},
		{"type": "identify", "userId": "u-1", "traits": {"email": "a@example.com", "plan": "pro", "seats": 3}},
		{"type": "identify", "userId": "u-1", "traits": {"email": "a@example.com", "plan": "team", "seats": 3}},
		{"type": "page", "name": "Home"},
		{"type": "alias", "userId": "u-1", "previousId": "x"},
		{"type": "identify", "userId": "u-1", "traits": {"gender": "robot"}}]`)
	plannedNow(tb)
	// The page load's session start, then three data points per identify.
	assert.Equal(t, "10", eval[string](tb, `document.getElementById('data-points').textContent`))
	savings := eval[string](tb, `document.getElementById('savings').textContent`)
	assert.Contains(t, savings, "debounceIdentify off: would save 3 data points")
	assert.Contains(t, savings, "sendOnlyChangedTraits off: would save 5 data points")
	perEvent := eval[[]string](tb, `[...document.querySelectorAll('#calls .group')].map(g => g.querySelector('.dp').textContent)`)
	assert.Equal(t, []string{"1 data point", "3 data points", "3 data points · 3 would be saved by debounceIdentify, 3 would be saved by sendOnlyChangedTraits",
		"3 data points · 2 would be saved by sendOnlyChangedTraits", "0 data points", "0 data points", "0 data points"}, perEvent)

	// Item 7: the page and the alias are choices (info), the gender a loss.
	levels := eval[[]string](tb, `[...document.querySelectorAll('#calls .warnings > li')].map(w => w.className + ' ' + w.querySelector('.code').textContent)`)
	assert.ElementsMatch(t, []string{"info page_not_tracked", "info unsupported_event_type", "warning invalid_gender"}, levels)
	assert.Contains(t, eval[string](tb, `document.getElementById('plan-state').textContent`), "1 warning · 2 info")
	shots(t, tb, "playground-savings-off", 1400)

	// One click turns both on.
	eval[bool](tb, `document.getElementById('savings-on').click(); true`)
	plannedNow(tb)
	assert.Equal(t, "5", eval[string](tb, `document.getElementById('data-points').textContent`))
	var settings map[string]any
	require.NoError(t, json.Unmarshal([]byte(eval[string](tb, `document.getElementById('settings').value`)), &settings))
	assert.Equal(t, true, settings["debounceIdentify"])
	assert.Equal(t, true, settings["sendOnlyChangedTraits"])
	assert.Contains(t, eval[string](tb, `document.getElementById('savings').textContent`), "5 data points saved by the options as set")

	// plan() itself returns the figures.
	type saving struct {
		On       bool
		Saved    int
		PerEvent []int
	}
	var sv struct {
		Saved, AllOn                            int
		DebounceIdentify, SendOnlyChangedTraits saving
	}
	require.NoError(t, json.Unmarshal([]byte(eval[string](tb, `BrazeWasm.plan(JSON.parse(document.getElementById('settings').value),
		JSON.parse(document.getElementById('events').value)).then(p => JSON.stringify(p.savings))`)), &sv))
	assert.Equal(t, 5, sv.Saved)
	assert.Equal(t, saving{On: true, Saved: 0, PerEvent: []int{0, 0, 0, 0, 0, 0}}, sv.DebounceIdentify, "sendOnlyChangedTraits saves the repeat anyway")
	assert.Equal(t, saving{On: true, Saved: 2, PerEvent: []int{0, 0, 2, 0, 0, 0}}, sv.SendOnlyChangedTraits)

	// The live run counts the same in status(): sent, saved, info apart.
	runLive(tb)
	state := eval[string](tb, `document.getElementById('live-state').textContent`)
	assert.Contains(t, state, "status(): 5 data points sent, 5 saved, 1 warnings, 4 info, 0 carried over")
	shots(t, tb, "playground-savings-live", 1400)
	assertNoCSPViolation(t, tb)
}

// Issue 11 item 11: the version names the SDK global, not the text of sdkUrl.
func TestPlayground_GlobalFromVersion(t *testing.T) {
	t.Parallel()
	_, _, tb := openPlayground(t, 1400, "")
	setText(tb, "events", `{"type": "track", "event": "x"}`)
	setText(tb, "settings", `{"apiKey": "k", "version": "6.13", "sdkUrl": "https://cdn.example.com/appboy/appboy.min.js"}`)
	tb.poll(callTexts+`.includes('braze.logCustomEvent("x", {})')`, busyWait)
	setText(tb, "settings", `{"apiKey": "k", "version": "3.5", "sdkUrl": "https://cdn.example.com/braze.no-module.min.js"}`)
	tb.poll(callTexts+`.includes('appboy.logCustomEvent("x", {})')`, busyWait)
	assert.Contains(t, eval[string](tb, `document.getElementById('plan-state').textContent`), "window.appboy")
}

// TestPlayground_IntegrationsExcluded: an event the page would not map
// (issue 18 item 8), kept from this destination by Analytics.js or by
// Segment's Braze name, shows no call and the info that says why.
func TestPlayground_IntegrationsExcluded(t *testing.T) {
	t.Parallel()
	_, _, tb := openPlayground(t, 1400, "")
	setText(tb, "settings", `{"apiKey": "k"}`)
	setText(tb, "events", `[{"type": "track", "event": "Off", "integrations": {"Braze (WASM)": false}},
 {"type": "track", "event": "Segment off", "integrations": {"Braze": false}},
 {"type": "track", "event": "On"}]`)
	tb.poll(callTexts+`.includes('braze.logCustomEvent("On", {})')`, busyWait)
	texts := eval[[]string](tb, callTexts)
	assert.NotContains(t, texts, `braze.logCustomEvent("Off", {})`)
	assert.NotContains(t, texts, `braze.logCustomEvent("Segment off", {})`)
	info := eval[[]string](tb, `[0, 1].map(i => document.querySelector('#calls .group[data-event="' + i + '"] .warnings .info').textContent)`)
	assert.Contains(t, info[0], "integrations.Braze (WASM)")
	assert.Contains(t, info[0], "Analytics.js does not hand it over")
	assert.Contains(t, info[1], "integrations.Braze")
	assert.Contains(t, info[1], "not sent to Braze")
	assert.Equal(t, []string{"no call", "no call"}, eval[[]string](tb, `[0, 1].map(i => document.querySelector('#calls .group[data-event="' + i + '"] .call').textContent)`))
}

// consentCategories in the playground (issue 17 item 2): its preset, the
// events refused and given as the consent tools stamp them, the plan that
// skips the refused one, and a live run that agrees.
func TestPlayground_Consent(t *testing.T) {
	t.Parallel()
	srv, _, tb := openPlayground(t, 1400, "")
	eval[bool](tb, `(() => { const s = document.getElementById('settings-preset');
		s.value = 'Consent: Braze waits for C0004'; s.dispatchEvent(new Event('change'));
		document.getElementById('events').value = '[]';
		for (const name of ['Consent refused (C0004)', 'Consent given (C0004)']) {
			document.getElementById('preset').value = name; document.getElementById('preset-add').click();
		}
		return true; })()`)
	plannedNow(tb)
	assert.Contains(t, eval[string](tb, `document.getElementById('settings').value`), `"consentCategories": [`)
	refused := eval[string](tb, `[...document.querySelectorAll('#calls .group')].find(g => g.dataset.event === '0').textContent`)
	assert.Contains(t, refused, "context.consent.categoryPreferences.C0004")
	assert.Contains(t, refused, "no consent (consentCategories)")
	calls := eval[[]string](tb, callTexts)
	assert.Contains(t, calls, `braze.logCustomEvent("Product Viewed", {sku: "A-1"})`)
	assert.NotContains(t, calls, `braze.logCustomEvent("Product Viewed", {sku: "A-2"})`)

	setText(tb, "settings", `{"apiKey": "live-key", "version": "6.13", "consentCategories": ["C0004"]}`)
	plannedNow(tb)
	runLive(tb)
	assert.Equal(t, "2 of 2 planned calls received as planned", eval[string](tb, `document.getElementById('live-match').textContent`))
	var skus []any
	for _, e := range events(brazeBodies(t, srv.Requests.Since(0)), eventCustom) {
		skus = append(skus, e.Data.Properties()["sku"])
	}
	assert.Equal(t, []any{"A-1"}, skus, "the refused event stayed off Braze")
	shots(t, tb, "playground-consent", 1400)
	assertNoCSPViolation(t, tb)
}
