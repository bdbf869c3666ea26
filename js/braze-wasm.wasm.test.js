// The shim against the real Go module: build/braze-wasm.wasm and build/wasm_exec.js, and the
// planner build in build/planner/ (make build; BRAZE_WASM_BUILD names another folder). They fail when it is missing: make test builds first. The page is still fake:
// a vm context with a recording Braze SDK, so this checks the bridge.d.ts contract, not Braze.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const DIR = process.env.BRAZE_WASM_BUILD || path.join(__dirname, '..', 'build');
const WASM = path.join(DIR, 'braze-wasm.wasm');
const EXEC = path.join(DIR, 'wasm_exec.js');
// The planner build: the module with dry runs (plan()) and boot plans.
const PLANNER = path.join(DIR, 'planner');
// The built script-tag file (make build), as a site gets it.
const SRC = fs.readFileSync(path.join(__dirname, '..', 'build', 'braze-wasm.js'), 'utf8');
const plain = v => JSON.parse(JSON.stringify(v));

// A Braze 4+ global that records every call, including getUser().setX(...):
// as JSON would carry them in calls, as they are in calls.raw.
function recordingBraze(calls) {
  calls.raw = [];
  const fn = name => (...args) => { calls.push([name, ...plain(args)]); calls.raw.push([name, ...args]); return true; };
  const user = new Proxy({}, {get: (t, k) => typeof k == 'string' ? fn('getUser().' + k) : undefined});
  return new Proxy({
    initialize: fn('initialize'),
    getUser: () => user,
    subscribeToInAppMessage: fn('subscribeToInAppMessage'),
    User: {Genders: {MALE: 'm', FEMALE: 'f', OTHER: 'o', UNKNOWN: 'u', NOT_APPLICABLE: 'n', PREFER_NOT_TO_SAY: 'p'}},
    InAppMessage: class {},
  }, {get: (t, k) => k in t ? t[k] : typeof k == 'string' ? fn(k) : undefined});
}

function page(nonce = '') {
  const rec = {calls: [], warn: [], error: [], info: [], scripts: []};
  const w = {
    console: {warn: (...a) => rec.warn.push(a.join(' ')), error: (...a) => rec.error.push(a.join(' ')), info: (...a) => rec.info.push(a.join(' ')), log() {}},
    setTimeout, clearTimeout, queueMicrotask, URL, TextEncoder, TextDecoder, crypto: globalThis.crypto, performance,
    // The main realm's WebAssembly and Response: compileStreaming takes only its own realm's.
    WebAssembly, Response,
    // Served as many servers do, not as application/wasm: the shim streams it regardless.
    fetch: async (url, init) => (rec.priority = init?.priority,
      new Response(fs.readFileSync(url.includes('/planner/') ? path.join(PLANNER, 'braze-wasm.wasm') : WASM), {headers: {'content-type': 'application/octet-stream'}})),
    MessageChannel: class { // Node's own would keep the test process alive
      constructor() { this.port1 = {}; this.port2 = {postMessage: () => setImmediate(() => this.port1.onmessage({}))}; }
    },
    addEventListener() {},
  };
  w.window = w;
  w.document = {
    currentScript: {src: 'https://assets.example.com/bw/braze-wasm.js', nonce, getAttribute: () => null},
    querySelector: () => null,
    createElement: () => ({}),
    head: {appendChild(el) {
      rec.scripts.push(el.src);
      setImmediate(() => {
        if (el.src.endsWith('/wasm_exec.js')) vm.runInContext(fs.readFileSync(EXEC, 'utf8'), w);
        else w.braze = recordingBraze(rec.calls);
        el.onload();
      });
    }},
  };
  vm.createContext(w);
  vm.runInContext(SRC, w);
  return {w, rec, B: w.BrazeWasm};
}

test('the build output is there (make build)', () => {
  for (const f of [WASM, EXEC, path.join(PLANNER, 'braze-wasm.wasm'), path.join(PLANNER, 'wasm_exec.js')]) assert.ok(fs.existsSync(f), `no ${f}: run make build`);
});

