package main

// Issue 16 item 1: the boot plan. make dist writes the page load's SDK
// calls, worked out by Go from the settings, in the script tag; the shim
// makes them as soon as the SDK and Analytics.js are there. These tests
// hold the wasm module back at the server: whatever the page did by then,
// it did without Go.

import (
	"encoding/json"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bootPlanFor is the plan make dist writes for settings (js/scripttag.js):
// the planner build of the module, run under node, configured with the
// settings as the shim's JSON text.
func bootPlanFor(t *testing.T, settings map[string]any) string {
	t.Helper()
	return bootPlanIn(t, testBuildDir, settings)
}

// bootPlanIn is bootPlanFor with the planner build in the build folder dir.
func bootPlanIn(t *testing.T, dir string, settings map[string]any) string {
	t.Helper()
	b, err := json.Marshal(settings)
	require.NoError(t, err)
	out, err := exec.Command("node", "-e", `const {configure, ascii} = require('../js/bootplan.js');
configure(`+jsString(path.Join(dir, "planner"))+`, JSON.stringify(JSON.parse(process.argv[1])))
  .then(r => { process.stdout.write(r.ok ? ascii(r.plan) : JSON.stringify(r.error)); process.exit(0); });`, string(b)).Output()
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(out), `{"settings":`), "a plan: %s", out)
	return string(out)
}

// sdkRecorder wraps the Braze SDK global (window.braze or window.appboy,
// whichever the SDK defines first) to record the calls that make a page
// load, with their arguments (undefined shown), in e2eSDK; e2eByGo says
// for each whether Go had configured by then (status().sdkVersion). Calls
// through the shim's appboy holder reach the wrapped SDK. It runs before
// the shim.
const sdkRecorder = `
window.e2eSDK = [];
window.e2eByGo = [];
(function () {
  var wrapped = false;
  var show = function (args) {
    return JSON.stringify(args, function (k, v) { return v === undefined ? '<undefined>' : typeof v == 'function' ? '<function>' : v; });
  };
  var record = function (obj, sdk, name, as) {
    var orig = sdk[name];
    if (typeof orig != 'function') return;
    Object.defineProperty(obj, name, {configurable: true, writable: true, value: function () {
      e2eSDK.push(as + show([].slice.call(arguments)));
      e2eByGo.push(!!(window.BrazeWasm && BrazeWasm.status().sdkVersion));
      return orig.apply(sdk, arguments);
    }});
  };
  ['braze', 'appboy'].forEach(function (name) {
    var v;
    Object.defineProperty(window, name, {configurable: true, get: function () { return v; }, set: function (sdk) {
      if (wrapped || !sdk || !sdk.initialize) { v = sdk; return; }
      wrapped = true;
      v = Object.create(sdk);
      ['initialize', 'automaticallyShowInAppMessages', 'changeUser', 'openSession', 'subscribeToInAppMessage',
       'subscribeToNewInAppMessages', 'logCustomEvent', 'requestPushPermission'].forEach(function (m) { record(v, sdk, m, m); });
      if (sdk.display) {
        v.display = Object.create(sdk.display);
        record(v.display, sdk.display, 'automaticallyShowNewInAppMessages', 'display.automaticallyShowNewInAppMessages');
      }
    }});
  });
})();
`

// storedUser makes Analytics.js find userID stored, as after an identify
// on an earlier page view.
func storedUser(userID string) string {
	if userID == "" {
		return ""
	}
	return `localStorage.setItem('ajs_user_id', JSON.stringify(` + jsString(userID) + `));`
}

// bootSite is a faultSite whose module is held back until release; the
// settings of its page load the module from there.
func bootSite(t *testing.T) (s *faultSite, release func()) {
	s = newFaultSite(t)
	release = s.gate("GET /held/braze-wasm.wasm", path.Join(testBuildDir, "braze-wasm.wasm"), "application/wasm")
	s.handle("GET /held/wasm_exec.js", serveBytes(t, path.Join(testBuildDir, "wasm_exec.js"), "text/javascript", nil))
	return s, release
}

// bootCases: every SDK family (the appboy.ab family's calls, SDK 2's, on
// the one appboy SDK of the npm install, 3.5.1, which takes them; SDK 1's
// initialize has no doNotLoadFontAwesome, and 3.5.1 would fetch Font
// Awesome from its CDN, which the request guard forbids: core's table
// tests cover its plan), a stored user or none, only-known-users in both
// modes, the page's nonce in initialize.
var bootCases = []struct {
	name     string
	sdk      string
	settings map[string]any
	user     string
	deferred bool // only-known-users without a stored user: no call before an identify
}{
	{"braze 6.13", vendorBrazePath, map[string]any{"version": "6.13"}, "u-7", false},
	{"braze 6.13, no stored user, no auto-show", vendorBrazePath, map[string]any{"version": "6.13", "automaticallyDisplayMessages": false}, "", false},
	{"appboy 3.5", vendorAppboyPath + "appboy.no-amd.min.js", map[string]any{"version": "3.5", "sessionTimeoutInSeconds": 900}, "u-7", false},
	{"appboy.ab 2.7 calls", vendorAppboyPath + "appboy.no-amd.min.js", map[string]any{"version": "2.7"}, "u-7", false},
	{"only known users, buffer", vendorBrazePath, map[string]any{"version": "6.13", "onlyTrackKnownUsersOnWeb": true, "anonymousEvents": "buffer"}, "u-7", false},
	{"only known users, drop", vendorBrazePath, map[string]any{"version": "6.13", "deferUntilIdentified": true, "anonymousEvents": "drop"}, "u-7", false},
	{"only known users, buffer, no stored user", vendorBrazePath, map[string]any{"version": "6.13", "onlyTrackKnownUsersOnWeb": true, "anonymousEvents": "buffer"}, "", true},
	{"only known users, drop, no stored user", vendorBrazePath, map[string]any{"version": "6.13", "onlyTrackKnownUsersOnWeb": true, "anonymousEvents": "drop"}, "", true},
}

