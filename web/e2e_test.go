package main

// The product end-to-end tests: the real Analytics.js through the Segment
// snippet, the shim by its script tag with data-settings (contract §1), the
// wasm module of `make build`, and the real Braze SDK sending to the local
// backend. They assert on what reaches Braze.

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shimStatus is BrazeWasm.status() (contract §1).
type shimStatus struct {
	State      string         `json:"state"`
	SDKVersion string         `json:"sdkVersion"`
	APIFamily  string         `json:"apiFamily"`
	Counts     map[string]int `json:"counts"`
	LastError  string         `json:"lastError"`
}

// readyScript marks the page ready when Analytics.js says so.
const readyScript = `analytics.ready(function () { window.e2eReady = true; });`

// flushScript flushes the Braze SDK that the shim loaded.
const flushScript = `BrazeWasm.sdk() && BrazeWasm.sdk().requestImmediateDataFlush()`

// productScenario is what the product tests send through Analytics.js. price
// and time of a track are reserved (reference-behavior.md §7, D1) and must not
// reach Braze.
const productScenario = `(async () => {
  await analytics.identify('user-1', {
    firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', gender: 'female',
    birthday: '1990-12-10', plan: 'pro', seats: 3, address: {city: 'Paris', country: 'FR'},
  });
  await analytics.track('Product Viewed', {sku: 'A', price: 5, time: 'x'});
  await analytics.track('Order Completed', {currency: 'EUR', products: [
    {product_id: 'p1', price: 10, quantity: 2},
    {product_id: 'p2', price: 3.5},
  ]});
  await analytics.page('Docs', 'Install');
  await analytics.group('g-9');
  BrazeWasm.sdk().requestImmediateDataFlush();
  return BrazeWasm.status();
})()`

// Reserved keys that must not reach Braze (reference-behavior.md §7, D1 and
// D2).
var (
	reservedTrackKeys    = []string{"time", "quantity", "event_name", "price", "currency"}
	reservedPurchaseKeys = []string{"time", "product_id", "quantity", "event_name", "price", "products", "currency"}
)

func TestE2E_Product(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	tests := []struct {
		name        string
		sdkPath     string
		settings    map[string]any
		wantVersion string // sdk_version in the bodies
	}{
		// Both SDKs fetch Font Awesome from its CDN for the in-app message UI
		// (braze 6 once automaticallyShowInAppMessages is on) unless told not
		// to; the request guard would catch it.
		{"braze 6.13", vendorBrazePath, map[string]any{"version": "6.13", "doNotLoadFontAwesome": true}, brazeSDKVersion},
		{"appboy 3.5", vendorAppboyPath + "appboy.no-amd.min.js", map[string]any{"version": "3.5", "doNotLoadFontAwesome": true}, appboySDKVersion},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			tb := newTab(t)
			settings := map[string]any{
				"apiKey":        testAPIKey,
				"baseUrl":       h.baseURL(),
				"sdkUrl":        h.site + tc.sdkPath,
				"trackAllPages": true,
				// The status is read at analytics.ready: Braze's, not the timeout's.
				"readyTimeoutMs": longReadyTimeoutMs,
			}
			maps.Copy(settings, tc.settings)
			tb.navigate(h.addPage(page{Title: "product " + tc.name, WriteKey: testWriteKey, Settings: settings, Script: readyScript}))
			tb.poll(`window.e2eReady === true`, busyWait)
			st := eval[shimStatus](tb, `BrazeWasm.status()`)
			require.Equal(t, "ready", st.State, "BrazeWasm.status() after analytics.ready: %+v%s", st, tb.consoleText())

			st = eval[shimStatus](tb, productScenario)
			t.Logf("status after the scenario: %+v", st)

			bodies, err := h.collect(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
				_, viewed := customEvent(bodies, "Product Viewed")
				_, page := customEvent(bodies, "Viewed Docs Install Page")
				attrs := userAttributes(bodies, "user-1")
				return viewed && page && len(events(bodies, eventPurchase)) >= 2 &&
					attrs["email"] != nil && attrs.Custom()["ab_segment_group_g-9"] != nil
			})
			if err != nil {
				t.Error(err) // go on: the assertions below say what is missing
			}
			assertProductBodies(t, bodies, tc.wantVersion)

			// Analytics.js delivered every call to Segment too: the Braze
			// destination did not get in the way of the others.
			wantCalls := []string{"/v1/i", "/v1/t", "/v1/p", "/v1/g"}
			calls := h.waitSegmentCalls(wantCalls...)
			for _, want := range wantCalls {
				assert.Contains(t, calls, want, "Segment API calls")
			}
			st = eval[shimStatus](tb, `BrazeWasm.status()`)
			assert.Equal(t, "ready", st.State)
			assert.Zero(t, st.Counts["dropped"], "status: %+v", st)
		})
	}
}