test('real Go module: configure, start, replay and handle through bridge.d.ts', async () => {
  const {rec, B} = page();
  const p = B.destination({apiKey: 'key-1', endpoint: 'sdk.iad-01.braze.com', readyTimeoutMs: 60000});
  p.load({}, {user: () => ({id: () => 'user-1'})});
  p.track({event: {type: 'track', event: 'Early', properties: {a: 1}}});
  const s = await p.ready();
  assert.equal(s.state, 'ready', JSON.stringify(s) + rec.error.join('\n'));
  assert.equal(s.sdkVersion, '6.13');
  assert.equal(s.apiFamily, 'braze');
  // The SDK at the URL Go's configure gives, once the module runs.
  assert.deepEqual(rec.scripts, [
    'https://assets.example.com/bw/wasm_exec.js',
    'https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js',
  ]);
  p.identify({event: {type: 'identify', userId: 'user-1', traits: {email: 'ada@example.com'}}});
  // Handled at once, or, past the replay's time budget on a busy machine, in the next task.
  while (!rec.calls.some(c => c[0] == 'getUser().setEmail')) await new Promise(r => setImmediate(r));
  const methods = rec.calls.map(c => c[0]);
  assert.equal(methods[0], 'initialize');
  assert.ok(methods.indexOf('changeUser') < methods.indexOf('openSession'), methods.join());
  assert.ok(methods.indexOf('openSession') < methods.indexOf('logCustomEvent'), 'the early event is replayed after start');
  assert.deepEqual(rec.calls.find(c => c[0] == 'logCustomEvent'), ['logCustomEvent', 'Early', {a: 1}]);
  assert.ok(methods.includes('getUser().setEmail'), methods.join());
  assert.equal(rec.error.length, 0, rec.error.join('\n'));
  const c = B.status().counts;
  assert.equal(c.received, 2);
  assert.ok(c.sent >= 5, JSON.stringify(c));
  assert.equal(c.dropped, 0);
});

test('real Go module: a missing apiKey fails with one console.error', async () => {
  const {rec, B} = page();
  const p = B.destination({});
  p.load({}, {user: () => ({id: () => null})});
  assert.equal((await p.ready()).state, 'failed');
  assert.equal(rec.error.length, 1);
  assert.match(rec.error[0], /apiKey/);
  assert.deepEqual(rec.scripts, ['https://assets.example.com/bw/wasm_exec.js'], 'no SDK script');
});

test('real Go module: the page\'s nonce reaches initialize through hooks.nonce, unless the settings set one', async () => {
  for (const [settings, want] of [[{}, 'n0nce'], [{contentSecurityNonce: 'mine'}, 'mine']]) {
    const {rec, B} = page('n0nce');
    const p = B.destination({apiKey: 'k', readyTimeoutMs: 60000, ...settings});
    p.load({}, {user: () => ({id: () => 'u'})});
    assert.equal((await p.ready()).state, 'ready', rec.error.join('\n'));
    const init = rec.calls.find(c => c[0] == 'initialize');
    assert.equal(init[2].contentSecurityNonce, want, JSON.stringify(init));
  }
});

// The planner build's folder, as the playground passes it.
const planner = 'https://assets.example.com/bw/planner/';

test('real Go module: plan() dry run', async () => {
  const {B, rec} = page();
  const r = await B.plan({apiKey: 'k', assetsUrl: planner}, [{type: 'track', event: 'A', properties: {}}], {initialUserId: 'u'});
  assert.equal(r.ok, true);
  const methods = r.calls.map(c => c.method);
  assert.deepEqual(methods.slice(0, 2), ['initialize', 'automaticallyShowInAppMessages']);
  assert.ok(methods.includes('logCustomEvent'));
  assert.equal(rec.scripts.filter(s => !s.endsWith('wasm_exec.js')).length, 0, 'no SDK for a plan');
});

test('real Go module: plan() on the module pages get says to load the planner build', async () => {
  const {B} = page();
  const r = await B.plan({apiKey: 'k'}, []);
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'no_planner');
  assert.match(r.error.message, /planner\/ folder/);
});