// bootScenario is what each page does: an event at once, which waits for
// Go; later (e2eAfter()) an identify and another event.
const bootScenario = readyScript + `
analytics.track('Early', {n: 1});
window.e2eAfter = () => analytics.identify('u-8', {email: 'u8@example.com'}).then(() => analytics.track('After', {n: 2})).then(() => true);
`

// How a page carries a plan.
const (
	noPlan    = iota
	withPlan  // the one make dist writes for its settings
	stalePlan // one made before trackAllPages was turned on
	otherPlan // one another build made for these settings (an upgrade without make dist)
)

// bootRun opens the page of one case, the SDK at sdk on its site, with a
// plan as planned says, and returns the SDK calls once every event
// reached the backend, whether Go had configured by each, the session
// starts and the shim's console warnings.
func bootRun(t *testing.T, sdk string, settings map[string]any, user string, deferred bool, planned int) (calls []string, byGo []bool, sessions int, warnings []string) {
	s, release := bootSite(t)
	settings = s.baseSettings(settings)
	settings["sdkUrl"] = s.origin + sdk
	settings["assetsUrl"] = s.origin + "/held/"
	p := faultPage{Title: "boot plan", Segment: true, Nonce: "n0nce-1", Settings: settings,
		Before: sdkRecorder + storedUser(user), Script: bootScenario}
	switch planned {
	case withPlan:
		p.Plan = bootPlanFor(t, settings)
	case otherPlan:
		p.Plan = regexp.MustCompile(`"build":"[^"]*"`).ReplaceAllString(bootPlanFor(t, settings), `"build":"0123456789abcdef"`)
	case stalePlan:
		p.Plan = bootPlanFor(t, settings)
		settings["trackAllPages"] = true
		fallthrough
	default:
		release() // nothing happens before Go: the cause is checked below (e2eByGo)
	}
	tb := newTab(t)
	tb.navigate(s.addPage(p))
	if user != "" {
		tb.poll(`typeof analytics.user == 'function'`, busyWait) // Analytics.js, not the snippet
		require.Equal(t, user, eval[string](tb, `analytics.user().id()`), "the stored user")
	}
	if planned == withPlan || planned == otherPlan {
		// Held: every call so far was made without Go.
		tb.poll(`window.e2eReady === true`, busyWait)
		st := eval[shimStatus](tb, `BrazeWasm.status()`)
		want := map[bool]string{false: "ready", true: "deferred"}[deferred]
		require.Equal(t, want, st.State, "analytics.ready before the module: %+v%s", st, tb.consoleText())
		assert.Empty(t, st.SDKVersion, "Go has not configured")
		before := eval[[]string](tb, `e2eSDK`)
		if deferred {
			assert.Empty(t, before, "only-known-users without a user: no call before an identify")
		} else {
			assert.Equal(t, "initialize", strings.SplitN(before[0], "[", 2)[0], "%v", before)
			assert.True(t, strings.HasPrefix(before[len(before)-1], "openSession["), "the plan ends with openSession: %v", before)
			if user != "" {
				assert.Contains(t, before, "changeUser["+strconv.Quote(user)+"]")
			}
			// The session start reached Braze before the module did.
			s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool { return len(events(bodies, eventSessionStart)) > 0 })
		}
		assert.NotContains(t, strings.Join(before, " "), `"Early"`, "events wait for Go")
		release()
	}
	// Go has started: its start counted the calls, or deferred Braze.
	tb.poll(`(s => s.sdkVersion != null && (s.counts.sent > 0 || s.state == 'deferred'))(BrazeWasm.status())`, busyWait)
	require.True(t, eval[bool](tb, `e2eAfter()`))
	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, after := customEvent(bodies, "After")
		return after
	})
	st := eval[shimStatus](tb, `BrazeWasm.status()`)
	assert.Equal(t, "ready", st.State)
	assert.Empty(t, shimMessages(tb, "error"), "no error")
	// The backend's origin differs from run to run.
	calls = eval[[]string](tb, `e2eSDK`)
	for i := range calls {
		calls[i] = strings.ReplaceAll(calls[i], s.backend, "<backend>")
	}
	return calls, eval[[]bool](tb, `e2eByGo`), len(events(bodies, eventSessionStart)), shimMessages(tb, "warning")
}

