package main

// Consent (issue 17 item 2), in Chromium with the real analytics-next and
// the real @segment/analytics-consent-tools: their opt-out blocking reaches
// this destination as it reaches Segment's own; consentCategories keeps
// Braze off entirely until the visitor consents, reading the choice each
// event carries (context.consent.categoryPreferences), from the consent
// tools or from any consent manager that stamps it.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consentTools is @segment/analytics-consent-tools (web/package.json) as
// a classic script that defines window.ConsentTools, bundled by esbuild
// once for the whole test package.
var consentTools struct {
	once sync.Once
	js   []byte
	err  error
}

// consentToolsPath is where the harness serves it.
const consentToolsPath = "/e2e-lib/consent-tools.js"

// serveConsentTools adds the consent tools' script to h's site.
func serveConsentTools(t *testing.T, h *harness) {
	t.Helper()
	consentTools.once.Do(func() {
		cmd := exec.Command(filepath.Join(testNodeModulesDir, ".bin", "esbuild"), "--bundle", "--format=iife", "--global-name=ConsentTools", "--log-level=warning")
		cmd.Stdin = strings.NewReader(`export {createWrapper} from '@segment/analytics-consent-tools';`)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if consentTools.js, consentTools.err = cmd.Output(); consentTools.err != nil {
			consentTools.err = fmt.Errorf("bundling @segment/analytics-consent-tools: %w: %s", consentTools.err, &stderr)
		}
	})
	require.NoError(t, consentTools.err, "run make deps-npm")
	h.mux.HandleFunc("GET "+consentToolsPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(consentTools.js)
	})
}

// consentSite is a page of h: the Segment snippet without its load call,
// the consent tools and the shim's tag (in that order, as a site adds
// them), then script, which loads Analytics.js. The visitor's choice is
// window.e2eConsent, C0001 granted and C0004, Braze's category, refused.
func consentSite(t *testing.T, h *harness, settings map[string]any, script string) string {
	t.Helper()
	serveConsentTools(t, h)
	b, err := json.Marshal(settings)
	require.NoError(t, err)
	return h.addPage(page{
		Title:  t.Name(),
		Before: segmentSnippet + "}}();\nwindow.e2eConsent = {C0001: true, C0004: false};",
		Tag: template.HTML(`<script src="` + consentToolsPath + `"></script>
<script src="/braze-wasm/braze-wasm.js" data-settings="` + html.EscapeString(string(b)) + `"></script>`),
		Script: script + `
analytics.load(` + jsString(testWriteKey) + `, {integrations: {'Segment.io': {apiHost: location.host + '/v1', protocol: 'http'}}});`,
	})
}

// consentWrapper wraps window.analytics with the consent tools' createWrapper:
// model is their consent model, mappings their integrationCategoryMappings
// (JS, "undefined" for none). window.e2eSetConsent(c4) is the visitor
// choosing C0004 in the consent manager, which tells the tools.
func consentWrapper(model, mappings string) string {
	return `
let changed;
ConsentTools.createWrapper({
  getCategories: () => ({...e2eConsent}),
  registerOnConsentChanged: cb => { changed = cb; },
  shouldLoadSegment: ctx => ctx.load({consentModel: '` + model + `'}),
  integrationCategoryMappings: ` + mappings + `,
})(analytics);
window.e2eSetConsent = c4 => { e2eConsent.C0004 = c4; changed({...e2eConsent}); };`
}

// consentEvent is what the consent tools send when the visitor changes
// their choice.
const consentEvent = "Segment Consent Preference Updated"

// customEventNames returns the names of the custom events in bodies, in order.
func customEventNames(bodies []BrazeBody) []string {
	var out []string
	for _, e := range events(bodies, eventCustom) {
		out = append(out, e.Data.N)
	}
	return out
}

// flushAndWait asks the Braze SDK to send what it holds and waits until
// it has: after it, whatever the page logged before is at the backend.
const flushAndWait = `new Promise(r => BrazeWasm.sdk().requestImmediateDataFlush(r)).then(() => true)`

