package main

// The harness smoke tests drive the real Braze SDK directly from a page that
// also loads the real Analytics.js through the snippet, with no shim and no
// wasm. They prove the harness (browser, servers, offline Analytics.js, SDK
// pointed at the backend on another origin, decoding) independently of the
// product.

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// smokeScript loads the SDK from sdkURL and makes the calls a destination
// makes. global is the SDK's global ("braze", or "appboy" before 4.0) and
// genders the path of the Genders enum on it.
func smokeScript(sdkURL, global, genders, initOptions string) string {
	return `(async () => {
  await new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = ` + jsString(sdkURL) + `;
    s.onload = resolve;
    s.onerror = () => reject(new Error('could not load ' + s.src));
    document.head.appendChild(s);
  });
  const sdk = window.` + global + `;
  const ok = sdk.initialize(` + jsString(testAPIKey) + `, Object.assign({baseUrl: e2eConfig.backend + '/api/v3'}, ` + initOptions + `));
  if (!ok) throw new Error('initialize returned ' + ok);
  sdk.openSession();
  sdk.changeUser('user-123');
  const u = sdk.getUser();
  u.setFirstName('Ada');
  u.setLastName('Lovelace');
  u.setEmail('ada@example.com');
  u.setGender(sdk.` + genders + `.FEMALE);
  u.setDateOfBirth(1990, 12, 10);
  u.setCustomUserAttribute('plan', 'pro');
  u.setCustomUserAttribute('seats', 3);
  sdk.logCustomEvent('Smoke Event', {order_id: 'o-1', total: 42.5});
  sdk.logPurchase('sku-1', 19.99, 'USD', 2, {color: 'red'});
  await analytics.track('Smoke Event', {order_id: 'o-1'});
  sdk.requestImmediateDataFlush();
  return true;
})()`
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return `'` + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "<", `\x3c`).Replace(s) + `'`
}

