package main

// Hostile input on the per-event path (issue 9), in the real browser with the
// real module, SDK and backend: whatever an event's shape, it costs bounded
// work, the rest of the event arrives, and each cut is warned about with the
// field's path. No timing is asserted: a freeze shows as the test's timeout.

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wasmKeeper keeps the wasm instance, to read the size of its memory, and
// the bridge: the shim puts it on the page as __brazeWasm only while Go
// runs, by assignment, which this accessor sees: the first value set is the
// bridge (the getter's object stands for the page's own value, which the
// shim puts back after).
const wasmKeeper = `
(() => {
  let bridge = null;
  Object.defineProperty(window, '__brazeWasm', {
    configurable: true,
    get: () => bridge || {},
    set(v) { bridge = bridge || v; },
  });
  // The shim compiles first, then instantiates the Module: the Instance itself.
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function () {
    return instantiate.apply(WebAssembly, arguments).then(r => { window.e2eWasm = r.instance || r; return r; });
  };
})();
`

// stubPage opens a page with the stub analytics and the shim registered with
// settings, with before run first, and waits until the shim is ready
// (whenReady: Braze's, with the readyTimeoutMs of baseSettings).
func stubPage(t *testing.T, title, before string, settings map[string]any) (*faultSite, *tab) {
	t.Helper()
	s := newFaultSite(t)
	tb := newTab(t)
	tb.navigate(s.addPage(faultPage{
		Title: title, Stub: true,
		Settings: s.baseSettings(settings),
		Before:   before,
		Script:   `BrazeWasm.whenReady().then(st => { window.e2eReadyState = st.state; });`,
	}))
	tb.poll(`window.e2eReadyState !== undefined`, busyWait)
	require.Equal(t, "ready", eval[string](tb, `e2eReadyState`), tb.consoleText())
	return s, tb
}

// hostileScenario hands hostile events straight to the plugin (Analytics.js
// would choke on some of them itself before any destination sees them) and
// collects the warnings of each from the bridge.
const hostileScenario = `(async () => {
  const p = analytics.plugins[0], bridge = __brazeWasm, handle = bridge.handle;
  const mem = () => e2eWasm.exports.mem.buffer.byteLength, out = {warnings: {}};
  bridge.handle = ev => {
    const r = handle(ev);
    out.warnings[JSON.parse(ev).event] = (r.warnings || []).map(w => w.field + ' ' + w.code);
    return r;
  };
  // Each event is handed over, then handled (a burst is replayed in chunks).
  const send = async (name, properties, userId = 'hostile-user') => {
    p.track({event: {type: 'track', event: name, userId, properties, context: {}, messageId: name}});
    while (BrazeWasm.status().counts.buffered > 0) await new Promise(r => setTimeout(r, 0));
  };
  let graph = {leaf: 1};
  for (let i = 0; i < 10; i++) graph = {a: graph, b: graph, c: graph, d: graph};
  await send('Hostile Graph', {kept: 'graph', graph});
  const getter = {kept: 'getter'};
  Object.defineProperty(getter, 'bad', {enumerable: true, get() { throw new Error('getter boom'); }});
  await send('Hostile Getter', getter);
  await send('Hostile Proxy', {kept: 'proxy', trap: new Proxy({a: 1}, {get() { throw new Error('trap boom'); }})});
  await send('Hostile Keys', {kept: 'keys', trap: new Proxy({a: 1}, {ownKeys() { throw new Error('keys boom'); }})});
  out.memBefore = mem();
  await send('Hostile String', {kept: 'string', big: 'x'.repeat(5 << 20)});
  out.memAfter = mem();
  await send('Refused "Name"', {kept: 'refused'});
  await send('Hostile Long User', {kept: 'long user'}, 'u'.repeat(998));
  await send('Hostile After', {kept: 'after'});
  bridge.handle = handle;
  out.status = BrazeWasm.status();
  return out;
})()`

type hostileResult struct {
	Warnings            map[string][]string
	MemBefore, MemAfter int
	Status              shimStatus
}

