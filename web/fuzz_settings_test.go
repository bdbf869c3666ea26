package main

// Bad input that the fuzz run cannot cover: malformed data-settings, and a
// BigInt, which Go's syscall/js cannot even classify.

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFuzz_MalformedDataSettings(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	// Not JSON, or JSON but not an object: the shim says so, naming
	// data-settings and what it held, and loads nothing.
	for _, tc := range []struct{ raw, err string }{
		{`{"apiKey": `, "data-settings: "},
		{`{'apiKey': 'single quotes'}`, "data-settings: "},
		{`[1, 2]`, "data-settings: not an object: [1, 2]; Braze is off"},
		{`"a string"`, `data-settings: not an object: "a string"; Braze is off`},
		{`42`, "data-settings: not an object: 42; Braze is off"},
		{`null`, "data-settings: not an object: null; Braze is off"},
	} {
		t.Run(tc.raw, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.navigate(s.addPage(faultPage{Title: "bad data-settings", RawSettings: tc.raw}))
			tb.poll(`window.BrazeWasm && BrazeWasm.status().state !== 'loading'`, busyWait)
			st := eval[shimStatus](tb, `BrazeWasm.status()`)
			assert.Equal(t, "failed", st.State)
			errs := shimMessages(tb, "error")
			if assert.Len(t, errs, 1, "one console error:%s", tb.consoleText()) {
				assert.True(t, strings.HasPrefix(errs[0], tc.err), "the error says what is wrong: %q", errs[0])
			}
			assert.Empty(t, shimMessages(tb, "warning"), "Go never ran")
			assert.False(t, hasException(tb), "no exception:%s", tb.consoleText())
		})
	}
}

// TestFuzz_BigInt: a BigInt in an event is converted with a warning
// (protocol §3), and the rest of the event sent.
func TestFuzz_BigInt(t *testing.T) {
	t.Parallel()
	s := newFaultSite(t)
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: "bigint", Stub: true,
		Settings: s.baseSettings(nil),
		Script:   `BrazeWasm.whenReady().then(st => { window.e2eReadyState = st.state; });`,
	}))
	tb.poll(`window.e2eReadyState !== undefined`, busyWait)
	// Through the plugin: the bridge is the shim's alone (issue 11: no
	// __brazeWasm global on the page).
	eval[bool](tb, `analytics.send('track', {event: 'Big Int', properties: {ok: 1, n: 10n}}).then(() => true)`)
	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Big Int")
		return ok
	})
	ev, _ := customEvent(bodies, "Big Int")
	// Protocol §3: a safe-integer BigInt is sent as a number, with a warning.
	assert.Equal(t, map[string]any{"ok": float64(1), "n": float64(10)}, ev.Data.Properties(), "the rest of the event is sent")
	var warned bool
	for _, w := range shimMessages(tb, "warning") {
		warned = warned || strings.HasPrefix(w, "properties.n: ")
	}
	assert.True(t, warned, "the BigInt is warned about:%s", tb.consoleText())
}