// assertProductBodies checks what productScenario must send to Braze.
func assertProductBodies(t *testing.T, bodies []BrazeBody, wantVersion string) {
	t.Helper()
	for _, b := range bodies {
		assert.Equal(t, testAPIKey, b.APIKey)
		assert.Equal(t, wantVersion, b.SDKVersion)
	}
	assert.Empty(t, events(bodies, "ie"), "the SDK reported internal errors")

	// identify and group
	attrs := userAttributes(bodies, "user-1")
	assertFields(t, map[string]any{
		"first_name": "Ada",
		"last_name":  "Lovelace",
		"email":      "ada@example.com",
		"gender":     "f",
		"dob":        "1990-12-10",
		"home_city":  "Paris",
		"country":    "FR",
	}, attrs)
	assert.Equal(t, map[string]any{
		"plan":                 "pro",
		"seats":                float64(3),
		"ab_segment_group_g-9": true,
	}, attrs.Custom(), "custom attributes: the other traits are standard fields or nested objects")

	// track
	viewed, ok := customEvent(bodies, "Product Viewed")
	if assert.True(t, ok, "custom event Product Viewed") {
		assert.Equal(t, "user-1", viewed.UserID)
		assert.Equal(t, map[string]any{"sku": "A"}, viewed.Data.Properties(), "price and time are reserved")
	}

	// Order Completed: purchases, and no custom event (reference-behavior.md §3.3)
	_, ok = customEvent(bodies, "Order Completed")
	assert.False(t, ok, "Order Completed is logged as purchases only")
	type purchase struct {
		PID, C, P string
		Q         int
	}
	var got []purchase
	for _, e := range events(bodies, eventPurchase) {
		got = append(got, purchase{e.Data.PID, e.Data.C, e.Data.Price(), e.Data.Q})
		assert.Equal(t, "user-1", e.UserID)
		for _, k := range reservedPurchaseKeys {
			assert.NotContains(t, e.Data.PR, k, "purchase %s properties", e.Data.PID)
		}
	}
	assert.Equal(t, []purchase{{"p1", "EUR", "10.00", 2}, {"p2", "EUR", "3.50", 1}}, got)

	// page, with trackAllPages
	page, ok := customEvent(bodies, "Viewed Docs Install Page")
	if assert.True(t, ok, "custom event Viewed Docs Install Page") {
		props := page.Data.Properties()
		assert.Equal(t, "Install", props["name"])
		assert.Equal(t, "Docs", props["category"])
	}

	for _, e := range events(bodies, eventCustom) {
		for _, k := range reservedTrackKeys {
			assert.NotContains(t, e.Data.Properties(), k, "custom event %q leaks a reserved key", e.Data.N)
		}
	}
}