test('real Go module: plan() skips the events the page would not map, as Analytics.js and Go do', async () => {
  const {B} = page();
  const events = [
    {type: 'track', event: 'Ours off', integrations: {'Braze (WASM)': false}},
    {type: 'track', event: 'All off', integrations: {All: false}},
    {type: 'track', event: 'Segment off', integrations: {Braze: false}},
    {type: 'track', event: 'Sent', integrations: {All: false, 'Braze (WASM)': true}},
  ];
  const r = await B.plan({apiKey: 'k', assetsUrl: planner}, events, {initialUserId: 'u'});
  assert.equal(r.ok, true);
  assert.deepEqual(r.calls.filter(c => c.method == 'logCustomEvent').map(c => [c.event, c.args[0]]), [[3, 'Sent']]);
  assert.deepEqual(r.warnings.filter(w => w.code == 'excluded_by_integrations').map(w => [w.event, w.field, w.level]), [
    [0, 'integrations.Braze (WASM)', 'info'], [1, 'integrations.All', 'info'], [2, 'integrations.Braze', 'info'],
  ]);
});

// Before the fast path, a throwing getter unwound through Go's stack (syscall/js's
// valueGet has no try): some 300,000 such events ended in "fatal error: stack overflow".
test('real Go module: 300,000 events with throwing getters and Proxy traps cost one warning each, never the runtime', async () => {
  const {B, rec} = page();
  const p = B.destination({apiKey: 'k', readyTimeoutMs: 60000});
  p.load({}, {user: () => ({id: () => 'u'})});
  assert.equal((await p.ready()).state, 'ready');
  const props = {ok: 1};
  Object.defineProperty(props, 'bad', {enumerable: true, get() { throw new Error('getter'); }});
  const trap = new Proxy({}, {get() { throw new Error('trap'); }, ownKeys() { throw new Error('keys'); }});
  const N = +process.env.GETTER_EVENTS || 300000;
  for (let i = 0; i < N; i++) {
    p.track({event: i % 2 ? {type: 'track', event: 'E', properties: props} : trap});
    // A burst is handed to Go 50 events a task (js/src/replay.js), and the
    // shim holds at most 10,000: let it drain now and then.
    if (i % 1000 == 999) while (B.status().counts.buffered > 0) await new Promise(setImmediate);
  }
  while (B.status().counts.buffered > 0) await new Promise(setImmediate);
  const c = B.status().counts;
  assert.equal(B.status().state, 'ready', rec.error.join('\n'));
  assert.equal(c.received, N);
  assert.equal(c.dropped, N / 2, 'the all-Proxy events have no type');
  assert.ok(c.sent >= N / 2, JSON.stringify(c));
  assert.equal(rec.error.length, 0, rec.error.join('\n'));
  // The getter costs its value only: the event's other property arrives.
  assert.deepEqual(rec.calls.at(-1), ['logCustomEvent', 'E', {ok: 1}]);
});

// Issue 16: the boot plan the real module makes, carried out by the shim
// before the module is there, gives the SDK exactly the calls Go's own
// start gives it.
test('real Go module: the boot plan makes the calls Go makes, and Go takes over', async () => {
  const {configure, ascii} = require('./bootplan.js');
  const settings = {apiKey: 'k', endpoint: 'sdk.fra-01.braze.eu', sessionTimeoutInSeconds: 60, readyTimeoutMs: 60000};
  const made = await configure(PLANNER, JSON.stringify(settings));
  assert.equal(made.ok, true);
  for (const user of ['u-1', null]) {
    const run = async plan => {
      const {rec, B} = page('n0nce');
      const p = B.destination(settings, plan);
      p.load({}, {user: () => ({id: () => user})});
      p.track({event: {type: 'track', event: 'Early', userId: user, properties: {a: 1}}});
      assert.equal((await p.ready()).state, 'ready', rec.error.join('\n'));
      while (!rec.calls.some(c => c[0] == 'logCustomEvent')) await new Promise(r => setImmediate(r));
      assert.deepEqual(rec.error, []);
      assert.deepEqual(rec.warn, []);
      return [rec.calls, B.status().counts, rec.priority];
    };
    const [planned, counts, low] = await run(ascii(made.plan));
    const [plain, plainCounts, auto] = await run();
    assert.deepEqual([low, auto], ['low', undefined], 'the plan was used (the module at low priority, else fetch\'s default, auto), and Go found it its own (no warning)');
    assert.deepEqual(planned, plain, 'the same calls, user ' + user);
    assert.deepEqual(counts, plainCounts, 'the same counts');
    assert.equal(planned.filter(c => c[0] == 'openSession').length, 1);
    assert.equal(planned.find(c => c[0] == 'initialize')[2].contentSecurityNonce, 'n0nce');
  }
});

