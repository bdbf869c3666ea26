// Tests for braze-wasm.js: node --test js/ (Node 20, no packages).
//
// The shim is a classic browser script, so each test evaluates it with node:vm against a fake
// window and document: scripts "load" when appended (wasm_exec.js defines a fake Go whose run()
// fills in a fake bridge per bridge.d.ts; the SDK script defines a fake braze or appboy global).
// Real-browser tests with the real Go module, analytics-next and Braze SDK live elsewhere.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

// Every timer of the shims, cleared once all tests have run: a destination
// whose SDK never loads still waits for its ready timeout, which the fake
// Go does not cap at 60 s as Go does (1e9 ms), and a pending timer keeps
// node --test from exiting.
const timers = new Set();
const track = t => (timers.add(t), t);
test.after(() => timers.forEach(clearTimeout));

// The built script-tag file (make build), as a site gets it.
const SRC = fs.readFileSync(path.join(__dirname, '..', 'build', 'braze-wasm.js'), 'utf8');
const PKG = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8'));
const SHIM_URL = 'https://assets.example.com/braze-wasm/braze-wasm.js';
const CDN = 'https://js.appboycdn.com/web-sdk/';
const PAGE = 'https://shop.example.com/cart/';

// Objects made inside the vm have another realm's prototypes; compare plain data.
const plain = v => JSON.parse(JSON.stringify(v));
const tick = () => new Promise(r => setImmediate(r));

// until waits for pred, at most ms: generous, since a machine busy with other
// work can be many times slower; the bound only limits how long a failure takes.
async function until(pred, what, ms = 30000) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) assert.fail('timed out waiting for ' + what);
    await tick();
  }
}

// site is one origin's localStorage and Web Locks, shared by its page
// views (envs): as the browser's, as far as the shim uses them. A page
// view's locks are let go when it is gone (its env's leave()), or when the
// promise its callback returned settles. quota: the most characters of
// keys and values it holds (setItem throws QuotaExceededError past it).
function site({quota = Infinity} = {}) {
  const held = new Map(); // lock name -> the page view that holds it
  const items = new Map();
  class Storage {
    getItem(k) { return items.has(String(k)) ? items.get(String(k)) : null; }
    setItem(k, v) {
      k = String(k), v = String(v);
      let used = k.length + v.length;
      for (const [ik, iv] of items) if (ik != k) used += ik.length + iv.length;
      if (used > quota) throw Object.assign(new Error(`Failed to execute 'setItem' on 'Storage': Setting the value of '${k}' exceeded the quota.`), {name: 'QuotaExceededError'});
      items.set(k, v);
    }
    removeItem(k) { items.delete(String(k)); }
  }
  // Object.keys(localStorage) and localStorage[k] list and read the items.
  const storage = new Proxy(new Storage, {
    ownKeys: () => [...items.keys()],
    getOwnPropertyDescriptor: (t, k) => items.has(k) ? {value: items.get(k), enumerable: true, configurable: true} : undefined,
    get: (t, k) => k in t ? t[k].bind(t) : items.get(k),
  });
  return {
    items, held, storage,
    // locks(page) is navigator.locks for one page view.
    locks: page => ({
      request(name, opts, cb) {
        return new Promise(r => setImmediate(r)).then(() => {
          if (page.gone) return new Promise(() => {}); // a gone page's requests go with it
          if (held.has(name)) return cb(null);
          held.set(name, page);
          return Promise.resolve(cb({name})).finally(() => held.get(name) == page && held.delete(name));
        });
      },
    }),
    // leave lets go of the locks of a page view that is gone.
    leave: page => { page.gone = true; held.forEach((p, n) => p == page && held.delete(n)); },
  };
}

function fakeBraze(rec) {
  const b = {
    initialize(...a) { rec.sdk.push(['initialize', a]); if (rec.initThrows) throw Error(rec.initThrows); return true; },
    automaticallyShowInAppMessages(...a) { rec.sdk.push(['automaticallyShowInAppMessages', a]); },
    subscribeToInAppMessage(fn) { rec.iam.push(fn); return 'sub' + rec.iam.length; },
    requestPushPermission(...a) { rec.sdk.push(['requestPushPermission', a]); },
    unregisterPush(...a) { rec.sdk.push(['unregisterPush', a]); },
    showInAppMessage(...a) { rec.sdk.push(['showInAppMessage', a]); return true; },
    isPushSupported: () => true, // Braze 4+ functions never use this
    isPushPermissionGranted: () => false,
    isPushBlocked: () => false,
    logCustomEvent(...a) { rec.sdk.push(['logCustomEvent', a]); return true; },
    requestImmediateDataFlush() { rec.flushes++; },
    getUser: () => ({id: 'user'}),
    changeUser(...a) { rec.sdk.push(['changeUser', a]); },
    openSession() { rec.sdk.push(['openSession', []]); },
    InAppMessage: class InAppMessage {},
    User: {Genders: {FEMALE: 'f'}},
  };
  return b;
}

function fakeAppboy(rec) {
  return {
    initialize(...a) { rec.sdk.push(['initialize', a]); return true; },
    subscribeToNewInAppMessages(fn) { rec.iam.push(fn); return 'sub' + rec.iam.length; },
    display: {showInAppMessage() {}, automaticallyShowNewInAppMessages(...a) { rec.sdk.push(['display.automaticallyShowNewInAppMessages', a]); }},
    changeUser(...a) { rec.sdk.push(['changeUser', a]); },
    openSession() { rec.sdk.push(['openSession', []]); },
  };
}

// env builds a fake page and runs the shim in it. Options:
//   attrs      attributes of the shim's script tag (data-settings)
//   nonce      the tag's nonce
//   sdk        'ok' (default) | 'error' | 'manual' (release with env.release()) | 'empty' (no global)
//   wasmExec   'ok' | 'error'
//   wasm       'ok' | 'csp' | 'mime' (the server says application/octet-stream)
//              | 'held' (the download ends with env.releaseWasm()) | 'hang' (never arrives)
//   site       the origin's localStorage and Web Locks (site()), shared by page views
//   storage    'blocked' (reading localStorage throws) | 'nolocks' (no navigator.locks)
//   configure  function(settings, hooks) returning a ConfigureResult, or a partial result
//   start      partial StepResult for start
//   handle     function(event) returning a partial StepResult
//   analytics  window.analytics
//   tt         'enforced' (Trusted Types), 'refused' (our policy), or both: 'enforced refused'
//   deferred   only-known-users mode: start() opens no session; the first identify does
//   page       the page's URL (PAGE)
//   globals    the page's own globals, set before the shim runs
//   hidden     document.hidden
//   goStops    Go exits at start, before its main fills in the bridge
//   stillClock the page's performance.now() stands still, so that the replay's
//              50 ms budget never ends a task: a test that counts the events
//              a task hands over counts CHUNK's, not how long a busy machine
//              paused the test (the budget has a test of its own, in real time).
//              No timeout ends while it stands still: a wait must end on a state.
function env(opts = {}) {
  const rec = {
    scripts: [], fetches: [], warn: [], info: [], debug: [], error: [], configure: [], start: [], handle: [], json: [], plan: [],
    iam: [], sdk: [], compile: 0, streamed: [], goEnv: null, timers: [], fired: [], printed: [], listeners: {}, flushes: 0,
  };
  let releaseSDK, exitGo, releaseWasm;
  // Released before or after the module is asked for.
  const wasmHeld = new Promise(r => { releaseWasm = r; });
  const w = {
    console: {warn: m => rec.warn.push(String(m)), info: m => rec.info.push(String(m)), debug: m => rec.debug.push(String(m)), error: m => rec.error.push(String(m)), log() {}},
    setTimeout: (f, ms, ...a) => (rec.timers.push(ms), track(setTimeout((...b) => (rec.fired.push(ms), f(...b)), ms, ...a))), clearTimeout, queueMicrotask, URL, TextEncoder, TextDecoder,
    performance: opts.stillClock ? {now: () => 0, timeOrigin: performance.timeOrigin} : performance,
    analytics: opts.analytics,
    // A message is a task of its own, like the browser's; Node's own
    // MessageChannel would keep the test process alive.
    MessageChannel: class {
      constructor() {
        this.port1 = {};
        this.port2 = {postMessage: () => setImmediate(() => this.port1.onmessage({}))};
      }
    },
    addEventListener: (type, fn) => { rec.listeners[type] = fn; },
    ...opts.globals,
  };
  // A site of its own unless the test shares one between page views;
  // storage: 'blocked' (a sandboxed iframe: reading localStorage throws)
  // or 'nolocks' (no Web Locks: an old browser, an http: page).
  const origin = opts.site || site(), me = {};
  if (opts.storage != 'nolocks') w.navigator = {locks: origin.locks(me)};
  Object.defineProperty(w, 'localStorage', {get() {
    if (opts.storage == 'blocked') throw Object.assign(new Error("Failed to read the 'localStorage' property from 'Window': The document is sandboxed and lacks the 'allow-same-origin' flag."), {name: 'SecurityError'});
    return origin.storage;
  }});
  w.window = w;
  const pageUrl = new URL(opts.page || PAGE);
  w.location = {href: pageUrl.href, protocol: pageUrl.protocol};

  const tag = opts.noTag ? null : {
    src: SHIM_URL, nonce: opts.nonce || '',
    getAttribute: n => (opts.attrs && n in opts.attrs ? opts.attrs[n] : null),
  };

  function onScript(el) {
    const src = String(el.src);
    if (src.endsWith('/wasm_exec.js')) {
      if (opts.wasmExec === 'error') return setImmediate(() => el.onerror({type: 'error'}));
      // Like the real wasm_exec.js: fs, process and path unless the page has them; Go always.
      if (!w.fs) w.fs = {writeSync: (fd, text) => rec.printed.push([fd, text])};
      if (!w.process) w.process = {pid: -1};
      if (!w.path) w.path = {resolve: (...a) => a.join('/')};
      w.Go = FakeGo;
      return setImmediate(() => el.onload());
    }
    // Like the real files: appboy*.js define window.appboy, braze*.js window.braze.
    const done = () => {
      if (opts.sdk !== 'empty') /\/appboy[^/]*$/.test(src) ? w.appboy = fakeAppboy(rec) : w.braze = fakeBraze(rec);
      el.onload();
    };
    if (opts.sdk === 'error') return setImmediate(() => el.onerror({type: 'error'}));
    if (opts.sdk === 'manual') { releaseSDK = done; return; }
    if (opts.sdk === 'hang') return;
    setImmediate(done);
  }

  const document = {
    hidden: !!opts.hidden,
    // 'loading': the page's own content is still loading (rec.listeners.load()).
    readyState: opts.readyState || 'complete',
    baseURI: pageUrl.href,
    currentScript: tag,
    // query: the page's own elements by selector (none unless a test has some).
    querySelector: sel => opts.query?.(sel) ?? null,
    createElement: () => {
      if (!/enforced/.test(opts.tt)) return {};
      // Trusted Types enforced: string assignment to src throws.
      let src;
      return {
        get src() { return src; },
        set src(v) {
          if (!(v && v.trusted)) throw new TypeError("This document requires 'TrustedScriptURL' assignment.");
          src = String(v);
        },
      };
    },
    head: {appendChild(el) { rec.scripts.push(el); onScript(el); }},
  };
  w.document = document;
  if (opts.tt) {
    w.trustedTypes = {createPolicy(name, rules) {
      // A CSP trusted-types directive that does not list our policy.
      if (/refused/.test(opts.tt)) throw new TypeError(`Failed to create a TrustedTypePolicy named '${name}'`);
      rec.policy = name;
      rec.policyRules = rules;
      return {createScriptURL: u => { const v = rules.createScriptURL(u); return {trusted: true, toString: () => v}; }};
    }};
  }

  // Response and fetch as the browser's, as far as the shim uses them: a
  // body (a stream: its identity is what counts) and headers.
  const headers = h => ({get: k => h[k.toLowerCase()] ?? null});
  w.Response = class {
    constructor(body, init = {}) {
      this.body = body;
      this.headers = headers(Object.fromEntries(Object.entries(init.headers || {}).map(([k, v]) => [k.toLowerCase(), v])));
    }
  };
  w.fetch = async (url, init) => {
    rec.fetches.push(url);
    rec.fetchInit = init;
    if (opts.wasm === 'held') await wasmHeld;
    if (opts.wasm === 'hang') return new Promise(() => {}); // the visitor leaves first
    const body = {stream: url};
    rec.body = body;
    return rec.fetched = {ok: true, status: 200, body, headers: headers({'content-type': opts.wasm === 'mime' ? 'application/octet-stream' : 'application/wasm'})};
  };
  w.WebAssembly = {
    // As the browser's: a TypeError unless the Response says application/wasm.
    async compileStreaming(resp) {
      resp = await resp;
      rec.streamed.push(resp);
      if (opts.wasm === 'csp') {
        const e = new Error("WebAssembly.compileStreaming(): Compiling or instantiating WebAssembly module violates the following Content Security policy directive because 'unsafe-eval' is not an allowed source of script");
        e.name = 'CompileError';
        throw e;
      }
      if (resp.headers.get('Content-Type') !== 'application/wasm') throw new TypeError("Failed to execute 'compile' on 'WebAssembly': Incorrect response MIME type. Expected 'application/wasm'.");
      return {};
    },
    async compile() { rec.compile++; return {}; },
    async instantiate() { return instance; }, // the Instance: its exports over a fake memory, below
  };

  // Go's exports over a fake linear memory (wasm/entry_js.go): the input
  // at IN, the status at 0 and the result's JSON after the input. The
  // event's JSON text is recorded and handed to bridge.handle parsed.
  const IN = 64, mem = {buffer: new ArrayBuffer(1 << 16)};
  const instance = {exports: {
    mem,
    brazeBuffer(n) {
      // Grown by whole 64 KiB pages, as wasm memory grows: old views detach.
      if (IN + 2 * n + 4096 > mem.buffer.byteLength) mem.buffer = new ArrayBuffer(Math.ceil((IN + 2 * n + 4096) / 65536) * 65536);
      return IN;
    },
    brazeHandle(n) {
      const json = new TextDecoder().decode(new Uint8Array(mem.buffer, IN, n));
      rec.json.push(json);
      const r = bridge.handle(JSON.parse(json));
      // Numbers only: ready, sent, dropped, buffered, dataPoints, saved,
      // (no text), warnings and infos said before.
      if (r.status) return new Int32Array(mem.buffer, 0, 10).set(r.status), 0;
      const out = new TextEncoder().encode(JSON.stringify(r));
      new Uint8Array(mem.buffer).set(out, IN + n);
      new Int32Array(mem.buffer, 0, 10).set([0, 0, 0, 0, 0, 0, IN + n, out.length, 0, 0]);
      return 0;
    },
  }};

  const bridge = {
    configure(settings, hooks) {
      settings = JSON.parse(settings);
      rec.configure.push(plain(settings));
      rec.hooks = hooks;
      const version = String(settings.version ?? settings.sdkVersion ?? '6.13');
      // Go's reading of readyTimeoutMs (core/settings_parse.go): bounded, so
      // that no wait outlives the test.
      const t = /^[sn]/.test(typeof settings.readyTimeoutMs) ? Math.ceil(settings.readyTimeoutMs) : NaN;
      const base = {
        ok: true, warnings: [], sdkUrl: settings.sdkUrl || `${CDN}6.13/braze.no-module.min.js`, sdkIntegrity: settings.sdkIntegrity || '',
        version, family: 'braze', global: 'braze', readyTimeoutMs: t > 0 ? Math.min(t, 60000) : 5000,
        appboyCompat: settings.appboyCompat !== false, onlyKnownUsers: false,
        // As Go: the plan the settings make, which a test says is the one the page carries.
        plan: typeof hooks.plan == 'string' ? hooks.plan : undefined,
      };
      const r = typeof opts.configure == 'function' ? opts.configure(settings, hooks, base) : {...base, ...opts.configure};
      rec.cfg = r;
      return r;
    },
    start(id, done) {
      rec.start.push(id);
      rec.done = done;
      // As Go after the shim made the plan's calls: none again.
      if (done) return {ok: true, state: done[0] === true ? 'ready' : 'failed', sent: done.length, dropped: 0, buffered: 0, warnings: [], ...opts.start};
      rec.startedWithQueue = rec.handle.length;
      if (opts.deferred) return {ok: true, state: 'deferred', sent: 0, dropped: 0, buffered: 0, warnings: []};
      rec.appboyAtOpen = !!w.appboy;
      rec.hooks.beforeOpenSession(rec.hooks.sdk || w[rec.cfg.global]); // as Go: hooks.sdk first
      rec.sdk.push(['openSession', []]);
      return {ok: true, state: 'ready', sent: 3, dropped: 0, buffered: 0, warnings: [], ...opts.start};
    },
    handle(ev) {
      rec.handle.push(ev);
      if (opts.deferred && ev.type == 'identify' && !rec.opened) { // as Go: initialize, changeUser, openSession
        rec.opened = true;
        rec.hooks.beforeOpenSession(rec.hooks.sdk);
        rec.iamAtOpen = rec.iam.length;
        rec.sdk.push(['openSession', []]);
      }
      return {ok: true, state: 'ready', sent: 1, dropped: 0, buffered: 0, warnings: [], ...(opts.handle && opts.handle(ev))};
    },
    plan(settings, events, options, total) {
      rec.plan.push([JSON.parse(settings), events.map(e => JSON.parse(e)), plain(options), total]);
      return {ok: true, calls: [{method: 'initialize', args: ['k', {}]}], warnings: [], dataPoints: 1, sdkUrl: 'x'};
    },
  };
  // Go prints through the global fs, looked up by name when it prints, as
  // wasm_exec.js's runtime.wasmWrite(sp) does (here sp is the text). Go's
  // main fills in the bridge inside run() and blocks: run's promise
  // settles only when Go exits (exitGo).
  class FakeGo {
    constructor() {
      this.importObject = {gojs: {'runtime.wasmWrite': vm.runInContext('sp => fs.writeSync(2, sp)', w)}};
      this.env = {};
      rec.go = this;
    }
    // Async, as wasm_exec.js's: even a Go that exits at once settles it only after an await.
    async run() {
      rec.goEnv = this.env;
      rec.globalsInRun = ['fs', 'process', 'path', 'Go', '__brazeWasm'].filter(k => w[k]);
      rec.processInRun = w.process;
      if (!opts.goStops) Object.assign(w.__brazeWasm, bridge);
      await new Promise(r => { exitGo = r; if (opts.goStops) r(); });
    }
  }

  vm.createContext(w);
  vm.runInContext(SRC, w, {filename: 'braze-wasm.js'});
  return {
    w, rec, B: w.BrazeWasm,
    leave: () => origin.leave(me),
    release: () => releaseSDK(),
    releaseWasm: () => releaseWasm(),
    exitGo: () => exitGo(),
    sdkScripts: () => rec.scripts.filter(s => !String(s.src).endsWith('/wasm_exec.js')),
  };
}