// seedRecorder wraps window.braze as soon as the SDK script defines it, to
// record the order of the calls that matter here. The esbuild bundle's
// exports are getters that cannot be reassigned, so the SDK is wrapped in an
// object that inherits from it. It runs before the shim.
const seedRecorder = `
window.e2eCalls = [];
window.e2ePhase = 'boot';
(function () {
  var wrapped;
  var recorded = ['initialize', 'automaticallyShowInAppMessages', 'changeUser',
    'subscribeToInAppMessage', 'openSession', 'requestPushPermission', 'logCustomEvent'];
  Object.defineProperty(window, 'braze', {
    configurable: true,
    get: function () { return wrapped; },
    set: function (sdk) {
      var w = Object.create(sdk);
      recorded.forEach(function (m) {
        var orig = sdk[m];
        if (typeof orig !== 'function') return;
        Object.defineProperty(w, m, {configurable: true, writable: true, value: function () {
          e2eCalls.push(m + '@' + e2ePhase);
          return orig.apply(sdk, arguments);
        }});
      });
      wrapped = w;
    },
  });
})();
`

// seedSnippets are the snippets of the seed document (the Segment Braze
// destination page), unchanged inside seed(), which records a throw.
const seedSnippets = `
window.e2eSeedErrors = [];
window.e2eSeedRun = 0;
function seed(name, fn) {
  return function () {
    window.e2ePhase = 'seed';
    try { fn(); } catch (e) { e2eSeedErrors.push(name + ': ' + e); throw e; }
    finally { e2eSeedRun++; }
  };
}

// Registered before Analytics.js loads: attached before openSession.
BrazeWasm.onInAppMessage(function (message) { (window.e2eMessages = window.e2eMessages || []).push(message); });

// In-app messages: your own display subscriber.
analytics.ready(seed('subscriber', function () {
  window.appboy.subscribeToNewInAppMessages(function(inAppMessages) {
     window.appboy.display.showInAppMessage(inAppMessages[0]);
     return inAppMessages.slice(1);
   });
}));

// Push: browser registration. In headless Chromium the permission is
// refused; it must not throw.
analytics.ready(seed('push registration', function () {
  window.appboy.registerAppboyPushMessages();
}));

// Push: is it supported?
analytics.ready(seed('isPushSupported', function () {
  if (window.appboy.isPushSupported()) {
    window.e2ePushSupported = true;
  }
}));

// Soft push prompt (with the docs' appboy.ab.inAppMessage spelling).
analytics.ready(seed('soft push prompt', function () {
  window.appboy.subscribeToNewInAppMessages(function(inAppMessages) {
    var message = inAppMessages[0];
    if (message != null) {
      var shouldDisplay = true;

      if (message instanceof appboy.ab.inAppMessage) {
        // Read the key/value pair for msg-id
        var msgId = message.extras["msg-id"];

        // If this is our push primer message
        if (msgId == "push-primer") {
          // We don't want to display the soft push prompt to users on browsers that don't support push, or if the user
          // has already granted/blocked permission
          if (!appboy.isPushSupported() || appboy.isPushPermissionGranted() || appboy.isPushBlocked())     {
            shouldDisplay = false;
          }
          // Prompt the user when the first button is clicked
          message.buttons[0].subscribeToClickedEvent(function() {
            appboy.registerAppboyPushMessages();
          });
        }
      }

      // Display the message
      if (shouldDisplay) {
        appboy.display.showInAppMessage(message);
      }
     }

    // Remove this message from the array of IAMs and return whatever's left
    return inAppMessages.slice(1);
   });
 }));

// Soft push prompt, step 4: trigger the primer.
analytics.ready(seed('prime-for-push', function () {
  window.appboy.logCustomEvent("prime-for-push");
}));
`

const seedSnippetCount = 5