// The consent tools' opt-out model blocks each event for each destination
// with a destination middleware ('*'), from their integrationCategoryMappings
// or from the categories the CDN settings give a destination: ours too,
// with no code of the site's.
func TestConsent_ToolsOptOut(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	for _, tc := range []struct {
		name     string
		mappings string // integrationCategoryMappings
		cdn      bool   // the categories in the CDN settings instead
	}{
		{name: "integrationCategoryMappings", mappings: `{'Braze (WASM)': ['C0004'], 'Other': ['C0001']}`},
		{name: "CDN settings", mappings: "undefined", cdn: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			if tc.cdn {
				h.srv.CDN.Set(map[string]map[string]any{"Braze (WASM)": {"consentSettings": map[string]any{"categories": []any{"C0004"}}}})
				h.srv.CDN.SetConsent(map[string]any{"allCategories": []any{"C0001", "C0004"}, "hasUnmappedDestinations": false})
			}
			tb := newTab(t)
			tb.navigate(consentSite(t, h, h.sdkSettings(nil), consentWrapper("opt-out", tc.mappings)))
			tb.poll(`window.analytics.initialized === true && BrazeWasm.status().state === 'ready'`, busyWait)

			eval[bool](tb, `analytics.track('Before').then(() => true)`)
			tb.poll(`BrazeWasm.status().counts.dropped === 1`, busyWait)
			eval[bool](tb, `e2eSetConsent(true), true`)
			eval[bool](tb, `analytics.track('After').then(() => true)`)
			bodies := h.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
				return slices.Contains(customEventNames(bodies), "After")
			})
			assert.Equal(t, []string{consentEvent, "After"}, customEventNames(bodies), "only what the visitor consented to")
			assert.Equal(t, []string{"track Before dropped by destination middleware"}, shimMessages(tb, "debug"))

			// Segment's own destination is not theirs to block here: it got all three.
			ctx, cancel := context.WithTimeout(context.Background(), busyWait)
			defer cancel()
			reqs, err := h.srv.Requests.Wait(ctx, func(reqs []Request) bool { return len(segmentTracks(t, reqs)) == 3 })
			require.NoError(t, err, "Segment's tracking API: %v", h.segmentCalls())
			var sent []string
			for _, tr := range segmentTracks(t, reqs) {
				sent = append(sent, tr.Event)
			}
			assert.Equal(t, []string{"Before", consentEvent, "After"}, sent)
		})
	}
}

// consentStamps are the ways a page stamps the visitor's choice on each
// event: the consent tools (their default opt-in model, which filters the
// destinations of the CDN settings only), or a consent manager's own
// source middleware. Each sets window.e2eSetConsent(c4); the tools send
// an event when the choice changes, the other one none.
var consentStamps = []struct{ name, script string }{
	{"consent tools", consentWrapper("opt-in", `{'Braze (WASM)': ['C0004']}`)},
	{"own source middleware", `
analytics.addSourceMiddleware(({payload, next}) => {
  payload.obj.context.consent = {categoryPreferences: {...e2eConsent}};
  next(payload);
});
window.e2eSetConsent = c4 => { e2eConsent.C0004 = c4; };`},
}

// brazeOnDevice lists what the page holds of Braze or of ours: the SDK's
// script and download, its global, its cookies, localStorage entries and
// IndexedDB databases, and the attribute memory of sendOnlyChangedTraits.
const brazeOnDevice = `(async () => {
  const out = [];
  if (document.querySelector('script[src*="braze"]:not([src*="braze-wasm"])')) out.push('SDK script');
  if (performance.getEntriesByType('resource').some(e => /vendor\/braze/.test(e.name))) out.push('SDK download');
  if (window.braze || window.appboy) out.push('SDK global');
  for (const c of document.cookie.split('; ')) if (/^ab[._]/.test(c)) out.push('cookie ' + c.split('=')[0]);
  for (const k of Object.keys(localStorage)) if (/^(ab[._]|bw:|braze-wasm:)/.test(k)) out.push('localStorage ' + k);
  for (const d of await indexedDB.databases()) out.push('IndexedDB ' + d.name);
  return out;
})()`

