package main

// Bad input in the real browser (contract §4, malformed events): 10,000
// generated events, deterministic for a seed, with every kind of hostile
// value at every field. No exception may reach the page, the valid part of
// each event must reach the SDK, each dropped field must be warned about
// with its path, and memory must stay bounded.

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

const (
	fuzzEvents = 10000
	fuzzSeed   = 20261130
)

// fuzzSDKWrapper runs before the shim. It wraps window.braze as the SDK
// defines it (the bundle's exports are getters, so the wrapper inherits from
// the SDK) to record the calls made for the current event in e2eCur, and to
// forward them to the real SDK only while e2eForward is set: the fuzz run
// checks calls, a few spot checks go all the way to the backend. It also
// keeps the wasm instance and the bridge (wasmKeeper).
const fuzzSDKWrapper = `
window.e2eCur = [];
window.e2eForward = true;
(function () {
  const record = (m, args) => {
    e2eCur.push(m === 'logCustomEvent' ? [m, args[0], args[1] && args[1].ok]
      : m === 'setCustomUserAttribute' ? [m, args[0], args[1]] : [m, args[0]]);
  };
  let wrapped;
  Object.defineProperty(window, 'braze', {
    configurable: true,
    get: () => wrapped,
    set(sdk) {
      const w = Object.create(sdk);
      for (const m of ['logCustomEvent', 'logPurchase', 'changeUser', 'openSession']) {
        const orig = sdk[m];
        Object.defineProperty(w, m, {configurable: true, writable: true,
          value: function () { record(m, arguments); return e2eForward ? orig.apply(sdk, arguments) : true; }});
      }
      const getUser = sdk.getUser;
      Object.defineProperty(w, 'getUser', {configurable: true, writable: true, value: function () {
        const u = getUser.apply(sdk, arguments);
        return new Proxy(u, {get(t, k) {
          const v = t[k];
          if (typeof v !== 'function') return v;
          return function () { record(k, arguments); return e2eForward ? v.apply(t, arguments) : true; };
        }});
      }});
      wrapped = w;
    },
  });
})();
` + wasmKeeper

