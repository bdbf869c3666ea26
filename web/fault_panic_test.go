package main

// Fault test, contract §4: a panic in Go costs one event, never the page.
// The testhooks build of the module (make testhooks) panics inside handle
// on an event whose properties carry __testPanic: true.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFault_GoPanic(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(filepath.Join(testBuildDir, "testhooks", "braze-wasm.wasm")); err != nil {
		t.Fatalf("build/testhooks is missing: run `make testhooks` (%v)", err)
	}
	s := newFaultSite(t)
	dir := filepath.Join(testBuildDir, "testhooks")
	s.handle("GET /testhooks/braze-wasm.wasm", serveBytes(t, filepath.Join(dir, "braze-wasm.wasm"), "application/wasm", nil))
	s.handle("GET /testhooks/wasm_exec.js", serveBytes(t, filepath.Join(dir, "wasm_exec.js"), "text/javascript", nil))
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: "go panic", Segment: true,
		Settings: s.baseSettings(map[string]any{"assetsUrl": s.origin + "/testhooks/"}),
		Script:   readyScript,
	}))
	tb.poll(`window.e2eReady === true`, busyWait)
	st := eval[shimStatus](tb, `(async () => {
  await analytics.track('Before Panic', {n: 1});
  await analytics.track('Panic', {__testPanic: true});
  await analytics.track('After Panic', {n: 2});
  return BrazeWasm.status();
})()`)
	assert.Equal(t, "ready", st.State, "status: %+v", st)
	assert.Equal(t, 1, st.Counts["dropped"], "the panicking event is counted as dropped: %+v", st)

	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "After Panic")
		return ok
	})
	_, before := customEvent(bodies, "Before Panic")
	_, panicked := customEvent(bodies, "Panic")
	assert.True(t, before, "the event before the panic was delivered")
	assert.False(t, panicked, "the panicking event was not delivered")

	var panics []string
	for _, e := range shimMessages(tb, "error") {
		if strings.Contains(e, "panic") {
			panics = append(panics, e)
		}
	}
	if assert.Len(t, panics, 1, "the panic is reported once:%s", tb.consoleText()) {
		assert.True(t, strings.HasPrefix(panics[0], "track: "), "the report names the event type: %q", panics[0])
	}
	assert.False(t, hasException(tb), "no exception:%s", tb.consoleText())
}