func TestSmoke_DirectSDK(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, sdkPath, global, genders, initOptions, wantVersion string
	}{
		{"braze 6.13 bundle", vendorBrazePath, "braze", "User.Genders", "{}", brazeSDKVersion},
		// The full appboy build fetches Font Awesome from a CDN unless told not to.
		{"appboy 3.5.1", vendorAppboyPath + "appboy.no-amd.min.js", "appboy", "User.Genders", "{doNotLoadFontAwesome: true}", appboySDKVersion},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			h := newHarness(t)
			tb := newTab(t)
			tb.navigate(h.addPage(page{
				Title:    "smoke " + tc.name,
				WriteKey: testWriteKey,
				Script:   `analytics.ready(function () { window.e2eReady = true; });`,
			}))
			tb.poll(`window.e2eReady === true`, busyWait)
			require.True(t, eval[bool](tb, smokeScript(h.site+tc.sdkPath, tc.global, tc.genders, tc.initOptions)))

			bodies := h.waitFor(tb, busyWait, "window."+tc.global+".requestImmediateDataFlush()", func(bodies []BrazeBody) bool {
				_, ce := customEvent(bodies, "Smoke Event")
				return ce && len(events(bodies, eventPurchase)) == 1 && userAttributes(bodies, "user-123")["email"] != nil
			})

			for _, b := range bodies {
				assert.Equal(t, testAPIKey, b.APIKey)
				assert.Equal(t, tc.wantVersion, b.SDKVersion)
				assert.NotEmpty(t, b.DeviceID)
			}
			assert.NotEmpty(t, events(bodies, eventSessionStart), "openSession sends ss")

			ce, _ := customEvent(bodies, "Smoke Event")
			assert.Equal(t, "user-123", ce.UserID)
			assert.Equal(t, map[string]any{"order_id": "o-1", "total": 42.5}, ce.Data.Properties())

			p := events(bodies, eventPurchase)[0]
			assert.Equal(t, "sku-1", p.Data.PID)
			assert.Equal(t, "USD", p.Data.C)
			assert.Equal(t, "19.99", p.Data.Price(), "the SDK sends the price as a string with 2 decimals")
			assert.Equal(t, 2, p.Data.Q)
			assert.Equal(t, map[string]any{"color": "red"}, p.Data.PR)

			// appboy 3.5 also writes push_token and custom_push_* (null) once it
			// has checked push support, so the standard fields are compared
			// one by one.
			attrs := userAttributes(bodies, "user-123")
			assertFields(t, map[string]any{
				"first_name": "Ada",
				"last_name":  "Lovelace",
				"email":      "ada@example.com",
				"gender":     "f",
				"dob":        "1990-12-10",
			}, attrs)
			assert.Equal(t, map[string]any{"plan": "pro", "seats": float64(3)}, attrs.Custom())

			// The SDK posted across origins, so the CORS path was taken.
			for _, r := range h.srv.Requests.Since(0) {
				if r.Kind == kindBraze {
					assert.Equal(t, h.site, r.Headers["Origin"], "request %d", r.Seq)
					assert.Equal(t, testAPIKey, r.Headers["X-Braze-Api-Key"], "request %d", r.Seq)
				}
			}
			// Analytics.js ran offline and sent the track to this server.
			calls := h.waitSegmentCalls("/v1/t")
			assert.True(t, slices.Contains(calls, "/v1/t"), "Segment API calls: %v", calls)
			t.Logf("%s: %d Braze requests in %v", tc.name, len(bodies), time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestSmoke_HarnessGuards checks that the tab catches what must fail a test:
// an uncaught exception, an unhandled rejection and a request to another host
// than 127.0.0.1, and that it records the console.
func TestSmoke_HarnessGuards(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	tb := newTab(t)
	tb.navigate(h.addPage(page{Title: "guards", Script: `
console.log('hello %s', 'console');
setTimeout(() => { throw new Error('boom'); }, 0);
Promise.reject(new Error('rejected'));
fetch('http://192.0.2.1/x').catch(() => {}); // TEST-NET-1: never answers
`}))
	require.Eventually(t, func() bool { return len(tb.problems()) >= 3 }, busyWait, 20*time.Millisecond)
	problems := strings.Join(tb.problems(), "\n")
	assert.Contains(t, problems, "Uncaught Error: boom")
	assert.Contains(t, problems, "Uncaught (in promise) Error: rejected")
	assert.Contains(t, problems, "leaves the machine: http://192.0.2.1/x")
	hello := func(ms []chromedp.ConsoleMessage) bool {
		return slices.ContainsFunc(ms, func(m chromedp.ConsoleMessage) bool {
			return m.Type == chromedp.ConsoleLog && m.Text == "hello console"
		})
	}
	tb.waitConsole(hello)
	assert.True(t, hello(tb.messages()), "console: %s", tb.consoleText())

	// This test wanted them: stop them from failing it.
	tb.mu.Lock()
	tb.allowExceptions, tb.external = true, nil
	tb.mu.Unlock()
}

// TestSmoke_FaultRetry checks the fault injector against the real SDK: the
// first data request is answered 500, the SDK keeps its queue, and the
// harness's flush loop gets it through.
func TestSmoke_FaultRetry(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.srv.Faults.Add(Fault{Path: "/api/v3/data/", Status: 500, Count: 1})
	tb := newTab(t)
	tb.navigate(h.addPage(page{Title: "fault retry", WriteKey: testWriteKey, Script: readyScript}))
	tb.poll(`window.e2eReady === true`, busyWait)
	require.True(t, eval[bool](tb, smokeScript(h.site+vendorBrazePath, "braze", "User.Genders", "{}")))
	bodies := h.waitFor(tb, busyWait, "braze.requestImmediateDataFlush()", func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Smoke Event")
		return ok && len(events(bodies, eventSessionStart)) >= 2
	})
	// The first data request, whatever Analytics.js sent around it.
	reqs := h.srv.Requests.Since(0)
	first := slices.IndexFunc(reqs, func(r Request) bool { return strings.HasPrefix(r.Path, "/api/v3/data/") })
	require.GreaterOrEqual(t, first, 0, "a data request: %s", dumpRequests(reqs))
	require.Equal(t, 500, reqs[first].Status, "the first data request got the fault")
	failed := brazeBodies(t, []Request{{Kind: kindBraze, Method: "POST", Status: 200, Body: reqs[first].Body}})
	require.Len(t, failed, 1)
	// The events of the failed request were kept and sent again.
	for _, lost := range failed[0].Events {
		assert.True(t, slices.ContainsFunc(bodies, func(b BrazeBody) bool {
			return slices.ContainsFunc(b.Events, func(e BrazeEvent) bool {
				return e.Name == lost.Name && e.Time == lost.Time && e.SessionID == lost.SessionID
			})
		}), "event %s of the failed request was sent again", lost.Name)
	}
}