// loaded is a page with a destination that Analytics.js loaded, ready.
async function loaded() {
  const e = env();
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  return {e, p};
}

// A minimal analytics-next stand-in: a user with a stored id, contexts with an event.
const analytics = (id = 'u1') => ({user: () => ({id: () => id})});
const ctx = (type, extra) => ({event: {type, ...extra}});
const state = e => e.B.status().state;

test('the shim stays small and CSP-friendly', () => {
  const br = zlib.brotliCompressSync(SRC, {params: {[zlib.constants.BROTLI_PARAM_QUALITY]: 11}});
  // The one budget, also read by make size-check.
  const budget = +fs.readFileSync(path.join(__dirname, '..', 'bench', 'budgets.txt'), 'utf8').match(/^braze-wasm\.js\s+(\d+)$/m)[1];
  assert.ok(budget > 0 && br.length <= budget, `braze-wasm.js is ${br.length} bytes brotli, over its budget of ${budget} (bench/budgets.txt)`);
  // No eval-like sinks (CSP without 'unsafe-eval'), no HTML sinks (Trusted Types), no string timers.
  for (const bad of [/\beval\(/, /new Function/, /innerHTML|outerHTML|document\.write/, /setTimeout\(\s*['"`]/, /\bimport\(/]) {
    assert.doesNotMatch(SRC, bad);
  }
  assert.doesNotThrow(() => new vm.Script(SRC), 'a classic script, not a module');
});

test('the shim is ASCII: served without a charset, it reads the same in any page encoding', () => {
  assert.doesNotMatch(SRC, /[^\x00-\x7f]/);
});

test('plugin shape follows the analytics-next destination contract', () => {
  const e = env();
  const p = e.B.destination({apiKey: 'k'});
  assert.equal(p.name, 'Braze (WASM)');
  assert.equal(p.type, 'destination');
  assert.equal(p.version, PKG.version);
  assert.equal(p.alternativeNames, undefined, 'Go decides for Segment\'s Braze names (core/integrations.go)');
  for (const m of ['isLoaded', 'load', 'ready', 'identify', 'track', 'page', 'group', 'unload', 'addMiddleware']) {
    assert.equal(typeof p[m], 'function', m);
  }
  for (const m of ['destination', 'status', 'whenReady', 'sdk', 'onInAppMessage', 'plan']) {
    assert.equal(typeof e.B[m], 'function', m);
  }
  assert.equal(p.isLoaded(), false);
});

test('package.json lists the files the build ships', () => {
  assert.equal(PKG.name, 'segment-braze-wasm');
  for (const f of ['braze-wasm.js', 'braze-wasm.wasm', 'wasm_exec.js']) assert.ok(PKG.files.includes(f), f);
  assert.deepEqual(PKG.dependencies || {}, {});
});

test('assets load next to the shim, with GOGC=25, then the SDK at the URL configure gives', async () => {
  const sdkUrl = 'https://cdn.example.com/braze-6.js';
  const e = env({sdk: 'manual', configure: {sdkUrl, sdkIntegrity: 'sha384-go'}});
  e.B.destination({apiKey: 'k'});
  assert.deepEqual(e.rec.fetches, ['https://assets.example.com/braze-wasm/braze-wasm.wasm']);
  assert.deepEqual(e.rec.scripts.map(s => s.src), ['https://assets.example.com/braze-wasm/wasm_exec.js']);
  // No URL guess of the shim's own: the SDK waits for Go's answer.
  await until(() => e.rec.configure.length, 'configure');
  assert.deepEqual(plain(e.rec.goEnv), {GOGC: '25'});
  assert.equal(e.rec.streamed.length, 1);
  assert.equal(e.rec.compile, 0);
  assert.deepEqual(e.sdkScripts().map(s => [s.src, s.integrity]), [[sdkUrl, 'sha384-go']]);
});

test('assetsUrl overrides the shim folder', async () => {
  for (const assetsUrl of ['https://static.example.org/bw', 'https://static.example.org/bw/']) {
    const e = env();
    e.B.destination({apiKey: 'k', assetsUrl});
    assert.deepEqual(e.rec.fetches, ['https://static.example.org/bw/braze-wasm.wasm']);
    assert.equal(e.rec.scripts[0].src, 'https://static.example.org/bw/wasm_exec.js');
  }
});

test('sdkUrl with sdkIntegrity, and the page nonce on scripts and in hooks.nonce for Go', async () => {
  const e = env({nonce: 'n0nce'});
  const p = e.B.destination({apiKey: 'k', sdkUrl: '/vendor/braze.js', sdkIntegrity: 'sha384-abc'});
  p.load({}, analytics());
  await p.ready();
  const [sdk] = e.sdkScripts();
  assert.equal(sdk.src, 'https://shop.example.com/vendor/braze.js', 'a relative sdkUrl resolves against the page');
  assert.equal(sdk.integrity, 'sha384-abc');
  assert.equal(sdk.crossOrigin, 'anonymous');
  assert.equal(sdk.nonce, 'n0nce');
  assert.equal(e.rec.scripts[0].nonce, 'n0nce');
  assert.equal(e.rec.scripts[0].integrity, undefined);
  // Go fills in contentSecurityNonce (core.ParsePageSettings): the settings cross as given.
  assert.equal(e.rec.hooks.nonce, 'n0nce');
  assert.deepEqual(e.rec.configure[0], {apiKey: 'k', sdkUrl: '/vendor/braze.js', sdkIntegrity: 'sha384-abc'});
});

test('hooks.nonce: the tag\'s nonce, else the first script[nonce]\'s, else empty; a set contentSecurityNonce crosses as it is', async () => {
  const otherScript = sel => sel == 'script[nonce]' ? {nonce: 'other'} : null;
  const e = env({nonce: 'n0nce'});
  e.w.document.querySelector = otherScript;
  e.B.destination({apiKey: 'k', contentSecurityNonce: 'mine'});
  // The tag without a nonce (a bundle, or a browser hiding it): another script's.
  const other = env();
  other.w.document.querySelector = otherScript;
  other.B.destination({apiKey: 'k'});
  const none = env();
  none.B.destination({apiKey: 'k'});
  await until(() => e.rec.configure.length && other.rec.configure.length && none.rec.configure.length, 'configure');
  assert.equal(e.rec.hooks.nonce, 'n0nce');
  assert.equal(e.rec.configure[0].contentSecurityNonce, 'mine');
  assert.equal(other.rec.hooks.nonce, 'other');
  assert.equal(other.rec.scripts[0].nonce, 'other', 'and on our scripts');
  assert.equal(none.rec.hooks.nonce, '');
  assert.equal(none.rec.configure[0].contentSecurityNonce, undefined);
});

test('Trusted Types: a braze-wasm policy when plain assignment throws', async () => {
  const e = env({tt: 'enforced'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal(e.rec.policy, 'braze-wasm');
  assert.equal((await p.ready()).state, 'ready');
  assert.deepEqual(e.rec.scripts.map(s => String(s.src)), ['https://assets.example.com/braze-wasm/wasm_exec.js', `${CDN}6.13/braze.no-module.min.js`]);
});

test('Trusted Types not enforced and our policy refused: plain assignment', async () => {
  const e = env({tt: 'refused'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'ready');
  assert.equal(e.rec.policy, undefined);
  assert.equal(e.sdkScripts()[0].src, `${CDN}6.13/braze.no-module.min.js`);
});

test('Trusted Types enforced and our policy refused: blocked, one error that says why', async () => {
  const e = env({tt: 'enforced refused'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'blocked');
  await tick();
  // wasm_exec.js fails, and with it the wasm: no SDK is asked for.
  assert.equal(e.rec.error.length, 1, e.rec.error.join('\n'));
  assert.match(e.rec.error[0], /wasm_exec\.js: .*TrustedScriptURL/);
  assert.equal(e.rec.configure.length, 0);
});

test('events before the SDK and wasm are ready are buffered in order and replayed once', async () => {
  const e = env({sdk: 'manual', stillClock: true});
  const p = e.B.destination({apiKey: 'k'});
  const a = analytics('user-7');
  const c1 = ctx('track', {event: 'A'}), c2 = ctx('identify', {userId: 'user-7'}), c3 = ctx('page', {name: 'Home'});
  // analytics-next delivers before load() resolves (it does not await it).
  p.load({}, a);
  assert.equal(p.track(c1), c1);
  assert.equal(p.identify(c2), c2);
  await until(() => e.rec.configure.length, 'configure');
  assert.equal(p.page(c3), c3);
  assert.equal(e.rec.handle.length, 0);
  assert.equal(e.B.status().counts.buffered, 3);
  assert.equal(state(e), 'loading');
  assert.equal(e.B.sdk(), undefined);

  e.release();
  await until(() => state(e) == 'ready', 'ready');
  assert.deepEqual(plain(e.rec.start), ['user-7']);
  assert.equal(e.rec.startedWithQueue, 0, 'start() runs before the replay');
  assert.deepEqual(e.rec.handle, [c1.event, c2.event, c3.event]);

  const c4 = ctx('group', {groupId: 'g'});
  p.group(c4);
  assert.deepEqual(e.rec.handle, [c1.event, c2.event, c3.event, c4.event]);
  const s = e.B.status();
  assert.deepEqual(plain(s.counts), {received: 4, sent: 3 + 4, buffered: 0, dropped: 0, warnings: 0, info: 0, dataPoints: 0, saved: 0, carried: 0});
  assert.equal(s.sdkVersion, '6.13');
  assert.equal(s.apiFamily, 'braze');
  assert.equal(s.lastError, null);
  assert.equal(p.isLoaded(), true);
  assert.equal(e.B.sdk(), e.w.braze);
  assert.equal(e.rec.error.length, 0);
});

// held loads a plugin, sends n track events {i} before the SDK is there,
// and releases the SDK; ready is the plugin's ready(), asked before.
async function held(n, opts) {
  const e = env({sdk: 'manual', ...opts});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  for (let i = 0; i < n; i++) p.track(ctx('track', {event: i})); // only the members core reads reach Go
  await until(() => e.rec.configure.length, 'configure');
  const ready = p.ready();
  e.release();
  return {e, p, ready, ids: () => e.rec.handle.map(ev => ev.event)};
}
const range = (from, to) => Array.from({length: to - from}, (_, i) => from + i);

test('a backlog is replayed 50 events a task, the SDK flushed after each chunk, ready not waiting for it', async () => {
  const {e, p, ready, ids} = await held(120, {stillClock: true});
  const s = await ready;
  assert.equal(s.state, 'ready');
  assert.equal(e.rec.handle.length, 50, 'the first chunk, in the task that started the SDK');
  assert.equal(s.counts.buffered, 70, 'ready resolved with the rest still held');
  assert.equal(e.rec.flushes, 0);
  p.track(ctx('track', {event: 'late'})); // queues behind the backlog
  assert.equal(e.rec.handle.length, 50);
  await until(() => e.rec.handle.length == 121, 'the replay');
  assert.deepEqual(ids(), [...range(0, 120), 'late']);
  // 3 start calls + 50, then 50: a flush after each; the last 21 stay for the SDK's own timer.
  assert.equal(e.rec.flushes, 2);
  assert.equal(e.B.status().counts.buffered, 0);
});

test('a slow backlog: a task stops after 50 ms of events, short of 50 events', async () => {
  // Each event takes 2 ms or more: at most 26 fit in 50 ms.
  const {e, ready, ids} = await held(120, {handle() { const t = Date.now(); while (Date.now() - t < 2); }});
  await ready;
  const first = e.rec.handle.length;
  assert.ok(first > 0 && first <= 26, `first task: ${first} events`);
  await until(() => e.rec.handle.length == 120, 'the replay');
  assert.deepEqual(ids(), range(0, 120));
});

test('a burst after ready in one task: 50 events in that task, the rest in the next ones, in order', async () => {
  const e = env({stillClock: true});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  for (let i = 0; i < 120; i++) p.track(ctx('track', {event: i})); // only the members core reads reach Go
  assert.equal(e.rec.handle.length, 50);
  await until(() => e.rec.handle.length == 120, 'the rest');
  assert.deepEqual(e.rec.handle.map(ev => ev.event), range(0, 120));
  assert.equal(e.rec.flushes, 2);
});

test('pagehide, or the page hidden, hands the whole backlog to Go at once', async () => {
  const {e, ready, ids} = await held(300, {stillClock: true});
  await ready;
  assert.equal(e.rec.handle.length, 50);
  // The browser calls a listener with the Event.
  e.rec.listeners.pagehide({type: 'pagehide', persisted: false});
  assert.deepEqual(ids(), range(0, 300), 'in the pagehide handler itself');
  assert.equal(e.rec.flushes, 0, 'no request that the unload would cut off');

  const h = await held(300, {stillClock: true});
  await h.ready;
  assert.equal(h.e.rec.handle.length, 50);
  h.e.w.document.hidden = true;
  h.e.rec.listeners.visibilitychange({type: 'visibilitychange'});
  assert.deepEqual(h.ids(), range(0, 300), 'in the visibilitychange handler itself');
});

test('a page hidden from the start gets its backlog in one task', async () => {
  const {e, ready} = await held(300, {hidden: true});
  await ready;
  assert.equal(e.rec.handle.length, 300);
});

test('an event sent from inside a handle (an SDK callback) is handled after it, not within', async () => {
  let p, depth = 0;
  const seen = [];
  const e = env({handle(ev) {
    seen.push([ev.event, depth]);
    depth++;
    if (ev.event == 'A') p.track(ctx('track', {event: 'nested'}));
    depth--;
  }});
  p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  p.track(ctx('track', {event: 'A'}));
  p.track(ctx('track', {event: 'B'}));
  // At once, or in the next task once a busy machine used up the task's 50 ms.
  await until(() => seen.length == 3, 'the three events');
  assert.deepEqual(seen, [['A', 0], ['nested', 0], ['B', 0]]);
});

test('events that arrive before load() are kept, and start waits for load()', async () => {
  const e = env();
  const p = e.B.destination({apiKey: 'k'});
  await until(() => e.B.sdk() || e.w.braze, 'sdk script');
  await tick();
  assert.equal(e.rec.start.length, 0, 'no start before Analytics.js loads the plugin');
  const c1 = ctx('track', {event: 'early'});
  p.track(c1); // claims the plugin: start with no known user
  await until(() => state(e) == 'ready', 'ready');
  assert.deepEqual(plain(e.rec.start), [null]);
  assert.deepEqual(e.rec.handle, [c1.event]);
});

test('ready() resolves on ready, deferred, blocked, failed and at the timeout', async () => {
  const cases = [
    [{}, 'ready'],
    [{start: {state: 'deferred', sent: 0}}, 'deferred'],
    [{sdk: 'error'}, 'blocked'],
    [{wasmExec: 'error'}, 'blocked'],
    [{configure: {ok: false, error: {code: 'missing_api_key', field: 'apiKey', message: 'apiKey: missing'}}}, 'failed'],
    [{start: {ok: false, state: undefined, error: {code: 'panic', message: 'start: boom'}}}, 'failed'],
  ];
  for (const [opts, want] of cases) {
    const e = env(opts);
    const p = e.B.destination({apiKey: 'k'});
    const r = p.load({}, analytics());
    assert.equal((await p.ready()).state, want, JSON.stringify(opts));
    assert.equal((await r).state, want, 'load() resolves like ready()');
  }
  const e = env({sdk: 'hang'});
  const p = e.B.destination({apiKey: 'k', readyTimeoutMs: 30});
  p.load({}, analytics());
  const s = await p.ready();
  assert.equal(s.state, 'loading');
  // The cause, not a time: Node runs a timer by the loop's clock, which a
  // busy machine leaves behind Date.now(), so 30 ms can end 25 ms early.
  assert.ok(e.rec.fired.length > 0, 'released by the readyTimeoutMs timer, not at once');
});

test('whenReady resolves once the SDK is initialised or final, else at the timeout', async () => {
  const e = env({start: {state: 'deferred', sent: 0}});
  const p = e.B.destination({apiKey: 'k', onlyTrackKnownUsersOnWeb: true});
  p.load({}, analytics(null));
  await p.ready();
  assert.equal((await e.B.whenReady(20)).state, 'deferred', 'deferred is not initialised: timeout');
  const e2 = env();
  e2.B.destination({apiKey: 'k'}).load({}, analytics());
  // Bounds far beyond what these take, so that only the state settles them.
  assert.equal((await e2.B.whenReady(30000)).state, 'ready');
  const e3 = env({sdk: 'error'});
  e3.B.destination({apiKey: 'k'});
  assert.equal((await e3.B.whenReady(30000)).state, 'blocked');
});

test('SDK script error: blocked, one console.error naming the URL, events dropped', async () => {
  const e = env({sdk: 'error'});
  const p = e.B.destination({apiKey: 'k', sdkUrl: 'https://cdn.example.com/braze.js'});
  p.load({}, analytics());
  p.track(ctx('track', {event: 'A'}));
  await p.ready();
  await until(() => e.rec.configure.length, 'configure');
  await tick();
  p.track(ctx('track', {event: 'B'}));
  assert.equal(state(e), 'blocked');
  assert.equal(e.rec.error.length, 1, e.rec.error.join('\n'));
  assert.match(e.rec.error[0], /^\[braze-wasm\] .*https:\/\/cdn\.example\.com\/braze\.js.*ad blocker/);
  assert.doesNotMatch(e.rec.error[0], /SRI/);
  assert.equal(e.B.status().lastError, e.rec.error[0].slice('[braze-wasm] '.length));
  assert.deepEqual(plain(e.B.status().counts), {received: 2, sent: 0, buffered: 0, dropped: 2, warnings: 0, info: 0, dataPoints: 0, saved: 0, carried: 0});
  assert.equal(e.rec.start.length + e.rec.handle.length, 0);
});

test('SDK script error with sdkIntegrity mentions an SRI mismatch', async () => {
  const e = env({sdk: 'error'});
  await e.B.destination({apiKey: 'k', sdkIntegrity: 'sha384-x'}).ready();
  assert.match(e.rec.error[0], /SRI/);
});

test('configure failure: failed, one console.error naming the field, no SDK load', async () => {
  const e = env({configure: (s, h, base) => s.apiKey ? base : {ok: false, warnings: [], error: {code: 'missing_api_key', field: 'apiKey', message: 'missing: the Braze web API key is required'}}});
  const p = e.B.destination({endpoint: 'sdk.iad-01.braze.com'});
  p.load({}, analytics());
  p.track(ctx('track'));
  assert.equal((await p.ready()).state, 'failed');
  assert.equal(e.rec.error.length, 1);
  assert.match(e.rec.error[0], /^\[braze-wasm\] apiKey: missing.*\(missing_api_key\)/);
  assert.equal(e.sdkScripts().length, 0, 'no SDK script');
  assert.equal(e.B.status().counts.dropped, 1);
});

test('configure failure loads no SDK script, not even one the settings name', async () => {
  const e = env({configure: {ok: false, error: {code: 'unsupported_version', field: 'version', message: 'unsupported'}}});
  const p = e.B.destination({apiKey: 'k', version: '4.99', sdkUrl: 'https://cdn.example.com/braze.js'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'failed');
  await tick();
  assert.deepEqual(e.sdkScripts(), []);
  assert.equal(e.rec.start.length, 0);
  assert.equal(e.rec.error.length, 1);
  assert.match(e.rec.error[0], /version: unsupported/);
});

test('an SDK that defines no global: blocked', async () => {
  const e = env({sdk: 'empty'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'blocked');
  assert.match(e.rec.error[0], /window\.braze/);
});

test('wasm blocked by CSP: blocked, the error names wasm-unsafe-eval in script-src', async () => {
  const e = env({wasm: 'csp'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'blocked');
  assert.equal(e.rec.error.length, 1);
  assert.match(e.rec.error[0], /the page's CSP needs 'wasm-unsafe-eval' in script-src/);
});

test('the wasm is streamed as application/wasm whatever Content-Type the server says', async () => {
  const e = env({wasm: 'mime'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'ready', e.rec.error.join('\n'));
  // One download, its body handed on as it arrives (no arrayBuffer, no second fetch).
  assert.equal(e.rec.fetches.length, 1);
  assert.equal(e.rec.compile, 0);
  assert.equal(e.rec.streamed.length, 1);
  assert.equal(e.rec.streamed[0].body, e.rec.body);
  assert.equal(e.rec.streamed[0].headers.get('content-type'), 'application/wasm');
});

test("served as application/wasm, fetch's own Response is streamed (its URL keys the browser's code cache)", async () => {
  const e = env();
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'ready', e.rec.error.join('\n'));
  assert.equal(e.rec.streamed.length, 1);
  assert.equal(e.rec.streamed[0], e.rec.fetched);
});

test('served as another type, a rebuilt Response is streamed', async () => {
  const e = env({wasm: 'mime'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'ready', e.rec.error.join('\n'));
  assert.notEqual(e.rec.streamed[0], e.rec.fetched);
});

test('wasm HTTP error: blocked, naming the URL and the status', async () => {
  const e = env();
  e.w.fetch = async url => (e.rec.fetches.push(url), {ok: false, status: 404, body: null});
  const p = e.B.destination({apiKey: 'k'});
  assert.equal((await p.ready()).state, 'blocked');
  assert.equal(e.rec.error.length, 1, e.rec.error.join('\n'));
  assert.match(e.rec.error[0], /cannot load https:\/\/assets\.example\.com\/braze-wasm\/braze-wasm\.wasm: HTTP 404/);
  assert.equal(e.rec.configure.length, 0);
});

test('no WebAssembly: blocked, the error says so', async () => {
  const e = env();
  // A browser without it has no such global at all (the vm's own goes too).
  vm.runInContext('delete globalThis.WebAssembly', e.w);
  const p = e.B.destination({apiKey: 'k'});
  assert.equal((await p.ready()).state, 'blocked');
  assert.equal(e.rec.error.length, 1, e.rec.error.join('\n'));
  assert.match(e.rec.error[0], /WebAssembly/);
  assert.equal(e.rec.fetches.length + e.rec.configure.length, 0);
});

test('Go exiting before its main filled in the bridge: blocked, "Go stopped at start"', async () => {
  const e = env({goStops: true});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'blocked');
  await tick();
  assert.deepEqual(e.rec.error, ['[braze-wasm] Go stopped at start; Braze is off']);
  assert.deepEqual(e.sdkScripts(), []);
});

test('the Go module exiting after ready: failed, one console.error, later events dropped', async () => {
  const e = env();
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  e.exitGo();
  await until(() => state(e) == 'failed', 'failed');
  assert.equal(e.rec.error.length, 1);
  p.track(ctx('track'));
  assert.equal(e.rec.handle.length, 0);
  assert.equal(e.B.status().counts.dropped, 1);
});

test('bridge warnings: printed once each, every one counted; step errors reported', async () => {
  const w = {event: 0, field: 'traits.avatar', code: 'avatar_unsupported', message: 'no setter on SDK 4+'};
  const e = env({
    configure: {warnings: [{event: -1, field: 'colour', code: 'unknown_setting', message: 'unknown setting, ignored'}]},
    handle: ev => ev.type == 'identify' ? {warnings: [w]} : ev.event == 'boom' ? {ok: false, sent: 0, dropped: 1, error: {code: 'panic', message: 'handle: boom'}} : {},
  });
  const p = e.B.destination({apiKey: 'k', colour: 'red'});
  p.load({}, analytics());
  await p.ready();
  p.identify(ctx('identify'));
  p.identify(ctx('identify'));
  p.track(ctx('track', {event: 'boom'}));
  assert.deepEqual(e.rec.warn, [
    '[braze-wasm] colour: unknown setting, ignored (unknown_setting)',
    '[braze-wasm] traits.avatar: no setter on SDK 4+ (avatar_unsupported)',
  ]);
  assert.deepEqual(e.rec.error, ['[braze-wasm] track: handle: boom (panic)']);
  const c = e.B.status().counts;
  assert.equal(c.warnings, 3);
  assert.equal(c.dropped, 1);
  assert.equal(state(e), 'ready', 'a recovered panic costs one event, not the destination');
});

test('status: choices (level info) counted and printed apart from warnings; data points sent and saved summed', async () => {
  const info = {event: 0, field: '', code: 'debounced', message: 'skipped (debounceIdentify)', level: 'info'};
  const loss = {event: 0, field: 'traits.gender', code: 'invalid_gender', message: 'not sent', level: 'warning'};
  const e = env({handle: ev => ev.type == 'page' ? {sent: 0, warnings: [info]} : {dataPoints: 2, saved: 3, warnings: [loss]}});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  p.identify(ctx('identify'));
  p.page(ctx('page'));
  p.identify(ctx('identify'));
  const c = e.B.status().counts;
  assert.deepEqual([c.warnings, c.info, c.dataPoints, c.saved, c.dropped], [2, 1, 4, 6, 0]);
  assert.deepEqual(e.rec.info, ['[braze-wasm] skipped (debounceIdentify) (debounced)']);
  assert.deepEqual(e.rec.warn, ['[braze-wasm] traits.gender: not sent (invalid_gender)']);
});

test('a throwing bridge never throws into the page', async () => {
  const e = env({handle: () => { throw new Error('Go program has already exited'); }});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  const c = ctx('track');
  assert.equal(p.track(c), c);
  assert.equal(p.track(null), null);
  assert.equal(p.track({}).event, undefined);
  assert.equal(e.B.status().counts.dropped, 1);
  assert.match(e.rec.error[0], /already exited/);
  assert.doesNotThrow(() => e.B.onInAppMessage('not a function'));
  assert.doesNotThrow(() => e.B.destination(null));
});

test('a Go panic recovered by the bridge costs its event only', async () => {
  const e = env({handle: ev => ev.event == 'P' ? {ok: false, sent: 0, error: {code: 'panic', message: 'handle: boom'}} : {}});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  for (const n of ['A', 'P', 'B']) p.track(ctx('track', {event: n}));
  assert.equal(state(e), 'ready');
  // sent: 3 calls for start, 1 each for A and B.
  assert.deepEqual(plain(e.B.status().counts), {received: 3, sent: 5, buffered: 0, dropped: 1, warnings: 0, info: 0, dataPoints: 0, saved: 0, carried: 0});
  assert.deepEqual(e.rec.error, ['[braze-wasm] track: handle: boom (panic)']);
});

test('buffer cap: events over 10,000 before ready are dropped with one warning', async () => {
  const e = env({sdk: 'manual'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  for (let i = 0; i < 10005; i++) p.track(ctx('track', {event: 'E' + i}));
  assert.equal(e.B.status().counts.buffered, 10000);
  assert.equal(e.B.status().counts.dropped, 5);
  assert.equal(e.rec.warn.length, 1);
  await until(() => e.rec.configure.length, 'configure');
  e.release();
  await until(() => e.rec.handle.length == 10000, 'replay');
  assert.equal(e.rec.handle[9999].event, 'E9999');
});

test('destination middleware: in order, async, each on a copy; Go gets what the chain passed on', async () => {
  const {e, p} = await loaded();
  const seen = [];
  p.addMiddleware(async ({payload, integration, next}) => {
    seen.push(integration);
    await tick();
    payload.obj.properties.first = true;
    payload.obj.context.nested.x = 2;
    next(payload);
  });
  p.addMiddleware(({payload, next}) => {
    seen.push(payload.obj.properties.first);
    payload.obj.properties.second = true;
    next(payload);
  });
  const date = new Date(0);
  const c = ctx('track', {event: 'A', properties: {at: date}, context: {nested: {x: 1}}});
  assert.equal(p.track(c), c, 'the context comes back at once');
  assert.equal(e.rec.handle.length, 0, 'middleware runs before Go');
  await until(() => e.rec.handle.length == 1, 'the event in Go');
  assert.deepEqual(seen, ['Braze (WASM)', true]);
  assert.deepEqual(plain(e.rec.handle[0].properties), {at: date.toJSON(), first: true, second: true});
  // Plain objects and arrays are copies, as analytics-next's Facade makes them: the other destinations see the event unchanged.
  assert.deepEqual(plain(c.event), {type: 'track', event: 'A', properties: {at: date.toJSON()}, context: {nested: {x: 1}}});
  assert.equal(e.B.status().counts.dropped, 0);
});

test('destination middleware: a slow one keeps the order; a cycle still reaches Go as a cycle', async () => {
  const {e, p} = await loaded();
  p.addMiddleware(async ({payload, next}) => {
    if (payload.obj.event == 'slow') for (let i = 0; i < 10; i++) await tick();
    next(payload);
  });
  const cyclic = {};
  cyclic.self = cyclic;
  p.track(ctx('track', {event: 'slow'}));
  p.track(ctx('track', {event: 'fast', properties: {cyclic}}));
  await until(() => e.rec.handle.length == 2, 'both events in Go');
  assert.deepEqual(e.rec.handle.map(ev => ev.event), ['slow', 'fast']);
  // The copy's member is the original, whose own member is the cycle.
  assert.match(e.rec.json[1], /"cyclic":\{"self":\{"self":"\uE000cyclic"\}\}/);
});

test('destination middleware drops: no next, next(null), next after it returned, a throw; counted, said, the rest sent', async () => {
  const {e, p} = await loaded();
  const late = [];
  p.addMiddleware(async ({payload, next}) => {
    switch (payload.obj.event) {
      case 'silent': return;
      case 'null': return next(null);
      case 'late': return void late.push(() => next(payload));
      case 'throws': throw Error('boom');
    }
    next(payload);
  });
  for (const name of ['silent', 'null', 'late', 'throws', 'kept']) p.track(ctx('track', {event: name}));
  await until(() => e.rec.handle.length == 1, 'the kept event in Go');
  late.forEach(f => f());
  await tick();
  assert.deepEqual(e.rec.handle.map(ev => ev.event), ['kept']);
  const s = e.B.status();
  assert.equal(s.counts.received, 5);
  assert.equal(s.counts.dropped, 4);
  assert.equal(s.counts.warnings, 1, 'only the throw is a loss to fix');
  assert.deepEqual(e.rec.debug, ['silent', 'null', 'late'].map(n => `[braze-wasm] track ${n} dropped by destination middleware`));
  assert.deepEqual(e.rec.warn, ['[braze-wasm] destination middleware threw on track throws: boom']);
  assert.equal(s.lastError, null, 'Braze is not off');
});

// consent is a track stamped as Segment's consent tools stamp events.
const consent = (event, C0004) => ctx('track', {event, context: {consent: {categoryPreferences: {C0004}}}});

// A fake Go that judges consent as core.Consented does for C0004: before
// start, an event that consents answers loading (2) and is not handled.
function consentEnv(opts) {
  const e = env({
    ...opts,
    configure: (settings, hooks, base) => ({...base, consent: true}),
    handle: ev => {
      if (ev.context?.consent?.categoryPreferences?.C0004 !== true) {
        return {state: e.rec.start.length ? 'ready' : 'deferred', sent: 0, dropped: 1,
          warnings: [{field: 'context.consent.categoryPreferences.C0004', code: 'no_consent', message: 'no consent', level: 'info'}]};
      }
      if (!e.rec.start.length) return {status: [2, 0, 0, 0, 0, 0, 0, 0]};
      return {};
    },
  });
  return e;
}

test('consentCategories: no SDK before an event consents; that event loads it and reaches Go again after start', async () => {
  const e = consentEnv({sdk: 'manual'});
  const p = e.B.destination({apiKey: 'k', consentCategories: ['C0004']});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'deferred', 'analytics.ready does not wait for consent');
  p.track(consent('Before', false));
  await until(() => e.rec.handle.length, 'Go judging the event');
  await tick();
  assert.deepEqual(e.sdkScripts(), [], 'no SDK');
  assert.equal(state(e), 'deferred');

  p.track(consent('Given', true));
  p.track(consent('While loading', true));
  p.track(consent('Withdrawn while loading', false));
  await until(() => state(e) == 'loading', 'loading');
  for (let i = 0; i < 5; i++) await tick();
  assert.equal(e.sdkScripts().length, 1, 'the SDK loads once an event consents');
  assert.deepEqual(e.rec.handle.map(ev => ev.event), ['Before', 'Given'], 'the rest waits for the SDK, in order');
  assert.equal(e.B.status().counts.buffered, 3);

  e.release();
  await until(() => state(e) == 'ready', 'ready');
  assert.deepEqual(e.rec.start, ['u1']);
  assert.deepEqual(e.rec.handle.map(ev => ev.event), ['Before', 'Given', 'Given', 'While loading', 'Withdrawn while loading']);
  p.track(consent('Withdrawn', false));
  const c = e.B.status().counts;
  assert.deepEqual([c.received, c.sent, c.dropped, c.info, c.buffered], [5, 3 + 2, 3, 3, 0]);
  assert.deepEqual(e.rec.info, ['[braze-wasm] context.consent.categoryPreferences.C0004: no consent (no_consent)']);
});

test('consentCategories: an SDK that does not load after consent drops what waited for it', async () => {
  const e = consentEnv({sdk: 'error'});
  const p = e.B.destination({apiKey: 'k', consentCategories: ['C0004']});
  p.load({}, analytics());
  await p.ready();
  p.track(consent('Given', true));
  p.track(consent('Next', true));
  await until(() => state(e) == 'blocked', 'blocked');
  assert.equal(e.B.status().counts.dropped, 2);
  assert.equal(e.rec.start.length, 0);
});

test('unload stops delivery', async () => {
  const e = env();
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  p.track(ctx('track'));
  const u = {};
  assert.equal(p.unload(u, {}), u);
  p.track(ctx('track'));
  assert.equal(e.rec.handle.length, 1);
  assert.equal(state(e), 'unloaded');
  assert.equal(p.isLoaded(), false);
  assert.equal((await p.ready()).state, 'unloaded');
});

test('unload while loading: nothing starts later', async () => {
  const e = env({sdk: 'manual'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  p.track(ctx('track'));
  p.unload({}, {});
  await until(() => e.rec.configure.length, 'configure');
  e.release();
  await tick(); await tick();
  assert.equal(e.rec.start.length, 0);
  assert.equal(e.B.status().counts.dropped, 1);
});

test('a second destination does not double-send', async () => {
  const e = env({stillClock: true});
  const p1 = e.B.destination({apiKey: 'k'});
  const p2 = e.B.destination({apiKey: 'other'});
  assert.equal(e.rec.warn.length, 1);
  assert.equal(e.rec.warn[0], '[braze-wasm] destination() called again: the first settings are kept');
  const a = analytics();
  p1.load({}, a);
  p2.load({}, a);
  await Promise.all([p1.ready(), p2.ready()]);
  // analytics-next hands the same context to every destination.
  for (const c of [ctx('track', {event: 'A'}), ctx('identify')]) { p1[c.event.type](c); p2[c.event.type](c); }
  assert.equal(e.rec.handle.length, 2);
  assert.equal(e.rec.configure.length, 1);
  assert.equal(e.rec.configure[0].apiKey, 'k', 'the first settings are used');
  assert.equal(e.sdkScripts().length, 1);
  assert.equal(e.B.status().counts.received, 2);
});

test('the instance Analytics.js loads is the one that sends, even if created second', async () => {
  const e = env();
  e.B.destination({apiKey: 'k'}); // created, never registered
  const p2 = e.B.destination({apiKey: 'k'});
  p2.load({}, analytics());
  await p2.ready();
  p2.track(ctx('track'));
  assert.equal(e.rec.handle.length, 1);
});

test('the shim loaded twice: the second copy does nothing', () => {
  const e = env();
  const first = e.w.BrazeWasm;
  vm.runInContext(SRC, e.w);
  assert.equal(e.w.BrazeWasm, first);
  assert.equal(e.rec.warn.length, 1);
});

test('appboyCompat: the seed snippets run on SDK 4+', async () => {
  const e = env();
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  const {appboy, braze} = e.w;
  assert.ok(appboy);
  appboy.registerAppboyPushMessages('ok', 'denied');
  appboy.unregisterAppboyPushMessages();
  appboy.display.showInAppMessage('m');
  appboy.logCustomEvent('prime-for-push');
  // The rest of braze, inherited: Braze 4+ functions need no this.
  assert.equal(appboy.isPushSupported(), true);
  assert.equal(appboy.isPushPermissionGranted(), false);
  assert.equal(appboy.isPushBlocked(), false);
  assert.equal(appboy.getUser().id, 'user');
  assert.equal(appboy.ab.InAppMessage, braze.InAppMessage);
  assert.equal(appboy.ab.inAppMessage, braze.InAppMessage);
  assert.equal(appboy.ab.User, braze.User);
  assert.deepEqual(plain(e.rec.sdk.filter(c => c[0] != 'openSession')), [
    ['requestPushPermission', ['ok', 'denied']],
    ['unregisterPush', []],
    ['showInAppMessage', ['m']],
    ['logCustomEvent', ['prime-for-push']],
  ]);

  // The seed's "Soft Push Prompts" subscriber: show the first message, return the rest.
  const seen = [];
  const before = e.rec.iam.length;
  appboy.subscribeToNewInAppMessages(msgs => { seen.push([...msgs]); return msgs.slice(1); });
  const cb = e.rec.iam[before];
  cb('m1');
  cb('m2');
  assert.deepEqual(seen, [['m1'], ['m2']]);
  // A callback that keeps messages gets them again with the next one.
  const kept = [];
  appboy.subscribeToNewInAppMessages(msgs => { kept.push([...msgs]); return msgs.length < 2 ? msgs : msgs.slice(2); });
  const cb2 = e.rec.iam[before + 1];
  cb2('a'); cb2('b'); cb2('c');
  assert.deepEqual(kept, [['a'], ['a', 'b'], ['c']]);
});

test('appboyCompat: defined before openSession, and only when wanted', async () => {
  const e = env();
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  assert.equal(e.rec.appboyAtOpen, true);

  const off = env();
  off.B.destination({apiKey: 'k', appboyCompat: false}).load({}, analytics());
  await off.B.whenReady(1000);
  assert.equal(off.w.appboy, undefined);

  const mine = {mine: true};
  const kept = env({analytics: undefined});
  kept.w.appboy = mine;
  kept.B.destination({apiKey: 'k'}).load({}, analytics());
  await kept.B.whenReady(1000);
  assert.equal(kept.w.appboy, mine, 'an existing window.appboy is left alone');

  const v3 = env({configure: {global: 'appboy', family: 'appboy', version: '3.5', sdkUrl: `${CDN}3.5/appboy.no-amd.min.js`}});
  v3.B.destination({apiKey: 'k', version: '3.5'}).load({}, analytics());
  await v3.B.whenReady(1000);
  assert.equal(v3.B.status().state, 'ready');
  assert.equal(v3.w.braze, undefined);
  assert.equal(v3.B.sdk(), v3.w.appboy);
});

test('onInAppMessage on SDK 4+: attached before openSession, one call per message', async () => {
  const e = env();
  const p = e.B.destination({apiKey: 'k'});
  const got = [];
  e.B.onInAppMessage(m => got.push(m));
  p.load({}, analytics());
  await p.ready();
  // Attached in beforeOpenSession: before the openSession that start() makes.
  assert.equal(e.rec.iam.length, 1);
  e.rec.iam[0]('m1');
  e.rec.iam[0]('m2');
  assert.deepEqual(got, ['m1', 'm2']);
  // After the session opened: attached at once.
  const late = [];
  e.B.onInAppMessage(m => late.push(m));
  assert.equal(e.rec.iam.length, 2);
  e.rec.iam[1]('m3');
  assert.deepEqual(late, ['m3']);
  // A throwing subscriber is reported, not thrown into the SDK.
  e.B.onInAppMessage(() => { throw new Error('oops'); });
  assert.doesNotThrow(() => e.rec.iam[2]('m4'));
  assert.match(e.rec.error[0], /onInAppMessage: oops/);
});

test('onInAppMessage on SDK 1-3: array callbacks become one call per message', async () => {
  const e = env({configure: {global: 'appboy', family: 'appboy', version: '3.5', sdkUrl: `${CDN}3.5/appboy.no-amd.min.js`}});
  const p = e.B.destination({apiKey: 'k', version: '3'});
  const got = [];
  e.B.onInAppMessage(m => got.push(m));
  p.load({}, analytics());
  await p.ready();
  assert.equal(e.rec.iam.length, 1);
  assert.deepEqual(plain(e.rec.iam[0](['a', 'b'])), [], 'every message is handled');
  assert.deepEqual(got, ['a', 'b']);
});

test('data-settings: registers on the snippet queue', async () => {
  const registered = [];
  const snippet = Object.assign([], {register: p => { registered.push(p); }});
  const e = env({analytics: snippet, attrs: {'data-settings': '{"apiKey":"k","endpoint":"sdk.iad-01.braze.com"}'}});
  assert.equal(registered.length, 1);
  assert.equal(registered[0].name, 'Braze (WASM)');
  await until(() => e.rec.configure.length, 'configure');
  assert.equal(e.rec.configure[0].apiKey, 'k');
});

test('data-settings: an old snippet without register gets a queued push', () => {
  const snippet = [];
  env({analytics: snippet, attrs: {'data-settings': '{"apiKey":"k"}'}});
  assert.equal(snippet.length, 1);
  assert.equal(snippet[0][0], 'register');
  assert.equal(snippet[0][1].type, 'destination');
});

test('data-settings: the tag ahead of the snippet makes the queue the snippet then adopts', () => {
  const e = env({attrs: {'data-settings': '{"apiKey":"k"}'}});
  const a = e.w.analytics;
  assert.ok(Array.isArray(a), 'window.analytics is the snippet\'s kind of queue');
  assert.equal(a.length, 1);
  assert.equal(a[0][0], 'register');
  assert.equal(a[0][1].name, 'Braze (WASM)');
  // The snippet's own first line keeps an array it finds, and adds its methods to it.
  vm.runInContext('var analytics = window.analytics = window.analytics || []; if (!analytics.initialize) analytics.track = function () { analytics.push(["track"].concat([].slice.call(arguments))); };', e.w);
  e.w.analytics.track('E');
  assert.equal(e.w.analytics, a);
  assert.deepEqual(a.map(c => c[0]), ['register', 'track']);
});

test('data-settings: malformed JSON is one console.error, no exception, nothing loaded', () => {
  const snippet = Object.assign([], {register() { assert.fail('registered'); }});
  let e;
  assert.doesNotThrow(() => { e = env({analytics: snippet, attrs: {'data-settings': '{apiKey: k}'}}); });
  assert.equal(e.rec.error.length, 1);
  assert.match(e.rec.error[0], /^\[braze-wasm\] data-settings: .*JSON.*; Braze is off$/);
  assert.equal(e.B.status().state, 'failed');
  assert.equal(e.rec.fetches.length, 0, 'nothing loaded');
});

test('data-settings: JSON that is not an object fails at once, naming data-settings and what it held', () => {
  for (const bad of ['[1,2]', '5', '"k"', 'null', 'true', `"${'x'.repeat(100)}"`]) {
    const registered = [];
    let e;
    assert.doesNotThrow(() => { e = env({analytics: {register: async p => { registered.push(p); }}, attrs: {'data-settings': bad}}); });
    assert.deepEqual(e.rec.error, [`[braze-wasm] data-settings: not an object: ${bad.slice(0, 50)}; Braze is off`]);
    assert.equal(e.B.status().state, 'failed');
    assert.equal(registered.length, 0, bad);
    assert.deepEqual(e.rec.fetches, [], 'nothing loaded');
  }
});

test('plan() loads the wasm but no SDK and returns bridge.plan', async () => {
  const e = env();
  const events = [{type: 'track', event: 'A'}];
  const r = await e.B.plan({apiKey: 'k'}, events, {initialUserId: 'u'});
  assert.equal(r.ok, true);
  assert.equal(r.dataPoints, 1);
  assert.deepEqual(e.rec.plan, [[{apiKey: 'k'}, events, {initialUserId: 'u'}, 1]]);
  assert.equal(e.sdkScripts().length, 0);
  assert.equal(e.rec.configure.length, 0);
});

test('plan() encodes at most 1,000 events and tells Go how many it had', async () => {
  const e = env();
  await e.B.plan({apiKey: 'k'}, {length: 1e6});
  const [, events, , total] = e.rec.plan[0];
  assert.equal(events.length, 1000);
  assert.deepEqual(events[999], {}, 'no event, no members: Go warns that it has no type');
  assert.equal(total, 1e6);
  await e.B.plan({apiKey: 'k'}, [{type: 'track', event: 'A', properties: {n: NaN}}]);
  assert.deepEqual(e.rec.plan[1][1], [{type: 'track', event: 'A', properties: {n: M + 'NaN'}}], 'the same encoding as a sent event');
  await e.B.plan({apiKey: 'k'}, 'not events');
  assert.equal(e.rec.plan[2][3], 10, "a string's length: 10 events without a type, each warned by Go");
});

// The JSON text of an event as Go receives it (wasm/entry_js.go).
const M = '\uE000';
async function sent(event) {
  const {e, p} = await loaded();
  p.track({event});
  assert.equal(e.rec.error.length, 0, e.rec.error.join());
  assert.equal(e.rec.json.length, 1);
  return JSON.parse(e.rec.json[0]);
}

test('events cross as JSON of the members core reads, with a marker for each value JSON cannot carry', async () => {
  const fn = () => 1;
  const ev = await sent({
    type: 'track', event: 'E', userId: 'u', anonymousId: 'a', integrations: {}, messageId: 'm',
    context: {page: {}, consent: {categoryPreferences: {C0004: true}}},
    properties: {
      nan: NaN, inf: Infinity, ninf: -Infinity, bad: new Date('nope'), when: new Date(Date.UTC(2026, 0, 2)),
      big: 10n ** 20n, fn, sym: Symbol('s'), own: M + 'x', long: 'x'.repeat(60000), ok: 'x'.repeat(51200),
      moment: {toJSON: () => '2026-01-02'}, gone: undefined, list: [1, undefined, fn, -0], nested: {deep: [NaN]},
    },
  });
  assert.deepEqual(Object.keys(ev), ['type', 'userId', 'anonymousId', 'event', 'properties', 'integrations', 'context'], 'integrations: the per-event switches');
  assert.deepEqual(ev.context, {consent: {categoryPreferences: {C0004: true}}}, 'of the context, its consent only (consentCategories)');
  assert.deepEqual(ev.properties, {
    nan: M + 'NaN', inf: M + 'Infinity', ninf: M + '-Infinity', bad: M + 'invalid_date', when: '2026-01-02T00:00:00.000Z',
    big: M + 'bigint:100000000000000000000', fn: M + 'function', sym: M + 'symbol', own: M + M + 'x',
    long: M + 'too_long:60000', ok: 'x'.repeat(51200), moment: '2026-01-02', list: [1, null, M + 'function', 0], nested: {deep: [M + 'NaN']},
  });
});

test('what JSON.stringify throws on costs only its value: cycles, throwing getters, toJSON and Proxy traps', async () => {
  const props = {a: 1, list: [1, 2]};
  props.self = props;
  props.list.push(props.list);
  Object.defineProperty(props, 'getter', {enumerable: true, get() { throw new Error('no getter'); }});
  props.json = {toJSON() { throw new Error('no toJSON'); }};
  props.trap = new Proxy({x: 1}, {get() { throw new Error('no get'); }});
  props.keys = new Proxy({}, {ownKeys() { throw new Error('no keys'); }});
  // Array.isArray throws on a revoked Proxy: only this member goes.
  const revocable = Proxy.revocable({x: 1}, {});
  revocable.revoke();
  props.revoked = revocable.proxy;
  props.big = 5n;
  props.nan = NaN;
  const event = {type: 'track', event: 'E', userId: 'u', properties: props};
  Object.defineProperty(event, 'anonymousId', {enumerable: true, get() { throw new TypeError('top'); }});
  const ev = await sent(event);
  assert.equal(ev.event, 'E');
  assert.equal(ev.userId, 'u');
  assert.equal(ev.anonymousId, M + 'getter_threw:top');
  // An array goes whole: a cycle inside it is what JSON.stringify threw, in the browser's words.
  const {list, revoked, ...rest} = ev.properties;
  assert.match(list, /^\uE000getter_threw:.*circular/is);
  assert.match(revoked, /^\uE000getter_threw:.*revoked/);
  assert.deepEqual(rest, {
    a: 1, self: M + 'cyclic', getter: M + 'getter_threw:no getter', json: M + 'getter_threw:no toJSON',
    trap: M + 'getter_threw:no get', keys: M + 'getter_threw:no keys', big: M + 'bigint:5', nan: M + 'NaN',
  });
});

test('an event whose members throw keeps its consent; one whose own getter throws loses it (not to Braze under consentCategories)', async () => {
  const consent = {categoryPreferences: {C0004: true}};
  const deep = await sent({type: 'track', event: 'E', context: {consent}, properties: {get x() { throw Error('deep'); }}});
  assert.deepEqual(deep.context, {consent});
  assert.equal(deep.properties.x, M + 'getter_threw:deep');
  const top = {type: 'track', event: 'E', context: {consent}};
  Object.defineProperty(top, 'properties', {enumerable: true, get() { throw Error('top'); }});
  const ev = await sent(top);
  assert.equal(ev.context, undefined);
  assert.equal(ev.event, 'E');
});

test('a graph of shared references is cut at the node budget, the rest of the event kept', async () => {
  let o = {leaf: 1};
  for (let i = 0; i < 10; i++) o = {a: o, b: o, c: o, d: o};
  const ev = await sent({type: 'track', event: 'E', userId: 'u', properties: {first: 'kept', graph: o}});
  assert.equal(ev.event, 'E');
  assert.equal(ev.properties.first, 'kept');
  const text = JSON.stringify(ev);
  assert.equal(text.split(M + 'budget').length, 2, 'one budget marker');
  assert.ok(text.length < 200000, text.length);
});

test('a long chain, deeper than JSON.stringify goes, ends at the node budget, the event kept', async () => {
  let o = {};
  for (let i = 0; i < 20000; i++) o = {d: o};
  const ev = await sent({type: 'track', event: 'E', properties: {chain: o, n: 2}});
  assert.equal(ev.type, 'track');
  assert.equal(ev.event, 'E');
  // No depth cut in JS (Go cuts when it parses): the chain goes as deep as the budget lets it.
  let depth = 0, x = ev.properties.chain;
  for (; x && x.d; x = x.d) depth++;
  assert.ok(depth > 100, depth);
  assert.equal(x, M + 'budget');
  assert.equal(JSON.stringify(ev).split(M + 'budget').length, 2, 'one budget marker');
  assert.equal('n' in ev.properties, false, 'what comes after the budget marker is cut');
});

test('the budget counts characters too: many long strings are cut, with one marker', async () => {
  const properties = {};
  for (let i = 0; i < 20; i++) properties['k' + i] = 'x'.repeat(50000);
  const ev = await sent({type: 'track', event: 'E', properties});
  assert.equal(ev.properties.k0, 'x'.repeat(50000));
  assert.equal(ev.properties.k5, M + 'budget');
  assert.equal(Object.keys(ev.properties).length, 6);
});

test('settings cross as JSON with the same markers', async () => {
  const e = env();
  const p = e.B.destination({apiKey: 'k', n: NaN, f() {}});
  p.load({}, analytics());
  await p.ready();
  assert.deepEqual(e.rec.configure[0], {apiKey: 'k', n: M + 'NaN', f: M + 'function'});
});

test('an event sent while one is handled (an SDK callback calling track) runs after it, in order', async () => {
  let p;
  const order = [];
  const e = env({handle: ev => {
    order.push('start ' + ev.event);
    if (ev.event == 'outer') p.track(ctx('track', {event: 'inner'}));
    order.push('end ' + ev.event);
    return {};
  }});
  p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  p.track(ctx('track', {event: 'outer'}));
  p.track(ctx('track', {event: 'after'}));
  // At once, or in the next task once a busy machine used up the task's 50 ms.
  await until(() => order.length == 6, 'the three events');
  assert.deepEqual(order, ['start outer', 'end outer', 'start inner', 'end inner', 'start after', 'end after']);
  assert.equal(e.B.status().counts.sent, 3 + 3);
});

test('the result is read from numbers when Go has nothing more to say', async () => {
  const e = env({handle: () => ({status: [0, 2, 0, 4, 3, 1]})}); // deferred, 2 sent, 0 dropped, 4 buffered, 3 data points, 1 saved, no text
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  p.track(ctx('track', {event: 'E'}));
  const s = e.B.status();
  assert.equal(s.state, 'deferred');
  assert.deepEqual(plain(s.counts), {received: 1, sent: 3 + 2, buffered: 4, dropped: 0, warnings: 0, info: 0, dataPoints: 3, saved: 1, carried: 0});
  assert.deepEqual(e.rec.error, []);
});

test('warnings Go said before come as counts: counted, not printed again', async () => {
  const e = env({handle: () => ({status: [1, 1, 0, 0, 1, 0, 0, 0, 2, 1]})}); // ready, 1 sent, 2 warnings and 1 info said before
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  p.track(ctx('track', {event: 'E'}));
  p.track(ctx('track', {event: 'E'}));
  const s = e.B.status();
  assert.equal(s.counts.warnings, 4);
  assert.equal(s.counts.info, 2);
  assert.deepEqual(e.rec.warn, []);
});

test('appboyCompat holds the calls made before Braze is initialised: subscribers before openSession, the rest after', async () => {
  const e = env({deferred: true});
  const p = e.B.destination({apiKey: 'k', onlyTrackKnownUsersOnWeb: true});
  p.load({}, analytics(null));
  await p.ready();
  assert.equal(state(e), 'deferred');
  const got = [];
  assert.equal(e.w.appboy.subscribeToNewInAppMessages(ms => { got.push(...ms); return []; }), undefined, 'a held call returns undefined');
  e.w.appboy.logCustomEvent('early');
  e.w.appboy.registerAppboyPushMessages();
  assert.equal(e.w.appboy.ab.InAppMessage, e.B.sdk() ? e.B.sdk().InAppMessage : e.w.braze.InAppMessage, 'classes are not held');
  assert.equal(e.rec.iam.length, 0);
  assert.deepEqual(plain(e.rec.sdk), [], 'nothing reached the SDK before initialize');

  p.identify(ctx('identify', {userId: 'u'}));
  assert.equal(e.rec.iamAtOpen, 1, 'the subscriber was attached before openSession');
  await tick();
  assert.deepEqual(plain(e.rec.sdk), [['openSession', []], ['logCustomEvent', ['early']], ['requestPushPermission', []]]);
  e.rec.iam[0]('m1');
  assert.deepEqual(got, ['m1']);
  assert.equal(e.w.appboy.logCustomEvent('late'), true, 'after initialize, calls pass through');
  assert.deepEqual(e.rec.error, []);
});

test('conflict hook: one console error and status().conflicts', async () => {
  const e = env({start: {}});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  await p.ready();
  assert.equal(e.B.status().conflicts, undefined);
  e.rec.hooks.conflict(['Braze'], 'Segment\'s own Braze destination also runs on this page (Braze)');
  assert.deepEqual(plain(e.B.status().conflicts), ['Braze']);
  assert.equal(e.rec.error.length, 1);
  assert.match(e.rec.error[0], /^\[braze-wasm\] Segment's own Braze/);
});

// Issue 11: what the shim loads, and who reads the settings.

// goLike stands in for Go's configure on the settings below: a string
// sdkUrl or the CDN's, and the errors Go reports (missing key, version).
function goLike(s, hooks, base) {
  const key = s.apiKey ?? s.api_key, v = s.version ?? s.sdkVersion;
  if (!(typeof key == 'string' && key.trim() || typeof key == 'number')) return {ok: false, warnings: [], error: {code: 'missing_api_key', field: 'apiKey', message: 'apiKey: empty: the Braze web API key is required'}};
  if (v != null && !(/^[sn]/.test(typeof v) && /^6(\.13)?$/.test(String(v)))) return {ok: false, warnings: [], error: {code: 'unsupported_version', field: 'version', message: 'version: unsupported value'}};
  return {...base, sdkUrl: typeof s.sdkUrl == 'string' ? s.sdkUrl.trim() : `${CDN}6.13/braze.no-module.min.js`, readyTimeoutMs: 5000};
}

test('only https: URLs load (http: on an http: page); others fail naming the setting, with no script and no nonce', async () => {
  const bad = ['data:text/javascript,alert(document.domain)//', 'blob:https://shop.example.com/0b1c', 'javascript:alert(1)',
    'http://cdn.example.com/braze.js', 'ftp://cdn.example.com/braze.js', 'https://[oops/braze.js'];
  for (const sdkUrl of bad) {
    // The URL that Go's configure gives is checked before its script exists.
    const e = env({nonce: 'n0nce', configure: goLike});
    const p = e.B.destination({apiKey: 'k', sdkUrl});
    p.load({}, analytics());
    assert.equal((await p.ready()).state, 'failed', sdkUrl);
    assert.equal(e.rec.cfg.sdkUrl, sdkUrl);
    assert.equal(e.sdkScripts().length, 0, 'no SDK script: ' + sdkUrl);
    assert.equal(e.rec.error.length, 1, e.rec.error.join('\n'));
    assert.match(e.rec.error[0], /^\[braze-wasm\] sdkUrl: refused /);
    assert.equal(e.rec.start.length, 0);
  }
  for (const assetsUrl of bad) {
    const e = env({nonce: 'n0nce'});
    const p = e.B.destination({apiKey: 'k', assetsUrl});
    p.load({}, analytics());
    assert.equal((await p.ready()).state, 'failed', assetsUrl);
    assert.deepEqual(e.rec.scripts, [], 'nothing loaded: ' + assetsUrl);
    assert.deepEqual(e.rec.fetches, [], 'no wasm fetched: ' + assetsUrl);
    assert.match(e.rec.error[0], /^\[braze-wasm\] assetsUrl: refused /);
    await assert.rejects(e.B.plan({apiKey: 'k', assetsUrl}, []), /assetsUrl: refused/);
  }
});

test('relative URLs resolve against the page; http: URLs load on an http: page', async () => {
  const e = env({nonce: 'n0nce'});
  const p = e.B.destination({apiKey: 'k', sdkUrl: '/vendor/braze.js', assetsUrl: 'static/bw'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'ready');
  assert.deepEqual(e.rec.fetches, ['https://shop.example.com/cart/static/bw/braze-wasm.wasm']);
  assert.deepEqual(e.rec.scripts.map(s => [s.src, s.nonce]), [
    ['https://shop.example.com/cart/static/bw/wasm_exec.js', 'n0nce'],
    ['https://shop.example.com/vendor/braze.js', 'n0nce'],
  ]);

  const h = env({page: 'http://localhost:8080/'});
  const q = h.B.destination({apiKey: 'k', sdkUrl: 'http://localhost:8080/braze.js', assetsUrl: 'http://localhost:8080/bw/'});
  q.load({}, analytics());
  assert.equal((await q.ready()).state, 'ready');
  assert.equal(h.sdkScripts()[0].src, 'http://localhost:8080/braze.js');
});

test('Trusted Types: our policy checks the URLs it is given', async () => {
  const e = env({tt: 'enforced'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'ready');
  const {createScriptURL} = e.rec.policyRules;
  assert.equal(createScriptURL('https://cdn.example.com/b.js'), 'https://cdn.example.com/b.js');
  for (const bad of ['data:text/javascript,alert(1)', 'javascript:alert(1)', 'blob:https://x/y', 'http://cdn.example.com/b.js']) {
    assert.throws(() => createScriptURL(bad), /refused/, bad);
  }
});

test('Go reads the settings: nothing loads before configure, then only the SDK at the URL Go gives', async () => {
  const cases = [
    [{sdkUrl: true}, `${CDN}6.13/braze.no-module.min.js`], // Go: not a string, the CDN's
    [{sdkUrl: {}}, `${CDN}6.13/braze.no-module.min.js`],
    [{sdkUrl: ' https://cdn.example.com/braze.js '}, 'https://cdn.example.com/braze.js'], // Go trims
    [{version: [6]}, null], // Go: unsupported
    [{version: '7', sdkUrl: 'https://cdn.example.com/braze.js'}, null],
    [{version: true, sdkUrl: 'https://cdn.example.com/braze.js'}, null],
    [{apiKey: '   '}, null],
    [{apiKey: {}}, null],
    [{apiKey: null, api_key: ['k']}, null],
  ];
  for (const [settings, want] of cases) {
    const e = env({sdk: 'manual', configure: goLike});
    const p = e.B.destination({apiKey: 'k', ...settings});
    p.load({}, analytics());
    assert.deepEqual(e.sdkScripts(), [], 'nothing before Go: ' + JSON.stringify(settings));
    await until(() => e.rec.configure.length, 'configure');
    assert.deepEqual(e.sdkScripts().map(s => s.src), want ? [want] : [], JSON.stringify(settings));
    if (!want) assert.equal(state(e), 'failed');
    else assert.deepEqual(e.rec.error, []);
  }
});

test('readyTimeoutMs: read as Go reads it before configure: a number, or a string as Number() reads it', async () => {
  const cases = [[true, 5000], [[5], 5000], [{}, 5000], ['', 5000], ['0x10', 16], ['1500', 1500], [' 16.2 ', 17],
    [Infinity, 5000], [-1, 5000], [16.2, 17], [1e9, 60000], ['1e9', 60000]];
  for (const [readyTimeoutMs, want] of cases) {
    const e = env({sdk: 'hang'});
    const p = e.B.destination({apiKey: 'k', readyTimeoutMs});
    e.rec.timers.length = 0;
    p.load({}, analytics());
    // What is left of the wait, a fraction of a millisecond less.
    assert.deepEqual(e.rec.timers.map(Math.round), [want], String(readyTimeoutMs));
    // Settles the wait: its timer (1e9 ms, as the fake Go gives it back)
    // would keep node --test alive.
    p.unload({});
  }
});

test('readyTimeoutMs: what Go says at configure resets the waits already running', async () => {
  // The shim reads the default (an object), Go a shorter wait: ready is
  // released by Go's bound, long before the default's.
  const e = env({sdk: 'hang', configure: (s, h, base) => ({...base, readyTimeoutMs: 30})});
  const p = e.B.destination({apiKey: 'k', readyTimeoutMs: {}});
  const ready = p.load({}, analytics()).then(() => 'released');
  await until(() => e.rec.configure.length, 'configure');
  const first = await Promise.race([ready, new Promise(r => setTimeout(r, 4000, 'default'))]);
  assert.equal(first, 'released');
  assert.equal(state(e), 'loading');
});

test('whenReady(Infinity) and waits past 2^31 ms never time out (setTimeout would fire them at once)', async () => {
  for (const ms of [Infinity, 2 ** 31, 1e12]) {
    const e = env({sdk: 'manual'});
    e.B.destination({apiKey: 'k'}).load({}, analytics());
    e.rec.timers.length = 0;
    let settled;
    const w = e.B.whenReady(ms).then(s => { settled = s.state; });
    await until(() => e.rec.scripts.length >= 2, 'the SDK script');
    for (let i = 0; i < 20; i++) await tick();
    assert.equal(settled, undefined, String(ms));
    // ready()'s own wait is the only timer: the load's 5 s, set again at configure.
    assert.ok(e.rec.timers.every(t => t > 0 && t <= 5000), `no timer for ${ms}: ${e.rec.timers}`);
    e.release();
    await w;
    assert.equal(settled, 'ready', String(ms));
  }
});

test("whenReady('20'): a numeric string waits that many ms, not the string joined to the clock", async () => {
  const e = env({start: {state: 'deferred', sent: 0}});
  const p = e.B.destination({apiKey: 'k', onlyTrackKnownUsersOnWeb: true});
  p.load({}, analytics(null));
  await p.ready();
  e.rec.timers.length = 0;
  assert.equal((await e.B.whenReady('20')).state, 'deferred', 'released by its timer');
  assert.ok(e.rec.timers.length > 0 && e.rec.timers.every(t => t <= 20), `a timer of at most 20 ms: ${e.rec.timers}`);
});

test('assetsUrl: a URL string or nothing; anything else fails before anything loads', async () => {
  // A toString that is a function is a marker once copied: no longer callable.
  for (const assetsUrl of [{}, true, 5, ['https://static.example.org/bw/'], {toString: () => 'https://static.example.org/bw/'}]) {
    const e = env();
    const p = e.B.destination({apiKey: 'k', assetsUrl});
    p.load({}, analytics());
    assert.equal((await p.ready()).state, 'failed', String(assetsUrl));
    assert.deepEqual(e.rec.scripts, []);
    assert.deepEqual(e.rec.fetches, []);
    assert.match(e.rec.error[0], /^\[braze-wasm\] assetsUrl: refused/);
  }
  for (const assetsUrl of [null, '', '  ']) {
    const e = env();
    e.B.destination({apiKey: 'k', assetsUrl});
    assert.deepEqual(e.rec.fetches, ['https://assets.example.com/braze-wasm/braze-wasm.wasm'], JSON.stringify(assetsUrl));
  }
});

test('settings whose getter or Proxy trap throws: failed at once, naming the setting, nothing loaded', async () => {
  const boom = () => { throw new Error('boom'); };
  const cases = [
    [Object.defineProperty({apiKey: 'k'}, 'sdkUrl', {get: boom, enumerable: true}), /^cannot read sdkUrl: boom;/],
    [new Proxy({apiKey: 'k', version: '6'}, {get: (t, k) => k == 'version' ? boom() : t[k]}), /^cannot read version: boom;/],
    [new Proxy({apiKey: 'k'}, {ownKeys: boom}), /^cannot read the settings: boom;/],
    [new Proxy({apiKey: 'k'}, {getOwnPropertyDescriptor: boom}), /^cannot read the settings: boom;/],
    // At any depth: the innermost key.
    [{apiKey: 'k', a: {b: Object.defineProperty({}, 'c', {get: boom, enumerable: true})}}, /^cannot read c: boom;/],
  ];
  for (const [settings, want] of cases) {
    const e = env();
    let p;
    assert.doesNotThrow(() => { p = e.B.destination(settings); });
    p.load({}, analytics());
    const s = await p.ready();
    assert.equal(s.state, 'failed', 'final, not loading until the timeout');
    assert.match(s.lastError, want);
    assert.equal(e.rec.scripts.length + e.rec.fetches.length, 0);
  }
});

test('initialize throwing: failed with the SDK message, at load or at the identify that starts Braze', async () => {
  const thrown = {ok: false, state: 'failed', sent: 0, error: {code: 'sdk_error', message: 'initialize threw: JavaScript error: bad key'}};
  const e = env({start: thrown});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  p.track(ctx('track'));
  const s = await p.ready();
  assert.equal(s.state, 'failed');
  assert.match(s.lastError, /initialize threw: .*bad key/);
  assert.equal(e.rec.handle.length, 0);
  assert.equal(s.counts.dropped, 1);

  const d = env({start: {state: 'deferred', sent: 0}, handle: ev => ev.type == 'identify' ? thrown : {}});
  const q = d.B.destination({apiKey: 'k', onlyTrackKnownUsersOnWeb: true});
  q.load({}, analytics(null));
  await q.ready();
  q.identify(ctx('identify', {userId: 'u1'}));
  q.track(ctx('track'));
  assert.equal(state(d), 'failed');
  assert.equal(d.rec.handle.length, 1, 'nothing is sent after');
  assert.match(d.B.status().lastError, /initialize threw/);
});

test('wasm_exec.js leaves no globals on the page; Go still finds its own and prints', async () => {
  const pageProcess = {env: {NODE_ENV: 'production'}};
  const e = env({globals: {process: pageProcess}});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'ready');
  // The page gets its globals back once wasm_exec.js ran; Go's main sees __brazeWasm only while it runs.
  assert.deepEqual(e.rec.globalsInRun, ['process', '__brazeWasm']);
  assert.equal(e.rec.processInRun, pageProcess);
  for (const k of ['fs', 'path', 'Go', '__brazeWasm']) assert.equal(k in e.w, false, k);
  assert.equal(e.w.process, pageProcess, "the page's own process is kept");
  // Go prints (a panic message) through fs, found by name when it prints.
  e.rec.go.importObject.gojs['runtime.wasmWrite']('panic: boom\n');
  assert.deepEqual(e.rec.printed, [[2, 'panic: boom\n']]);
  assert.equal('fs' in e.w, false, 'and it is gone again');
});

test('a compile that fails before wasm_exec.js ran: blocked at once, and the globals still go', async () => {
  const e = env({wasm: 'csp'});
  const p = e.B.destination({apiKey: 'k'});
  p.load({}, analytics());
  assert.equal((await p.ready()).state, 'blocked');
  await until(() => e.rec.scripts.some(s => String(s.src).endsWith('/wasm_exec.js')), 'wasm_exec.js');
  await tick(); await tick();
  for (const k of ['fs', 'process', 'path', 'Go', '__brazeWasm']) assert.equal(k in e.w, false, k);
});

test('a password in a URL never reaches the console or lastError', async () => {
  const e = env({sdk: 'error', configure: {warnings: [{event: -1, field: 'x', code: 'c', message: 'see https://me:pw@x.example.com/a@b'}]}});
  const p = e.B.destination({apiKey: 'k', sdkUrl: 'https://user:s3cret@cdn.example.com/braze.js'});
  p.load({}, analytics());
  const s = await p.ready();
  await until(() => e.rec.warn.length, 'warning');
  const all = [...e.rec.error, ...e.rec.warn, s.lastError].join('\n');
  assert.doesNotMatch(all, /s3cret|user:|pw@|me:/);
  assert.match(e.rec.error[0], /https:\/\/\*\*\*@cdn\.example\.com\/braze\.js/);
  assert.match(s.lastError, /\*\*\*@cdn\.example\.com/);
  assert.match(e.rec.warn[0], /https:\/\/\*\*\*@x\.example\.com\/a@b/, 'an @ in the path stays');
});

test('plan(): assetsUrl is checked only when that call loads the wasm', async () => {
  const e = env();
  await e.B.plan({}, []);
  const r = await e.B.plan({apiKey: 'k', assetsUrl: 'data:text/javascript,alert(1)//'}, []);
  assert.equal(r.ok, true, 'the loaded wasm plans; nothing is loaded for the link');
  assert.deepEqual(e.rec.fetches, ['https://assets.example.com/braze-wasm/braze-wasm.wasm']);
  assert.equal(e.rec.scripts.length, 1);
});

// Issue 16: the boot plan (js/src/boot.js, core/boot.go): the SDK starts
// as soon as it and Analytics.js are there, while the module downloads.

const MARK = '\uE000';
const SDK613 = `${CDN}6.13/braze.no-module.min.js`;
// bootPlan is a plan as Go writes it for settings (its fake Go says it is
// the one the settings make): Braze 6.13 unless told.
function bootPlan(settings, extra) {
  const init = ['initialize', 'k', {baseUrl: 'sdk.iad-01.braze.com', contentSecurityNonce: MARK + 'n'}];
  return JSON.stringify({
    settings: JSON.stringify(settings), sdkUrl: SDK613, sdkIntegrity: '', global: 'braze', appboyCompat: true, off: 'Braze (WASM)', maxUserId: 332,
    known: [init, ['automaticallyShowInAppMessages'], ['changeUser', MARK + 'i'], ['openSession']],
    anonymous: [init, ['automaticallyShowInAppMessages'], ['openSession']],
    ...extra,
  });
}
const SETTINGS = {apiKey: 'k'};
const withPlan = (opts = {}, settings = SETTINGS, plan = bootPlan(settings, opts.plan)) =>
  env({wasm: 'held', attrs: {'data-settings': JSON.stringify(settings), 'data-plan': plan}, analytics: [], ...opts});
// The destination data-settings registered on the snippet queue.
const registered = e => e.w.analytics[0][1];

test('boot plan: Braze opens its session before Go arrives; Go takes over without a second call', async () => {
  // The page's own content still loading: the module waits for its load event.
  const e = withPlan({nonce: 'n0nce', readyState: 'loading'});
  const p = registered(e);
  const got = [];
  e.B.onInAppMessage(m => got.push(m));
  p.load({}, analytics('u1'));
  p.track(ctx('track', {event: 'Early'}));
  await p.ready();
  assert.equal(state(e), 'ready', 'analytics.ready resolves at openSession');
  assert.deepEqual(plain(e.rec.sdk), [
    ['initialize', ['k', {baseUrl: 'sdk.iad-01.braze.com', contentSecurityNonce: 'n0nce'}]],
    ['automaticallyShowInAppMessages', []],
    ['changeUser', ['u1']],
    ['openSession', []],
  ]);
  assert.equal(e.rec.iam.length, 1, 'the subscriber attached before openSession');
  assert.equal(e.B.sdk(), e.w.braze);
  assert.deepEqual(e.rec.configure, [], 'Go has not arrived');
  assert.deepEqual(e.rec.handle, [], 'events wait for Go');
  assert.deepEqual(e.rec.fetches, [], 'the module is not asked for before the page loaded');

  e.rec.listeners.load();
  await until(() => e.rec.fetchInit, 'the module asked for once the page loaded');
  assert.deepEqual(plain(e.rec.fetchInit), {priority: 'low'}, 'the module at low priority: nothing waits for it');
  e.releaseWasm();
  await until(() => e.rec.handle.length == 1, 'the event handled');
  assert.equal(e.rec.hooks.plan, bootPlan(SETTINGS), 'Go checks the plan');
  assert.deepEqual(plain(e.rec.start), ['u1']);
  assert.deepEqual(plain(e.rec.done), [true, true, true, true], 'what each call did, for Go to count');
  assert.equal(e.rec.sdk.length, 4, 'no second initialize, changeUser or openSession');
  assert.equal(e.rec.handle[0].event, 'Early');
  assert.equal(e.B.status().counts.sent, 5);
  assert.equal(e.sdkScripts().length, 1, 'one SDK script');
});

test("boot plan: the SDK loads once Analytics.js's own script has, else once Analytics.js loads the destination", async () => {
  // The snippet's Analytics.js script, named by its write key.
  const ajs = {listeners: {}, addEventListener(type, fn) { this.listeners[type] = fn; }};
  const snippet = Object.assign([], {_writeKey: 'wk-1'});
  let e = withPlan({readyState: 'loading', analytics: snippet, query: sel => sel == '[src*="wk-1"]' ? ajs : null});
  for (let i = 0; i < 20; i++) await tick();
  assert.deepEqual(e.sdkScripts(), [], 'not at once: the page has the network to itself');
  ajs.listeners.load();
  await until(() => e.sdkScripts().length == 1, "the SDK once Analytics.js's script loaded");
  assert.equal(e.sdkScripts()[0].src, SDK613, "the plan's SDK");
  assert.deepEqual(e.rec.configure, [], 'without Go');
  registered(e).load({}, analytics());
  for (let i = 0; i < 5; i++) await tick();
  assert.equal(e.sdkScripts().length, 1, 'one SDK script');

  // A plan for other settings: not used, so its SDK is not loaded either.
  e = withPlan({readyState: 'loading', analytics: Object.assign([], {_writeKey: 'wk-1'}), query: sel => sel == '[src*="wk-1"]' ? ajs : null},
    {apiKey: 'k', trackAllPages: true}, bootPlan(SETTINGS));
  ajs.listeners.load();
  for (let i = 0; i < 20; i++) await tick();
  assert.deepEqual(e.sdkScripts(), [], 'the SDK waits for Go');

  // No such script (Analytics.js in the app's bundle, or our tag before
  // the snippet): once Analytics.js loads the destination.
  e = withPlan({readyState: 'loading'});
  for (let i = 0; i < 20; i++) await tick();
  assert.deepEqual(e.sdkScripts(), [], 'no SDK before Analytics.js loads us');
  registered(e).load({}, analytics());
  await until(() => e.sdkScripts().length == 1, 'the SDK once the destination is loaded');
});

test('boot plan: the module waits for the plan to have run as well as for the page load', async () => {
  const e = withPlan(); // the page has loaded
  const p = registered(e);
  for (let i = 0; i < 20; i++) await tick();
  assert.deepEqual(e.rec.fetches, [], 'loaded, but Analytics.js has not loaded us: the plan has not run');
  p.load({}, analytics('u1'));
  await until(() => e.rec.fetchInit, 'the module asked for once the plan ran');
  assert.equal(e.rec.sdk.at(-1)[0], 'openSession', 'the session opened before the module was asked for');
  e.releaseWasm();
  await until(() => e.rec.start.length, 'Go took over');
});

test('boot plan: a page whose load event does not come gets the module 3 s after the shim started', async () => {
  const e = withPlan({readyState: 'loading'});
  const p = registered(e), t0 = Date.now();
  p.load({}, analytics('u1'));
  await p.ready();
  assert.equal(state(e), 'ready');
  assert.deepEqual(e.rec.fetches, [], 'no load event yet: the module waits');
  await until(() => e.rec.fetchInit, 'the module asked for without a load event');
  assert.ok(Date.now() - t0 >= 2900, 'asked for by the 3 s timer, not by a load event');
  assert.equal(e.rec.listeners.load !== undefined, true, 'the load event was waited for');
});

test('boot plan: no stored user, only-known-users, an option of no value, the plan as an object', async () => {
  // No stored user: the anonymous calls; no nonce on the page: no option.
  let e = withPlan();
  let p = registered(e);
  p.load({}, analytics(null));
  await p.ready();
  assert.deepEqual(plain(e.rec.sdk.map(c => c[0])), ['initialize', 'automaticallyShowInAppMessages', 'openSession']);
  assert.deepEqual(Object.keys(e.rec.sdk[0][1][1]), ['baseUrl'], 'no contentSecurityNonce without a page nonce');

  // Only-known-users without a stored user: no call, deferred, as Go does.
  e = withPlan({plan: {anonymous: []}});
  p = registered(e);
  p.load({}, analytics(null));
  await p.ready();
  assert.equal(state(e), 'deferred');
  assert.deepEqual(e.rec.sdk, []);
  e.releaseWasm();
  await until(() => e.rec.start.length, 'start');
  assert.deepEqual(plain(e.rec.done), []);

  // SDK 2.7: appboy, an option present with no value, display.* paths.
  const v2 = {apiKey: 'k', version: '2.7'};
  const init = ['initialize', 'k', {safariWebsitePushId: '', serviceWorkerLocation: MARK + 'u', sessionTimeoutInSeconds: 30}];
  e = withPlan({configure: {global: 'appboy', family: 'appboy.ab', version: '2.7', sdkUrl: `${CDN}2.7/appboy.min.js`}}, v2,
    bootPlan(v2, {sdkUrl: `${CDN}2.7/appboy.min.js`, global: 'appboy', known: [init, ['display.automaticallyShowNewInAppMessages'], ['changeUser', MARK + 'i'], ['openSession']]}));
  p = registered(e);
  p.load({}, analytics('u'));
  await p.ready();
  assert.deepEqual(e.rec.sdk.map(c => c[0]), ['initialize', 'display.automaticallyShowNewInAppMessages', 'changeUser', 'openSession']);
  const opts = e.rec.sdk[0][1][1];
  assert.ok('serviceWorkerLocation' in opts && opts.serviceWorkerLocation === undefined, 'present, undefined, as Go passes it');
  assert.deepEqual(Object.keys(opts), ['safariWebsitePushId', 'serviceWorkerLocation', 'sessionTimeoutInSeconds']);

  // npm: destination(settings, plan), the plan as an import of its JSON gives it.
  e = env({wasm: 'held'});
  p = e.B.destination(SETTINGS, JSON.parse(bootPlan(SETTINGS)));
  p.load({}, analytics('u1'));
  await p.ready();
  assert.equal(state(e), 'ready');
  assert.equal(e.rec.sdk.length, 4);
});

test('boot plan: not used for other settings, a load switch off, a long user id, or a plan Go does not make', async () => {
  const late = async (e, why) => {
    const p = registered(e);
    p.load({}, e.a);
    await tick(); await tick();
    assert.deepEqual(e.rec.sdk, [], why + ': nothing before Go');
    assert.equal(state(e), 'loading', why);
    e.releaseWasm();
    await p.ready();
    assert.equal(e.rec.done, undefined, why + ': Go starts Braze as without a plan');
    return p;
  };
  // Settings edited after make dist: the SDK waits for Go's URL, Go warns.
  let e = withPlan({}, {apiKey: 'k', trackAllPages: true}, bootPlan(SETTINGS));
  e.a = analytics();
  await late(e, 'other settings');
  assert.equal(e.rec.fetchInit.priority, undefined, 'the module as without a plan (fetch\'s default priority, auto)');
  assert.equal(e.rec.hooks.plan, bootPlan(SETTINGS), 'Go gets the plan, to say what differs');
  assert.equal(e.sdkScripts().length, 1);

  // integrations['Braze (WASM)'] false in analytics.load: Go says so.
  e = withPlan();
  e.a = {...analytics(), integrations: {'Braze (WASM)': false}};
  await late(e, 'load switch');

  // A user id that may be over Braze's bytes: Go warns about it.
  e = withPlan();
  e.a = analytics('x'.repeat(333));
  await late(e, 'long user id');

  // Go says the plan is not the one it makes (another build), before the SDK is there.
  e = withPlan({sdk: 'manual', configure: {plan: 'other'}});
  const p = registered(e);
  p.load({}, analytics());
  e.releaseWasm();
  await until(() => e.rec.configure.length, 'configure');
  await tick();
  e.release();
  await p.ready();
  assert.equal(e.rec.done, undefined, 'another build\'s plan: today\'s order');
  assert.ok(!e.rec.sdk.some(c => c[0] == 'initialize'));

  // Not JSON: Go gets it as it is, to say so.
  e = withPlan({}, SETTINGS, '{"settings":');
  e.a = analytics();
  await late(e, 'unreadable');
  assert.equal(e.rec.hooks.plan, '{"settings":');
});

test('boot plan: an SDK that throws or refuses: what Go is told; a failed initialize stops the plan', async () => {
  const e = withPlan();
  e.rec.initThrows = 'no init';
  const p = registered(e);
  p.load({}, analytics('u1'));
  await tick(); await tick();
  assert.deepEqual(e.rec.sdk.map(c => c[0]), ['initialize'], 'nothing after a failed initialize');
  assert.equal(state(e), 'loading');
  e.releaseWasm();
  await p.ready();
  assert.deepEqual(plain(e.rec.done), ['no init']);
  assert.equal(state(e), 'failed', 'Go says initialize failed');
});

test('boot plan: another build\'s plan that the shim already made: Go warns and takes over, no call twice', async () => {
  const warning = {field: 'plan', code: 'plan_outdated', message: 'the boot plan was made by another build (known call initialize differs): rerun make dist', level: 'warning'};
  const e = withPlan({configure: {plan: 'another', warnings: [warning]}});
  const p = registered(e);
  p.load({}, analytics('u1'));
  await p.ready();
  assert.equal(e.rec.sdk.length, 4, 'the plan ran before Go');
  e.releaseWasm();
  await until(() => e.rec.start.length, 'start');
  assert.deepEqual(plain(e.rec.done), [true, true, true, true], 'Go takes over from what the shim did');
  assert.equal(e.rec.sdk.length, 4, 'no second initialize, changeUser or openSession');
  assert.deepEqual(e.rec.warn, ['[braze-wasm] plan: ' + warning.message + ' (plan_outdated)']);
});

// Events Go has not had yet outlive the page view (js/src/carry.js).

const KEY = /^braze-wasm:k:/;
// stored returns the events a site stores for apiKey k, by key: [JSON text, arrival time].
const stored = o => [...o.items].filter(([k]) => KEY.test(k)).map(([k, v]) => [k, JSON.parse(v)]);
const storedNames = o => stored(o).flatMap(([, es]) => es.map(([j]) => JSON.parse(j).event));
// view is a page view of site o whose module has not arrived (wasm: 'hang'), or, with
// opts.wasm 'ok', one that gets it; its plugin is loaded by Analytics.js.
function view(o, opts = {}) {
  const e = env({site: o, wasm: 'hang', ...opts});
  const p = e.B.destination({apiKey: 'k', ...opts.settings});
  p.load({}, analytics());
  return {e, p, track: (...names) => names.forEach(n => p.track(ctx('track', {event: n, properties: {n}})))};
}
const handled = e => e.rec.handle.map(ev => ev.event);

test('carry: events are stored as they arrive, as the JSON text Go gets, with their arrival time', async () => {
  const o = site(), v = view(o), t0 = Date.now();
  v.track('A');
  await until(() => storedNames(o).length == 1, 'A stored');
  v.track('B');
  // In the same task as track: a page discarded right after keeps B.
  assert.deepEqual(storedNames(o), ['A', 'B']);
  const [[key, events]] = stored(o);
  assert.match(key, /^braze-wasm:k:0\.\d+$/);
  assert.equal(o.held.get(key) !== undefined, true, 'the page holds the lock named after its key');
  assert.deepEqual(JSON.parse(events[0][0]), {type: 'track', event: 'A', properties: {n: 'A'}});
  assert.ok(events[0][1] >= t0 && events[1][1] >= events[0][1] && events[1][1] <= Date.now());
  assert.deepEqual(v.e.rec.info, [], 'no console note: storage works');
  assert.equal(v.e.B.status().counts.buffered, 2);
});

test('carry: the next page view hands a gone page\'s events to Go first, in order, once; then nothing stays stored', async () => {
  const o = site(), v1 = view(o);
  v1.track('A', 'B', 'C');
  await until(() => storedNames(o).length == 3, 'stored');
  v1.e.leave(); // the visitor goes to another page before the module arrived
  const v2 = view(o, {wasm: 'ok'});
  v2.track('D');
  await v2.p.ready();
  await until(() => handled(v2.e).length == 4, 'four events handled');
  assert.deepEqual(handled(v2.e), ['A', 'B', 'C', 'D']);
  // Exactly what page 1 would have given Go.
  assert.deepEqual(v2.e.rec.json[0], '{"type":"track","event":"A","properties":{"n":"A"}}');
  const c = v2.e.B.status().counts;
  assert.deepEqual([c.carried, c.received, c.buffered, c.dropped], [3, 1, 0, 0]);
  assert.deepEqual(stored(o), [], 'Go has them all: nothing stored');
  assert.deepEqual([...o.held.keys()], [], 'and every lock let go (a page holding one is never kept in the back/forward cache)');
  // A third view finds nothing to carry.
  const v3 = view(o, {wasm: 'ok'});
  await v3.p.ready();
  assert.equal(v3.e.B.status().counts.carried, 0);
  assert.deepEqual(handled(v3.e), []);
});

test('carry: a second short visit leaves them for the third, which sends both pages\' events in order', async () => {
  const o = site(), v1 = view(o);
  v1.track('A', 'B');
  await until(() => storedNames(o).length == 2, 'stored');
  v1.e.leave();
  // Page 2 claims once its module is there: it never is.
  const v2 = view(o), t = Date.now();
  await until(() => Date.now() > t, 'the clock');
  v2.track('C');
  await until(() => storedNames(o).length == 3, 'stored');
  assert.equal(stored(o).length, 2, 'each page under its own key');
  v2.e.leave();
  const v3 = view(o, {wasm: 'ok'});
  await v3.p.ready();
  await until(() => handled(v3.e).length == 3, 'handled');
  assert.deepEqual(handled(v3.e), ['A', 'B', 'C']);
  assert.equal(v3.e.B.status().counts.carried, 3);
});

test('carry: claimed events join the page\'s own stored ones until Go has them', async () => {
  const o = site(), v1 = view(o);
  v1.track('A', 'B');
  await until(() => storedNames(o).length == 2, 'stored');
  v1.e.leave();
  // Page 2's module arrives, but its SDK does not (yet): Go has nothing.
  const v2 = view(o, {wasm: 'ok', sdk: 'manual'});
  v2.track('C');
  await until(() => v2.e.B.status().counts.carried == 2, 'claimed');
  assert.deepEqual(storedNames(o), ['A', 'B', 'C']);
  assert.equal(stored(o).length, 1, 'under page 2\'s key alone');
  v2.e.leave();
  const v3 = view(o, {wasm: 'ok'});
  await v3.p.ready();
  await until(() => handled(v3.e).length == 3, 'handled');
  assert.deepEqual(handled(v3.e), ['A', 'B', 'C']);
});

test('carry: events of several gone pages go in the order they arrived', async () => {
  const o = site(), v1 = view(o), v2 = view(o);
  // Each a millisecond apart: the arrival times order them.
  const later = async () => { const t = Date.now(); await until(() => Date.now() > t, 'the clock'); };
  v1.track('A');
  await until(() => storedNames(o).length == 1, 'A');
  await later();
  v2.track('B');
  await until(() => storedNames(o).length == 2, 'B');
  await later();
  v1.track('C');
  await until(() => storedNames(o).length == 3, 'C');
  v2.e.leave(); v1.e.leave();
  const v3 = view(o, {wasm: 'ok'});
  await v3.p.ready();
  await until(() => handled(v3.e).length == 3, 'handled');
  assert.deepEqual(handled(v3.e), ['A', 'B', 'C']);
});

test('carry: a page that is still open keeps its events; another apiKey\'s are not taken', async () => {
  const o = site(), v1 = view(o), other = view(o, {settings: {apiKey: 'k2'}});
  v1.track('A');
  other.track('X');
  await until(() => storedNames(o).length == 1 && o.items.size == 2, 'stored');
  const v2 = view(o, {wasm: 'ok'});
  await v2.p.ready();
  assert.deepEqual(handled(v2.e), [], 'page 1 is open: its events are its own');
  assert.deepEqual(storedNames(o), ['A']);
  other.e.leave();
  const v3 = view(o, {wasm: 'ok'});
  await v3.p.ready();
  assert.deepEqual(handled(v3.e), [], 'k2\'s events are for a k2 page');
  assert.ok([...o.items.keys()].some(k => k.startsWith('braze-wasm:k2:')));
});

test('carry: two page views claiming at once: each event goes to Go exactly once', async () => {
  const o = site(), v1 = view(o);
  v1.track('A', 'B', 'C');
  await until(() => storedNames(o).length == 3, 'stored');
  v1.e.leave();
  const v2 = view(o, {wasm: 'ok'}), v3 = view(o, {wasm: 'ok'});
  await Promise.all([v2.p.ready(), v3.p.ready()]);
  await until(() => handled(v2.e).length + handled(v3.e).length == 3, 'handled');
  const [a, b] = [handled(v2.e), handled(v3.e)].sort((x, y) => y.length - x.length);
  assert.deepEqual([a, b], [['A', 'B', 'C'], []]);
  assert.equal(v2.e.B.status().counts.carried + v3.e.B.status().counts.carried, 3);
  assert.deepEqual(stored(o), []);
});

test('carry: a claimed key that another page already emptied (a stale list of keys) gives nothing', async () => {
  const o = site();
  o.items.set('braze-wasm:k:0.5', 'not json');
  const v = view(o, {wasm: 'ok'});
  await v.p.ready();
  assert.equal(v.e.B.status().counts.carried, 0);
  assert.deepEqual(stored(o), [], 'and the key is gone');
  assert.deepEqual(v.e.rec.warn, []);
});

test('carry: at most 100 events and 100,000 characters are stored, the first ones, with one warning', async () => {
  const o = site(), v1 = view(o);
  v1.track(...Array.from({length: 150}, (_, i) => 'e' + i));
  await until(() => storedNames(o).length == 100, 'stored');
  assert.deepEqual(storedNames(o), Array.from({length: 100}, (_, i) => 'e' + i));
  assert.deepEqual(v1.e.rec.warn, ['[braze-wasm] events over 100 or 100,000 characters not carried']);
  assert.equal(v1.e.B.status().counts.buffered, 150, 'all still wait for Go on this page');
  const o2 = site(), v2 = view(o2), big = 'x'.repeat(30000);
  for (let i = 0; i < 5; i++) v2.p.track(ctx('track', {event: 'big' + i, properties: {big}}));
  await until(() => storedNames(o2).length == 3, 'stored');
  assert.ok(stored(o2)[0][1].reduce((n, [j]) => n + j.length, 0) <= 1e5);
  assert.deepEqual(storedNames(o2), ['big0', 'big1', 'big2']);
  assert.equal(v2.e.rec.warn.length, 1);
  // The next view gets the stored ones.
  v1.e.leave();
  const v3 = view(o, {wasm: 'ok'});
  await v3.p.ready();
  await until(() => handled(v3.e).length == 100, 'handled');
  assert.equal(v3.e.B.status().counts.carried, 100);
});

test('carry: events stored over 30 minutes ago are not carried, with a warning', async () => {
  const o = site(), old = Date.now() - 31 * 60000, fresh = Date.now() - 29 * 60000;
  o.items.set('braze-wasm:k:0.25', JSON.stringify([['{"type":"track","event":"Old"}', old], ['{"type":"track","event":"Fresh"}', fresh]]));
  const v = view(o, {wasm: 'ok'});
  await v.p.ready();
  await until(() => handled(v.e).length == 1, 'handled');
  assert.deepEqual(handled(v.e), ['Fresh']);
  assert.equal(v.e.B.status().counts.carried, 1);
  assert.deepEqual(v.e.rec.warn, ['[braze-wasm] events over 30 minutes old not carried']);
});

test('carry: storage blocked, full, or no Web Locks: events wait in memory, one console note, nothing thrown', async () => {
  for (const [opts, cause] of [
    [{storage: 'blocked'}, /sandboxed/],
    [{storage: 'nolocks'}, /navigator/],
    [{site: site({quota: 500})}, /exceeded the quota/],
  ]) {
    const o = opts.site || site(), e = env({sdk: 'manual', ...opts, site: o});
    const p = e.B.destination({apiKey: 'k'});
    p.load({}, analytics());
    for (let i = 0; i < 6; i++) p.track(ctx('track', {event: 'e' + i, properties: {pad: 'p'.repeat(50)}}));
    await until(() => e.rec.info.length, 'the note');
    assert.equal(e.rec.info.length, 1, e.rec.info.join('\n'));
    assert.match(e.rec.info[0], /^\[braze-wasm\] events not stored: /);
    assert.match(e.rec.info[0], cause);
    assert.deepEqual(stored(o), [], 'nothing left stored, not even what fitted before');
    await until(() => e.rec.configure.length, 'configure');
    e.release();
    await p.ready();
    await until(() => handled(e).length == 6, 'handled');
    assert.deepEqual(handled(e), ['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    assert.deepEqual(e.rec.error, []);
    assert.equal(e.B.status().counts.info, 1, JSON.stringify(opts.storage) + e.rec.info);
  }
});

test('carry: with consentCategories nothing is stored: Go has not judged the consent yet', async () => {
  const o = site(), v = view(o, {settings: {consentCategories: ['C0004']}});
  v.track('A');
  await tick(); await tick(); await tick();
  assert.deepEqual([...o.items.keys()], []);
  assert.deepEqual([...o.held.keys()], [], 'no lock either');
  assert.deepEqual(v.e.rec.info, []);
});

test('carry: middleware runs first: what is stored is what Braze would get; a dropped event is not stored', async () => {
  const o = site(), v = view(o);
  v.p.addMiddleware(({payload, next}) => payload.obj.event == 'Secret' ? null : next({...payload, obj: {...payload.obj, properties: {masked: true}}}));
  v.track('A', 'Secret', 'B');
  await until(() => storedNames(o).length == 2, 'stored');
  assert.deepEqual(stored(o)[0][1].map(([j]) => JSON.parse(j)), [
    {type: 'track', event: 'A', properties: {masked: true}},
    {type: 'track', event: 'B', properties: {masked: true}},
  ]);
});

test('carry: Braze off (blocked, or unloaded): what was stored stays for the next view, the locks go', async () => {
  for (const end of ['blocked', 'unload']) {
    const o = site(), v1 = view(o);
    v1.track('A');
    await until(() => storedNames(o).length == 1, 'stored');
    v1.e.leave();
    const v2 = view(o, {sdk: end == 'blocked' ? 'error' : 'manual', wasm: 'ok'});
    v2.track('B');
    await until(() => v2.e.B.status().counts.carried == 1 && storedNames(o).length == 2, 'claimed');
    if (end == 'unload') v2.p.unload({}, {});
    else await v2.p.ready();
    await tick();
    assert.equal(state(v2.e), end == 'blocked' ? 'blocked' : 'unloaded');
    assert.equal(v2.e.B.status().counts.dropped, 2, 'dropped here, as the events of a page whose Braze is off');
    assert.deepEqual([...o.held.keys()], [], end + ': locks let go, while the page is still open');
    v2.track('C');
    assert.deepEqual(storedNames(o), ['A', 'B'], end + ': stored, and nothing more');
    const v3 = view(o, {wasm: 'ok'});
    await v3.p.ready();
    await until(() => handled(v3.e).length == 2, 'handled');
    assert.deepEqual(handled(v3.e), ['A', 'B']);
  }
});