// TestBootPlan_BeforeModule: with a plan, Braze's session starts and
// analytics.ready runs while the module is held back; once it arrives, Go
// takes over: no second initialize or openSession, and call for call what
// Braze receives without a plan.
func TestBootPlan_BeforeModule(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	for _, tc := range bootCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			planned, byGo, sessions, warnings := bootRun(t, tc.sdk, tc.settings, tc.user, tc.deferred, withPlan)
			plain, _, plainSessions, _ := bootRun(t, tc.sdk, tc.settings, tc.user, tc.deferred, noPlan)
			assert.Empty(t, warnings)
			t.Logf("calls: %v", planned)
			assert.Equal(t, plain, planned, "what the SDK gets is the same with and without a plan")
			assert.Equal(t, plainSessions, sessions, "the session starts Braze received (one per user)")
			opens := slices.DeleteFunc(slices.Clone(planned), func(c string) bool { return c != "openSession[]" })
			assert.Len(t, opens, 1, "one openSession: Go made no second one")
			open := slices.Index(planned, "openSession[]")
			require.GreaterOrEqual(t, open, 0)
			assert.Equal(t, tc.deferred, byGo[open], "openSession by the shim, before Go (unless only-known-users waits for an identify)")
		})
	}
}

// TestBootPlan_NotThisOne: a plan the module does not take. Made from
// settings edited after make dist: it is not used (initialize waits for
// Go), and one warning names the setting. Made by another build for these
// settings (braze-wasm upgraded, make dist not rerun): the shim, which
// cannot tell builds, carries it out before the module, and the warning
// names both builds. Either way the warning says to rerun make dist, and
// Braze gets what it gets without a plan (this plan differs only in its
// build), no call twice.
func TestBootPlan_NotThisOne(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	for _, tc := range []struct {
		name    string
		planned int
		warning string // a regexp
	}{
		{"settings edited", stalePlan, `^plan: the boot plan was made from other settings \(trackAllPages differs\): not used; rerun make dist with these settings \(plan_outdated\)$`},
		{"another build", otherPlan, `^plan: the boot plan was made by another build of braze-wasm \(0123456789abcdef, this one is [0-9a-f]{16}\): rerun make dist \(plan_outdated\)$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			settings := map[string]any{"version": "6.13"}
			got, byGo, sessions, warnings := bootRun(t, vendorBrazePath, settings, "u-7", false, tc.planned)
			plain, _, plainSessions, _ := bootRun(t, vendorBrazePath, settings, "u-7", false, noPlan)
			// bootRun turned trackAllPages on for the stale page only: a page
			// call would differ; the scenario makes none.
			assert.Equal(t, plain, got, "what the SDK gets is the same as without a plan")
			assert.Equal(t, plainSessions, sessions)
			require.NotEmpty(t, byGo)
			assert.Equal(t, tc.planned == stalePlan, byGo[0], "initialize waited for Go only when the settings differ: %v", got)
			require.Len(t, warnings, 1)
			assert.Regexp(t, tc.warning, warnings[0])
		})
	}
}

// TestBootPlan_Snippets: the seed's snippets on analytics.ready (push
// registration, the soft push prompt, their subscriber) run before the
// module is there, on the SDK the plan started, and reach Braze.
func TestBootPlan_Snippets(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	s, release := bootSite(t)
	settings := s.baseSettings(map[string]any{"automaticallyDisplayMessages": false, "assetsUrl": s.origin + "/held/"})
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{Title: "boot plan: seed snippets", Segment: true, Settings: settings,
		Plan: bootPlanFor(t, settings), Before: seedRecorder, Script: seedSnippets}))
	tb.poll(`window.e2eSeedRun === `+strconv.Itoa(seedSnippetCount), busyWait)
	assert.Empty(t, eval[[]string](tb, `e2eSeedErrors`), "a seed snippet threw")
	assert.Empty(t, eval[shimStatus](tb, `BrazeWasm.status()`).SDKVersion, "the module is held back: Go has not configured")
	calls := eval[[]string](tb, `e2eCalls`)
	t.Logf("SDK calls: %v", calls)
	sub, open := slices.Index(calls, "subscribeToInAppMessage@boot"), slices.Index(calls, "openSession@boot")
	if assert.GreaterOrEqual(t, open, 0, "openSession by the plan") {
		assert.GreaterOrEqual(t, sub, 0, "the onInAppMessage subscriber was attached")
		assert.Less(t, sub, open, "before openSession")
	}
	assert.Contains(t, calls, "requestPushPermission@seed")
	// The primer the soft prompt logs reached Braze, the module still held.
	s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "prime-for-push")
		return ok
	})
	release()
	tb.poll(`BrazeWasm.status().counts.sent > 0`, busyWait)
	assert.Equal(t, "ready", eval[shimStatus](tb, `BrazeWasm.status()`).State)
	assert.Empty(t, shimMessages(tb, "warning"))
}
