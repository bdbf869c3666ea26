package main

// Moving over from Segment's own Braze destination (issue 10 §3): the page
// finds Segment's Braze running beside ours and says so once; the
// integrations switches written for Segment's Braze do what the README says.

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Where Analytics.js loads Segment's classic Braze integration and the
// Actions plugin from (this server's CDN emulation has neither: a 404, as
// if an ad blocker took them; the check reads the CDN settings).
const (
	classicBrazePath = "/next-integrations/integrations/braze/latest/braze.dynamic.js.gz"
	actionsBrazePath = "/next-integrations/actions/braze/missing.js"
)

// migrationStatus is BrazeWasm.status() with the conflicts.
type migrationStatus struct {
	shimStatus
	Conflicts []string `json:"conflicts"`
}

// ourConsole returns the shim's console messages of the given type: all
// that the page printed before the call (syncConsole).
func ourConsole(tb *tab, typ string) []string {
	tb.t.Helper()
	tb.syncConsole()
	var out []string
	for _, m := range tb.messages() {
		if string(m.Type) == typ && strings.HasPrefix(m.Text, "[braze-wasm] ") {
			out = append(out, m.Text)
		}
	}
	return out
}

func migrationSettings(h *harness) map[string]any {
	return map[string]any{
		"apiKey": testAPIKey, "baseUrl": h.baseURL(), "sdkUrl": h.site + vendorBrazePath,
		"version": "6.13", "doNotLoadFontAwesome": true,
		// The status is read at analytics.ready: Braze's, not the timeout's.
		"readyTimeoutMs": longReadyTimeoutMs,
	}
}

func TestE2E_MigrationConflict(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	h := newHarness(t)
	h.allow404(classicBrazePath)
	h.allow404(actionsBrazePath)
	h.srv.CDN.Set(map[string]map[string]any{
		"Braze": {"apiKey": "segment-braze-key", "type": "browser", "bundlingStatus": "bundled",
			"versionSettings": map[string]any{"componentTypes": []string{"browser", "server"}}},
	}, map[string]any{
		"name": "Braze Web Mode (Actions)", "creationName": "Braze Web Mode (Actions)", "libraryName": "brazeDestination",
		"url": h.site + actionsBrazePath, "settings": map[string]any{"api_key": "segment-braze-key"},
	})
	tb := newTab(t)
	tb.navigate(h.addPage(page{Title: "Segment's Braze too", WriteKey: testWriteKey, Settings: migrationSettings(h)}))
	// Not analytics.ready: Analytics.js waits on the classic integration,
	// which fails to load here.
	tb.poll(`BrazeWasm.status().state !== 'loading'`, busyWait)

	st := eval[migrationStatus](tb, `BrazeWasm.status()`)
	assert.Equal(t, "ready", st.State, "ours keeps working: %+v", st)
	assert.Equal(t, []string{"Braze", "Braze Web Mode (Actions)"}, st.Conflicts)
	var twice []string
	for _, e := range ourConsole(tb, "error") {
		if strings.Contains(e, "twice") {
			twice = append(twice, e)
		}
	}
	if assert.Len(t, twice, 1, "one console error:%s", tb.consoleText()) {
		assert.Contains(t, twice[0], "{'Braze': false, 'Braze Web Mode (Actions)': false}", "it says how to turn them off")
	}
}

