package main

// The README's snippets (the Segment docs' ones, guarded against a blocked
// SDK) in only-known-users mode (issue 10 §4): analytics.ready fires while
// Braze waits for a userId; window.appboy holds the calls and runs them
// right after initialize, subscribers before openSession, so that the docs'
// subscriber gets the session-start in-app message the backend serves.

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// sessionStartTrigger returns a trigger, as Braze's backend sends it, that
// shows a slide-up on session start; extras["msg-id"] is id.
func sessionStartTrigger(id, message string) json.RawMessage {
	b, _ := json.Marshal(map[string]any{ // strings and maps only: cannot fail
		"id":                id,
		"trigger_condition": []any{map[string]any{"type": "open"}},
		"type":              "inapp",
		"priority":          1,
		"data": map[string]any{
			"type":       "SLIDEUP",
			"message":    message,
			"trigger_id": id,
			"extras":     map[string]any{"msg-id": id},
		},
	})
	return b
}

// readmeSnippets are the README's snippets, each inside run(), which
// records a throw; the subscriber also records what it receives.
const readmeSnippets = `
window.e2eErrors = [];
window.e2eRun = 0;
window.e2eGot = [];
window.e2eOwn = [];
function run(name, fn) {
  return function () {
    try { fn(); } catch (e) { e2eErrors.push(name + ': ' + e); }
    finally { e2eRun++; }
  };
}
BrazeWasm.onInAppMessage(function (m) { e2eOwn.push(m.extras && m.extras['msg-id']); });

analytics.ready(run('subscriber', function () {
  if (!window.appboy) return; // the Braze SDK is blocked (ad blocker, network, CSP)
  window.appboy.subscribeToNewInAppMessages(function (inAppMessages) {
    e2eGot.push.apply(e2eGot, inAppMessages.map(function (m) { return m.extras && m.extras['msg-id']; }));
    window.appboy.display.showInAppMessage(inAppMessages[0]);
    return inAppMessages.slice(1);
  });
}));

analytics.ready(run('push', function () {
  if (!window.appboy) return;
  window.appboy.registerAppboyPushMessages();
}));

analytics.ready(run('prime-for-push', function () {
  if (!window.appboy) return;
  window.appboy.logCustomEvent('prime-for-push');
}));
`

const readmeSnippetCount = 3

// readmeBrazeSnippet is the README's way on window.braze (SDK 4+), with a
// record of when whenReady resolved.
const readmeBrazeSnippet = `
if (window.BrazeWasm) { // the shim itself can be blocked too
  // subscribers: attached before the session opens, in every mode
  BrazeWasm.onInAppMessage(function (message) { window.braze.showInAppMessage(message); });
  // anything else: once Braze is initialised (here: waiting up to a day)
  BrazeWasm.whenReady(86400000).then(function (status) {
    window.e2eWhenReady = status.state;
    if (status.state === 'ready') window.braze.requestPushPermission();
  });
}
`

func TestE2E_SnippetsOnlyKnownUsers(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	for _, tc := range []struct{ name, sdkPath, version, sdkVersion, extra string }{
		{"braze 6.13", vendorBrazePath, "6.13", brazeSDKVersion, readmeBrazeSnippet},
		{"appboy 3.5", vendorAppboyPath + "appboy.no-amd.min.js", "3.5", appboySDKVersion, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			h.srv.Triggers.Set(sessionStartTrigger("session-start", "Welcome back"))
			tb := newTab(t)
			tb.navigate(h.addPage(page{
				Title:    "snippets, only known users, " + tc.name,
				WriteKey: testWriteKey,
				Settings: map[string]any{
					"apiKey": testAPIKey, "baseUrl": h.baseURL(), "sdkUrl": h.site + tc.sdkPath,
					"version": tc.version, "onlyTrackKnownUsersOnWeb": true,
					"automaticallyDisplayMessages": false, "doNotLoadFontAwesome": true,
					// The state is read when the snippets ran: Braze's, not the timeout's.
					"readyTimeoutMs": longReadyTimeoutMs,
				},
				Script: readmeSnippets + tc.extra,
			}))
			tb.poll(`window.e2eRun === `+strconv.Itoa(readmeSnippetCount), busyWait)
			st := eval[shimStatus](tb, `BrazeWasm.status()`)
			assert.Equal(t, "deferred", st.State, "the snippets ran while Braze waits for a user: %+v", st)
			assert.False(t, eval[bool](tb, `'e2eWhenReady' in window`), "whenReady waits while deferred")
			assert.Empty(t, brazeBodies(t, h.srv.Requests.Since(0)), "nothing reaches Braze before the identify")

			eval[bool](tb, `analytics.identify('known-1').then(() => true)`)
			bodies := h.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
				_, ok := customEvent(bodies, "prime-for-push")
				return ok
			})
			tb.poll(`e2eGot.length > 0 && e2eOwn.length > 0`, busyWait)

			assert.Empty(t, eval[[]string](tb, `e2eErrors`), "a snippet threw")
			assert.Equal(t, []string{"session-start"}, eval[[]string](tb, `e2eGot`),
				"the docs' subscriber got the session-start message")
			assert.Equal(t, []string{"session-start"}, eval[[]string](tb, `e2eOwn`), "and so did BrazeWasm.onInAppMessage")
			assert.True(t, eval[bool](tb, `!!document.querySelector('.ab-in-app-message')`),
				"the subscriber displayed the message with showInAppMessage")
			if tc.extra != "" {
				tb.poll(`window.e2eWhenReady === 'ready'`, busyWait)
			}
			ev, _ := customEvent(bodies, "prime-for-push")
			assert.Equal(t, "known-1", ev.UserID, "held calls run after changeUser: no anonymous profile")
			for _, b := range bodies {
				assert.Equal(t, tc.sdkVersion, b.SDKVersion)
			}
			tb.syncConsole()
			assert.False(t, slices.ContainsFunc(tb.messages(), func(m chromedp.ConsoleMessage) bool {
				return strings.Contains(m.Text, "must be initialized")
			}), "no call reached the SDK before initialize:%s", tb.consoleText())
		})
	}
}

// TestE2E_SnippetsBlockedSDK runs the README's snippets with the SDK
// blocked: they do nothing, and throw nothing.
func TestE2E_SnippetsBlockedSDK(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	h := newHarness(t)
	const missing = "/vendor/blocked/braze.no-module.min.js"
	h.allow404(missing)
	tb := newTab(t)
	tb.navigate(h.addPage(page{
		Title:    "snippets, SDK blocked",
		WriteKey: testWriteKey,
		Settings: map[string]any{"apiKey": testAPIKey, "baseUrl": h.baseURL(), "sdkUrl": h.site + missing, "version": "6.13",
			"readyTimeoutMs": longReadyTimeoutMs},
		Script: readmeSnippets,
	}))
	tb.poll(`window.e2eRun === `+strconv.Itoa(readmeSnippetCount), busyWait)
	assert.Equal(t, "blocked", eval[shimStatus](tb, `BrazeWasm.status()`).State)
	assert.Empty(t, eval[[]string](tb, `e2eErrors`), "a snippet threw")
}