// A value as the SDK got it, its Dates (of any realm) told from strings.
const typed = v => ({}).toString.call(v) == '[object Date]' ? {Date: v.getTime()} : Array.isArray(v) ? v.map(typed)
  : v && typeof v == 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typed(x)])) : v;

test('real Go module: an event\'s calls cross at once (bridge.calls) and reach the SDK as plan() shows them', async () => {
  const events = [
    {type: 'identify', userId: 'u-1', traits: {email: 'a@b.c', gender: 'female', birthday: '1990-12-10T00:00:00.000Z', since: '2021-05-06T10:00:00Z', tags: ['a', 'b']}},
    {type: 'track', event: 'Viewed', properties: {at: '2021-05-06T10:00:00Z', list: ['2021-05-06T10:00:01Z', 1], nested: {d: '2021-05-06T10:00:02Z', z: -0}, s: 'x\u2028\u00e9 "q"'}},
    {type: 'track', event: 'Order Completed', properties: {products: [{product_id: 'p', price: 2, quantity: 1, at: '2021-05-06T10:00:03Z'}], currency: 'EUR'}},
  ];
  const planned = await page().B.plan({apiKey: 'k', assetsUrl: planner}, events);
  assert.equal(planned.ok, true, JSON.stringify(planned.error));
  const want = planned.calls.filter(c => c.event >= 0).map(c => [c.method, ...typed(c.args)]);
  assert.ok(want.length >= 8, JSON.stringify(want));
  assert.ok(JSON.stringify(want).includes('{"Date":1620295201000}'), 'a date inside an array');

  const {w, rec, B} = page();
  const p = B.destination({apiKey: 'k', readyTimeoutMs: 60000});
  p.load({}, {user: () => ({id: () => null})});
  assert.equal((await p.ready()).state, 'ready', rec.error.join('\n'));
  const start = rec.calls.raw.length;
  for (const event of events) p[event.type]({event});
  while (B.status().counts.sent < start + want.length) await new Promise(r => setImmediate(r));
  assert.deepEqual(rec.calls.raw.slice(start).map(typed), want);
  assert.equal(rec.error.length, 0, rec.error.join('\n'));

  // What each call did, as Go says it when it makes them itself.
  const sdk = w.braze, was = B.status().counts;
  sdk.logCustomEvent = () => false;
  sdk.changeUser = () => { throw Error('boom'); };
  sdk.logPurchase = undefined;
  p.track({event: {type: 'track', userId: 'u-2', event: 'Refused'}});
  p.track({event: {type: 'track', event: 'Order Completed', properties: {products: [{product_id: 'p', price: 2}]}}});
  while (B.status().counts.received < was.received + 2 || B.status().counts.dropped < was.dropped + 2) await new Promise(r => setImmediate(r));
  assert.equal(B.status().counts.sent, was.sent, 'none sent');
  for (const said of ['changeUser threw: JavaScript error: boom', 'the Braze SDK refused logCustomEvent: not sent', 'logPurchase is not a function in this SDK version']) {
    assert.ok(rec.warn.some(m => m.includes(said)), said + ' in ' + rec.warn.join('\n'));
  }
});