// fuzzRun generates the events and checks each one as it goes, so that no
// event is kept: the memory figures are the product's. It resolves with a
// summary; failures holds the first few problems.
const fuzzRun = `
window.e2eFuzz = async function (n, seed) {
  let s = seed >>> 0;
  const rnd = () => { // mulberry32
    s = (s + 0x6D2B79F5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = a => a[Math.floor(rnd() * a.length)];
  const BIG = 'x'.repeat(1 << 20);
  let deep = {leaf: 1};
  for (let i = 0; i < 1000; i++) deep = {a: deep};
  const wide = Object.fromEntries(Array.from({length: 300}, (_, i) => ['k' + i, i]));
  // Wrong values for any field. warns: whether an id field (string
  // expected) or an object field (plain object expected) must warn.
  const wrongs = [
    [null, false, false], [42, true, true], ['42', false, true], [true, true, true], [[], true, true],
    [[1, 'a'], true, true], [{}, true, false], [NaN, true, true], [Infinity, true, true],
    [() => 1, true, true], [Symbol('s'), true, true], [new Date('x'), true, true],
  ];
  // Mutations of traits or properties: each returns the path that must be
  // warned about, or null when the value is valid.
  const muts = [
    (o, p) => { o.nul = null; return null; },
    (o, p) => { o.num_s = '12.50'; return null; },
    (o, p) => { o.nan = NaN; return p + '.nan'; },
    (o, p) => { o.inf = pick([Infinity, -Infinity]); return p + '.inf'; },
    (o, p) => { const c = {x: 1}; c.self = c; o.cyc = c; return p + '.cyc.self'; },
    (o, p) => { Object.assign(o, JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c", "prototype": 1}')); return null; },
    (o, p) => { o.fn = () => 1; return p + '.fn'; },
    (o, p) => { o.sym = Symbol('s'); return p + '.sym'; },
    (o, p) => { o.bad_date = new Date('x'); return p + '.bad_date'; },
    (o, p) => { o.objs = [{a: 1}, {b: {c: 2}}]; return null; },
    (o, p) => { o.mixed = [1, 'a', null, {x: 1}]; return null; },
  ];
  // The fields whose wrong value may cost the valid part of an event.
  const relevant = {track: ['event', 'properties'], page: ['name', 'properties'], identify: ['userId', 'traits'], group: ['groupId']};
  const plugin = analytics.plugins[0];
  const bridge = globalThis.__brazeWasm, handle = bridge.handle;
  let last = null;
  bridge.handle = ev => (last = handle(ev));
  const seen = new Set(), said = () => { const c = BrazeWasm.status().counts; return c.warnings + c.info; };
  const r = {events: 0, calls: 0, checked: 0, warned: 0, failures: [], ms: 0,
    wasmBefore: e2eWasm.exports.mem.buffer.byteLength, heapBefore: performance.memory.usedJSHeapSize};
  const fail = (i, msg) => { if (r.failures.length < 20) r.failures.push('event ' + i + ': ' + msg); };
  const t0 = performance.now();
  e2eForward = false;
  for (let i = 0; i < n; i++) {
    const type = pick(['track', 'track', 'track', 'identify', 'identify', 'page', 'group']);
    const ev = {type, messageId: 'fuzz-' + i, timestamp: new Date(), context: {}, integrations: {}};
    const obj = {ok: i};
    const objPath = type == 'identify' ? 'traits' : 'properties';
    const want = [];
    const k = 1 + Math.floor(rnd() * 3);
    for (let j = 0; j < k; j++) { const p = pick(muts)(obj, objPath); if (p) want.push(p); }
    // The costly values, in a few events each: the run must stay short.
    if (rnd() < 0.05) { obj.deep = deep; want.push(objPath + '.deep'); }
    if (rnd() < 0.05) { obj.wide = wide; }
    if (rnd() < 0.01) { obj.big = BIG; want.push(objPath + '.big'); }
    ev[objPath] = obj;
    // A group's properties are not mapped at all (core reads only what it
    // maps): there is nothing in them to drop or warn about.
    if (type == 'group') want.length = 0;
    if (type == 'track') ev.event = 'Fuzz ' + (i % 50);
    if (type == 'page') ev.name = 'Page ' + (i % 7);
    if (type == 'identify') ev.userId = 'fuzz-user-' + (i % 5);
    if (type == 'group') ev.groupId = 'g' + (i % 5);
    // One field in five gets a wrong value, which must be warned about.
    let broken = null;
    if (rnd() < 0.2) {
      broken = pick(['userId', 'anonymousId', 'event', 'name', 'groupId', 'traits', 'properties', 'context']);
      const [v, idWarns, objWarns] = pick(wrongs);
      ev[broken] = v;
      // The mutated object is gone; a track without a name is not sent, so its
      // properties are never read.
      if (broken == objPath || type == 'track' && broken == 'event') want.length = 0;
      const warns = broken == 'traits' || broken == 'properties' ? objWarns : broken == 'context' ? false : idWarns;
      if (warns && !(type == 'group' && broken == objPath)) want.push(broken);
    }
    // Yield now and then, so that the page stays responsive to the test.
    if (i % 50 == 49) await new Promise(res => setTimeout(res, 0));
    e2eCur = []; last = null;
    const before = said();
    try { plugin[type]({event: ev}); } catch (e) { fail(i, 'threw ' + e); continue; }
    r.events++;
    window.e2eFuzzProgress = {i, ms: performance.now() - t0};
    r.calls += e2eCur.length;
    // Should the shim ever defer an event to a later task, wait for it.
    for (let w = 0; !last && w < 100; w++) await new Promise(res => setTimeout(res, 0));
    if (!last) { fail(i, 'never reached Go'); continue; }
    // A warning said before on the page comes as a count, not again as
    // text (it was printed once): an expected warning is in this event's
    // or an earlier one's, and the counts grew for those said before.
    const fields = (last.warnings || []).map(w => w.field), counted = said();
    let again = 0;
    for (const p of want) {
      const names = f => f == p || f.startsWith(p + '.') || f.startsWith(p + '[');
      if (fields.some(names)) r.warned++;
      else if ([...seen].some(names)) r.warned++, again++;
      else fail(i, 'no warning for ' + p + ' (warnings: ' + JSON.stringify(fields) + ', error: ' + JSON.stringify(last.error) + ')');
    }
    if (again && counted == before) fail(i, again + ' warnings said before were not counted');
    fields.forEach(f => seen.add(f));
    // The valid part: the ok marker of an intact event reaches the SDK.
    if (relevant[type].includes(broken)) continue;
    r.checked++;
    const has = c => e2eCur.some(x => c.every((v, j) => v === undefined || x[j] === v));
    if (type == 'track' && !has(['logCustomEvent', ev.event, i])) fail(i, 'no logCustomEvent with ok ' + JSON.stringify(e2eCur) + JSON.stringify(last.error));
    if (type == 'page' && !has(['logCustomEvent', undefined, i])) fail(i, 'no page event with ok ' + JSON.stringify(e2eCur) + JSON.stringify(last.error));
    if (type == 'identify' && !has(['setCustomUserAttribute', 'ok', i])) fail(i, 'no ok attribute ' + JSON.stringify(e2eCur) + JSON.stringify(last.error));
    if (type == 'group' && !has(['setCustomUserAttribute', 'ab_segment_group_' + ev.groupId, true])) fail(i, 'no group attribute ' + JSON.stringify(e2eCur));
  }
  e2eForward = true;
  bridge.handle = handle;
  r.ms = performance.now() - t0;
  r.wasmAfter = e2eWasm.exports.mem.buffer.byteLength;
  r.heapAfter = performance.memory.usedJSHeapSize;
  r.polluted = ({}).polluted !== undefined || Object.prototype.hasOwnProperty('polluted');
  return r;
};
`

// fuzzSummary is what fuzzRun resolves with.
type fuzzSummary struct {
	Events, Calls, Checked, Warned int
	Failures                       []string
	MS                             float64
	WasmBefore, WasmAfter          int
	HeapBefore, HeapAfter          int
	Polluted                       bool
}