func TestE2E_SeedSnippets(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	h := newHarness(t)
	tb := newTab(t)
	settings := map[string]any{
		"apiKey":                       testAPIKey,
		"baseUrl":                      h.baseURL(),
		"sdkUrl":                       h.site + vendorBrazePath,
		"version":                      "6.13",
		"automaticallyDisplayMessages": false,
		// The snippets run at analytics.ready and use the SDK: Braze's
		// ready, not the timeout's.
		"readyTimeoutMs": longReadyTimeoutMs,
	}
	tb.navigate(h.addPage(page{
		Title:    "seed snippets",
		WriteKey: testWriteKey,
		Settings: settings,
		Before:   seedRecorder,
		Script:   seedSnippets,
	}))
	tb.poll(`window.e2eSeedRun === `+strconv.Itoa(seedSnippetCount), busyWait)
	assert.Empty(t, eval[[]string](tb, `e2eSeedErrors`), "a seed snippet threw")

	calls := eval[[]string](tb, `e2eCalls`)
	t.Logf("SDK calls: %v", calls)
	firstSub := slices.Index(calls, "subscribeToInAppMessage@boot")
	firstOpen := slices.IndexFunc(calls, func(c string) bool { return strings.HasPrefix(c, "openSession@") })
	if assert.GreaterOrEqual(t, firstOpen, 0, "openSession was called") {
		assert.GreaterOrEqual(t, firstSub, 0, "the onInAppMessage subscriber was attached before analytics.ready")
		assert.Less(t, firstSub, firstOpen, "the onInAppMessage subscriber is attached before openSession")
	}
	assert.NotContains(t, calls, "automaticallyShowInAppMessages@boot", "automaticallyDisplayMessages is false")
	assert.Contains(t, calls, "requestPushPermission@seed", "registerAppboyPushMessages maps to requestPushPermission")

	// appboy.ab.inAppMessage (the docs' spelling) is braze.InAppMessage, so
	// the soft prompt's instanceof test holds for real messages.
	assert.True(t, eval[bool](tb, `appboy.ab.inAppMessage === braze.InAppMessage &&
		appboy.ab.InAppMessage === braze.InAppMessage &&
		new braze.SlideUpMessage('hi') instanceof appboy.ab.inAppMessage`))

	h.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "prime-for-push")
		return ok
	})
}

func TestE2E_ReadyNeverHangs(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	h := newHarness(t)
	tb := newTab(t)
	const missing = "/vendor/missing/braze.no-module.min.js"
	h.allow404(missing)
	sdkURL := h.site + missing
	tb.navigate(h.addPage(page{
		Title:    "sdk blocked",
		WriteKey: testWriteKey,
		Settings: map[string]any{"apiKey": testAPIKey, "baseUrl": h.baseURL(), "sdkUrl": sdkURL, "version": "6.13",
			"readyTimeoutMs": blockedReadyTimeoutMs},
		Script: `analytics.ready(function () { window.e2eAtReady = BrazeWasm.status(); });`,
	}))
	// A blocked script is known at once, and releases analytics.ready: the
	// page waits at most blockedWait, half of readyTimeoutMs, so the
	// timeout cannot be what released it, and the shim was already
	// blocked when analytics.ready ran.
	tb.poll(`window.e2eAtReady != null`, blockedWait)
	st := eval[shimStatus](tb, `e2eAtReady`)
	assert.Equal(t, "blocked", st.State, "blocked when analytics.ready ran: %+v", st)
	assert.Contains(t, st.LastError, sdkURL, "by the SDK's failure: %+v", st)
	named := func(ms []chromedp.ConsoleMessage) bool {
		return slices.ContainsFunc(ms, func(m chromedp.ConsoleMessage) bool {
			return m.Type == "error" && strings.Contains(m.Text, sdkURL)
		})
	}
	tb.waitConsole(named)
	assert.True(t, named(tb.messages()), "one console error names the SDK URL:%s", tb.consoleText())

	// Other destinations are unaffected: Segment still gets the events.
	eval[json.RawMessage](tb, `analytics.track('After Block').then(() => null)`)
	assert.Contains(t, h.waitSegmentCalls("/v1/t"), "/v1/t")
	assert.Empty(t, brazeBodies(t, h.srv.Requests.Since(0)), "no SDK, nothing sent to Braze")
}