func TestFault_HostileEvents(t *testing.T) {
	t.Parallel()
	s, tb := stubPage(t, "hostile events", wasmKeeper, nil)

	r := eval[hostileResult](tb, hostileScenario)
	assert.Equal(t, "ready", r.Status.State, "status: %+v", r.Status)
	assert.False(t, hasException(tb), "no exception:%s", tb.consoleText())

	// Each cut names its field, in the result and on the console.
	hasField := func(event, prefix, code string) {
		t.Helper()
		for _, w := range r.Warnings[event] {
			if strings.HasPrefix(w, prefix) && strings.HasSuffix(w, " "+code) {
				return
			}
		}
		t.Errorf("%s: no %s warning on %s: %v", event, code, prefix, r.Warnings[event])
	}
	hasField("Hostile Graph", "properties.graph.", "payload_too_large")
	hasField("Hostile Getter", "properties.bad", "invalid_value")
	hasField("Hostile Proxy", "properties.trap", "invalid_value")
	hasField("Hostile Keys", "properties.trap", "invalid_value")
	hasField("Hostile String", "properties.big", "payload_too_large")
	hasField(`Refused "Name"`, "event", "invalid_name")
	hasField("Hostile Long User", "userId", "invalid_value")
	// The browser reports the console some time after the page printed:
	// wait for every warning (the last is the long userId's), then assert.
	fields := []string{"properties.graph.", "properties.bad: ", "properties.trap: ", "properties.big: ", "event: U+0022 (double quote) at byte 8 ", "userId: "}
	tb.waitConsole(func(ms []chromedp.ConsoleMessage) bool {
		console := strings.Join(shimText(ms, "warning"), "\n")
		return !slices.ContainsFunc(fields, func(f string) bool { return !strings.Contains(console, f) })
	})
	console := strings.Join(shimMessages(tb, "warning"), "\n")
	for _, f := range fields {
		assert.Contains(t, console, f, "the console names the field")
	}

	// The 5 MB string never entered Go's memory (it used to cost twice its size).
	t.Logf("wasm memory around the 5 MB string: %d -> %d bytes", r.MemBefore, r.MemAfter)
	assert.Less(t, r.MemAfter-r.MemBefore, 1<<20, "the string was cut before it was copied into Go")

	// The rest of each event arrives; the refused ones do not, and are not counted as sent.
	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Hostile After")
		return ok
	})
	for name, kept := range map[string]string{
		"Hostile Graph": "graph", "Hostile Getter": "getter", "Hostile Proxy": "proxy", "Hostile Keys": "keys",
		"Hostile String": "string", "Hostile After": "after",
	} {
		ev, ok := customEvent(bodies, name)
		if assert.True(t, ok, "%s reached the backend", name) {
			assert.Equal(t, map[string]any{"kept": kept}, ev.Data.Properties(), name)
			assert.Equal(t, "hostile-user", ev.UserID, name)
		}
	}
	for _, name := range []string{`Refused "Name"`, "Hostile Long User"} {
		_, ok := customEvent(bodies, name)
		assert.False(t, ok, "%s was not sent", name)
	}
	st := r.Status
	assert.Equal(t, 8, st.Counts["received"], "status: %+v", st)
	assert.Equal(t, 2, st.Counts["dropped"], "the refused and the long-user events: %+v", st)
}

// plan() gets the same budgets: a million-event array-like is capped, with a
// warning naming events, and each event goes through the same encoding.
func TestFault_PlanBudget(t *testing.T) {
	t.Parallel()
	// The planner build, which has plan(), runs the destination too.
	_, tb := stubPage(t, "plan budget", wasmKeeper, map[string]any{"assetsUrl": "/braze-wasm/planner/"})
	type planResult struct {
		OK       bool
		Warnings []struct {
			Event       int
			Field, Code string
		}
		Calls      int
		MemBefore  int
		MemAfter   int
		GraphField string
	}
	r := eval[planResult](tb, `(async () => {
  const before = e2eWasm.exports.mem.buffer.byteLength;
  const r = await BrazeWasm.plan({apiKey: 'k'}, {length: 1e6});
  let graph = {leaf: 1};
  for (let i = 0; i < 10; i++) graph = {a: graph, b: graph, c: graph, d: graph};
  const g = await BrazeWasm.plan({apiKey: 'k'}, [{type: 'track', event: 'G', properties: {graph}}]);
  const cut = g.warnings.find(w => w.code == 'payload_too_large');
  return {ok: r.ok, warnings: r.warnings, calls: r.calls.length, memBefore: before,
    memAfter: e2eWasm.exports.mem.buffer.byteLength, graphField: cut ? cut.field : ''};
})()`)
	require.True(t, r.OK)
	var capped, perEvent int
	for _, w := range r.Warnings {
		if w.Field == "events" && w.Code == "too_many_keys" {
			capped++
		}
		if w.Event >= 0 {
			perEvent++
		}
	}
	assert.Equal(t, 1, capped, "one warning says the events were capped")
	assert.Equal(t, 1000, perEvent, "1,000 events planned, each warned as having no type")
	assert.True(t, strings.HasPrefix(r.GraphField, "properties.graph."), "the plan's graph is cut where handle cuts it: %q", r.GraphField)
	t.Logf("wasm memory around plan(): %d -> %d bytes", r.MemBefore, r.MemAfter)
	assert.Less(t, r.MemAfter-r.MemBefore, 16<<20, "plan's memory stays bounded")
}