func TestFuzz_BrowserEvents(t *testing.T) {
	t.Parallel()
	s, tb := stubPage(t, "fuzz", fuzzSDKWrapper+fuzzRun, map[string]any{"trackAllPages": true})

	eval[bool](tb, `window.e2eFuzzResult = null; e2eFuzz(`+itoa(fuzzEvents)+`, `+itoa(fuzzSeed)+`).then(r => { e2eFuzzResult = r; }, e => { e2eFuzzResult = {failures: ['run: ' + e.stack]}; }), true`)
	for deadline := time.Now().Add(150 * time.Second); ; {
		if eval[bool](tb, `window.e2eFuzzResult !== null`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the fuzz run did not finish in 150 s: %v", eval[any](tb, `window.e2eFuzzProgress`))
		}
		time.Sleep(time.Second)
	}
	r := eval[fuzzSummary](tb, `e2eFuzzResult`)
	mib := func(n int) float64 { return float64(n) / (1 << 20) }
	t.Logf("fuzz: %d events in %.1f s (%.0f us/event), %d SDK calls, %d intact events checked, %d expected warnings found",
		r.Events, r.MS/1000, r.MS*1000/float64(max(r.Events, 1)), r.Calls, r.Checked, r.Warned)
	t.Logf("memory: wasm %.1f -> %.1f MiB, JS heap %.1f -> %.1f MiB", mib(r.WasmBefore), mib(r.WasmAfter), mib(r.HeapBefore), mib(r.HeapAfter))
	assert.Equal(t, fuzzEvents, r.Events, "every event went through without a throw")
	assert.Greater(t, r.Calls, fuzzEvents/2, "the SDK wrapper saw the calls")
	assert.Empty(t, r.Failures, "problems (first 20)")
	assert.False(t, r.Polluted, "Object.prototype was polluted")
	assert.Less(t, mib(r.WasmAfter), 64.0, "wasm memory stays bounded")
	assert.Less(t, mib(r.HeapAfter), 256.0, "JS heap stays bounded")
	st := eval[shimStatus](tb, `BrazeWasm.status()`)
	assert.Equal(t, "ready", st.State, "status: %+v", st)
	assert.NotContains(t, st.LastError, "panic", "no Go panic: %+v", st)

	// Spot checks, all the way to the backend: the valid part of hostile
	// events arrives exactly.
	eval[bool](tb, fuzzSpotChecks)
	bodies := s.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Spot Hostile")
		return ok && userAttributes(bodies, "spot-user").Custom()["ok"] != nil
	})
	ev, _ := customEvent(bodies, "Spot Hostile")
	assert.Equal(t, map[string]any{"ok": "yes", "num_s": "12.50", "cyc": map[string]any{"x": float64(1)}, "tags": []any{"a", "b"}},
		ev.Data.Properties(), "NaN, Infinity, the function, the 1 MB string and the cycle's back edge are dropped")
	assert.Equal(t, "spot-user", ev.UserID)
	custom := userAttributes(bodies, "spot-user").Custom()
	assert.Equal(t, "yes", custom["ok"])
	// The SDK sends an array attribute as a "set" event, not in attributes.
	assert.Contains(t, rawEvents(t, s.srv.Requests.Since(0), "set"), map[string]any{"key": "tags", "value": []any{"a", "b"}},
		"arrays of strings are custom attributes")
	assert.NotContains(t, custom, "items", "arrays of objects are not")
	assert.NotContains(t, custom, "deep", "nested objects are not")
}

// fuzzSpotChecks sends two hostile events to the real SDK.
const fuzzSpotChecks = `(async () => {
  const p = analytics.plugins[0];
  let deep = {leaf: 1};
  for (let i = 0; i < 1000; i++) deep = {a: deep};
  const cyc = {x: 1}; cyc.self = cyc;
  analytics.userId = 'spot-user';
  await p.identify({event: {type: 'identify', userId: 'spot-user', traits: {ok: 'yes', tags: ['a', 'b'], items: [{a: 1}], deep}}});
  await p.track({event: {type: 'track', event: 'Spot Hostile', userId: 'spot-user', properties: {
    ok: 'yes', num_s: '12.50', nan: NaN, inf: -Infinity, fn: () => 1, big: 'x'.repeat(1 << 20), cyc, tags: ['a', 'b']}}});
  return true;
})()`

// rawEvents returns the data of the events called name in the Braze
// requests answered 200, for the events BrazeEventData does not model.
func rawEvents(t *testing.T, reqs []Request, name string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, r := range reqs {
		if r.Kind != kindBraze || r.Status != http.StatusOK {
			continue
		}
		var b struct {
			Events []struct {
				Name string         `json:"name"`
				Data map[string]any `json:"data"`
			} `json:"events"`
		}
		if err := json.Unmarshal(r.Body, &b); err != nil {
			continue // brazeBodies reports it
		}
		for _, e := range b.Events {
			if e.Name == name {
				out = append(out, e.Data)
			}
		}
	}
	return out
}