func TestE2E_MigrationSwitchedOff(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	h := newHarness(t)
	// The classic destination is in the CDN settings, and switched off with
	// the obvious load option: no conflict, and ours stays on.
	h.srv.CDN.Set(map[string]map[string]any{"Braze": {"type": "browser"}})
	tb := newTab(t)
	tb.navigate(h.addPage(page{
		Title: "integrations: {Braze: false}", WriteKey: testWriteKey, Settings: migrationSettings(h),
		Integrations: map[string]any{"Braze": false}, Script: readyScript,
	}))
	tb.poll(`window.e2eReady === true`, busyWait)
	eval[bool](tb, `(async () => {
  await analytics.identify('mover-1', {plan: 'pro'});
  await analytics.track('Kept', {}, {integrations: {Braze: false}}); // cannot be told from the load option
  await analytics.track('Ours off', {}, {integrations: {'Braze (WASM)': false}});
  await analytics.track('Sent');
  return true;
})()`)
	bodies := h.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Sent")
		return ok
	})
	_, kept := customEvent(bodies, "Kept")
	assert.True(t, kept, "Braze: false at load stops Segment's Braze only")
	_, off := customEvent(bodies, "Ours off")
	assert.False(t, off, "'Braze (WASM)': false on an event keeps it from ours")
	assert.Equal(t, "pro", userAttributes(bodies, "mover-1").Custom()["plan"], "the identify reached Braze")

	st := eval[migrationStatus](tb, `BrazeWasm.status()`)
	assert.Equal(t, "ready", st.State)
	assert.Empty(t, st.Conflicts, "Segment's Braze is off: no conflict")
	assert.True(t, slices.ContainsFunc(ourConsole(tb, "info"), func(m string) bool {
		return strings.Contains(m, "integrations.Braze: Braze is false in analytics.load") && strings.Contains(m, "not this one")
	}), "the load option is explained in the console:%s", tb.consoleText())
}

func TestE2E_MigrationPerEventExclusion(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	h := newHarness(t)
	tb := newTab(t)
	tb.navigate(h.addPage(page{Title: "per-event exclusions", WriteKey: testWriteKey, Settings: migrationSettings(h), Script: readyScript}))
	tb.poll(`window.e2eReady === true`, busyWait)
	st := eval[migrationStatus](tb, `(async () => {
  await analytics.identify('mover-2');
  await analytics.track('Excluded', {}, {integrations: {Braze: false}});
  await analytics.track('Excluded too', {}, {integrations: {'Braze Web Mode (Actions)': false}});
  await analytics.track('Opted in', {}, {integrations: {Braze: false, 'Braze (WASM)': true}});
  await analytics.track('Sent');
  return BrazeWasm.status();
})()`)
	bodies := h.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Sent")
		_, in := customEvent(bodies, "Opted in")
		return ok && in
	})
	for _, name := range []string{"Excluded", "Excluded too"} {
		_, sent := customEvent(bodies, name)
		assert.False(t, sent, "%s: an exclusion written for Segment's Braze keeps working", name)
	}
	assert.Equal(t, 2, st.Counts["dropped"], "status: %+v", st)
	assert.True(t, slices.ContainsFunc(ourConsole(tb, "info"), func(m string) bool {
		return strings.Contains(m, "integrations.Braze: false on this event")
	}), "each exclusion is said:%s", tb.consoleText())
}

func TestE2E_MigrationOursOff(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	h := newHarness(t)
	tb := newTab(t)
	tb.navigate(h.addPage(page{
		Title: "integrations: {'Braze (WASM)': false}", WriteKey: testWriteKey, Settings: migrationSettings(h),
		Integrations: map[string]any{"Braze (WASM)": false}, Script: readyScript,
	}))
	tb.poll(`window.e2eReady === true`, busyWait)
	st := eval[migrationStatus](tb, `analytics.track('Nope').then(() => BrazeWasm.status())`)
	require.Equal(t, "failed", st.State, "%+v", st)
	assert.Contains(t, st.LastError, "is false in analytics.load: this destination is off")
	notStarted := func(ms []chromedp.ConsoleMessage) bool {
		return slices.ContainsFunc(ms, func(m chromedp.ConsoleMessage) bool {
			return m.Type == "error" && strings.Contains(m.Text, "Braze is not started")
		})
	}
	tb.waitConsole(notStarted)
	assert.True(t, notStarted(tb.messages()), "one console error says so:%s", tb.consoleText())
	assert.Empty(t, brazeBodies(t, h.srv.Requests.Since(0)), "no session is opened")
}