// consentCategories: nothing of Braze before the visitor consents, Braze
// from the first event that carries consent, without a reload, and
// nothing sent from the first event that no longer does.
func TestConsent_Categories(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	for _, stamp := range consentStamps {
		t.Run(stamp.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			tb := newTab(t)
			settings := h.sdkSettings(map[string]any{"consentCategories": []any{"C0004"}, "sendOnlyChangedTraits": true})
			tb.navigate(consentSite(t, h, settings, stamp.script))
			tb.poll(`window.analytics.initialized === true && BrazeWasm.status().state === 'deferred'`, busyWait)

			// Before consent: Go judges each event, nothing of Braze runs.
			eval[bool](tb, `Promise.all([analytics.identify('user-1', {plan: 'before'}), analytics.track('Before')]).then(() => true)`)
			tb.poll(`BrazeWasm.status().counts.dropped === 2`, busyWait)
			st := eval[shimStatus](tb, `BrazeWasm.status()`)
			assert.Equal(t, "deferred", st.State)
			assert.Equal(t, 2, st.Counts["received"], "status: %+v", st)
			assert.Empty(t, eval[[]string](tb, brazeOnDevice), "before consent")
			assert.Empty(t, brazeBodies(t, h.srv.Requests.Since(0)), "no request to Braze")
			assert.Equal(t, []string{"context.consent.categoryPreferences.C0004: no consent (consentCategories): not sent to Braze (no_consent)"},
				shimMessages(tb, "info"), "said once")

			// Consent given in the page: Braze starts, and what follows is sent.
			eval[bool](tb, `e2eSetConsent(true), Promise.all([analytics.identify('user-1', {plan: 'after'}), analytics.track('After')]).then(() => true)`)
			bodies := h.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
				return slices.Contains(customEventNames(bodies), "After") && userAttributes(bodies, "user-1").Custom()["plan"] == "after"
			})
			assert.Equal(t, "ready", eval[shimStatus](tb, `BrazeWasm.status()`).State)
			assert.NotContains(t, customEventNames(bodies), "Before", "an event from before consent")
			for _, b := range bodies {
				for _, a := range b.Attributes {
					assert.NotEqual(t, "before", a.Custom()["plan"], "an identify from before consent")
				}
			}
			stored := eval[[]string](tb, brazeOnDevice)
			t.Logf("on the device after consent: %q", stored)
			assert.Contains(t, stored, "SDK download")
			assert.True(t, slices.ContainsFunc(stored, func(s string) bool { return strings.HasPrefix(s, "localStorage ab.storage.") }), "Braze's storage, now")

			// Consent withdrawn: not one event more.
			received := eval[shimStatus](tb, `BrazeWasm.status()`).Counts["received"]
			eval[bool](tb, `e2eSetConsent(false), analytics.track('Withdrawn').then(() => true)`)
			tb.poll(fmt.Sprintf(`BrazeWasm.status().counts.received > %d && BrazeWasm.status().counts.dropped === BrazeWasm.status().counts.received - %d`,
				received, received-2), busyWait)
			eval[bool](tb, flushAndWait)
			bodies = brazeBodies(t, h.srv.Requests.Since(0))
			assert.NotContains(t, customEventNames(bodies), "Withdrawn")

			// The README's way to erase what Braze and we keep on the device:
			// then only the SDK itself is left, and Braze's opt-out cookie.
			eval[bool](tb, readmeBlock(t, "### Consent", "js")+"; true")
			left := eval[[]string](tb, `(async () => {
				for (let last = '';;) { // logout waits for push to unregister, IndexedDB for the database to close
					const left = await `+brazeOnDevice+`;
					if (!left.some(s => /^(IndexedDB|localStorage|cookie ab.storage)/.test(s))) return left;
					if (String(left) != last) console.log('left on the device: ' + (last = String(left)));
					await new Promise(r => setTimeout(r, 20));
				}
			})()`)
			assert.Equal(t, []string{"SDK script", "SDK download", "SDK global", "cookie ab.optOut"}, left)
		})
	}
}
