/*! segment-braze-wasm 0.1.0 | MIT */
// analytics-next sends events before load() resolves: they are buffered.
// analytics.ready waits for ready(). Go side: bridge.d.ts.
(() => {
  const W = window, D = document, P = '[braze-wasm] ', VERSION = '0.1.0';
  // A second copy would double-send.
  if (W.BrazeWasm) return console.warn(P + 'loaded twice');

  // currentScript is only set during this first run.
  const tag = D.currentScript, here = tag && tag.src ? new URL('.', tag.src).href : '';
  const nonce = () => (tag && tag.nonce) || (D.querySelector('script[nonce]') || {}).nonce || '';
  const assets = s => s && s.assetsUrl ? String(s.assetsUrl).replace(/\/?$/, '/') : here;

  const FINAL = ['blocked', 'failed', 'unloaded'], MAX_BUFFER = 10000;
  const S = {state: 'loading', sdkVersion: null, apiFamily: null, lastError: null};
  const C = {received: 0, sent: 0, buffered: 0, dropped: 0, warnings: 0};
  const queue = [], seen = new Set(), waiters = new Set(), subs = [];
  let timeoutMs = 5000, goBuffered = 0, cfg, bridge, sdk, owner, booted, started, opened, policy, wasmP;

  const status = () => ({...S, counts: {...C, buffered: queue.length + goBuffered}});
  const isFinal = () => FINAL.includes(S.state);
  const log = (f, m) => { f == 'warn' ? C.warnings++ : S.lastError = m; seen.has(m) || seen.size > 999 || (seen.add(m), console[f](P + m)); };
  const warn = m => log('warn', m), error = m => log('error', m), internal = e => error('internal: ' + e.message);
  const warnAll = ws => (ws || []).forEach(w => warn(`${w.field ? w.field + ": " : ""}${w.message} (${w.code})`));

  function setState(s, force) {
    if (isFinal() && !force) return; // final states stick, but unload
    S.state = s;
    if (FINAL.includes(s)) C.dropped += queue.splice(0).length;
    waiters.forEach(w => w());
  }
  // Once: the first failure is the cause.
  const fail = (s, m) => isFinal() || (error(m + '; Braze is off'), setState(s));

  // .then: the status is read after the replay that follows start().
  const until = (pred, ms) => new Promise(resolve => {
    const check = () => pred() && end(), end = () => { waiters.delete(check); clearTimeout(t); resolve(); };
    const t = setTimeout(end, ms >= 0 ? ms : timeoutMs);
    waiters.add(check); check();
  }).then(status);

  // Go core's rule (contract §5), to fetch the SDK alongside the wasm. null: ask Go.
  const LATEST = {1: '1.6', 1.6: '1.6', 2: '2.4', 2.4: '2.4', 2.7: '2.7', 3: '3.5', 4: '4.10', 5: '5.9', 6: '6.13'};
  function cdnUrl(v) {
    v = v == null ? '6.13' : String(v).trim();
    const x = /^[1-6](\.(0|[1-9]\d*))?$/.test(v) && (LATEST[v] || v >= 3 && v);
    return x ? `https://js.appboycdn.com/web-sdk/${x}/${x < 3 ? 'appboy.min.js' : x < 4 ? 'appboy.no-amd.min.js' : 'braze.no-module.min.js'}` : null;
  }

  const addScript = (url, integrity) => new Promise((ok, ko) => {
    const s = D.createElement('script'), n = nonce();
    if (n) s.nonce = n;
    if (integrity) { s.integrity = integrity; s.crossOrigin = 'anonymous'; }
    s.onload = ok;
    s.onerror = ko;
    // Trusted Types: our policy, as a refused plain assignment is reported.
    try { policy = policy || W.trustedTypes.createPolicy('braze-wasm', {createScriptURL: u => u}); s.src = policy.createScriptURL(url); } catch { s.src = url; }
    D.head.appendChild(s);
  });

  const loadWasm = base => wasmP = wasmP || (async () => {
    if (typeof WebAssembly != 'object') throw Error('no WebAssembly');
    if (!base) throw Error('set assetsUrl: braze-wasm.wasm not found');
    const url = base + 'braze-wasm.wasm', js = base + 'wasm_exec.js';
    const get = () => fetch(url).then(r => { if (!r.ok) throw Error('HTTP ' + r.status); return r; });
    const resp = get(); // overlaps wasm_exec.js
    resp.catch(() => {});
    await addScript(js).catch(e => { throw Error(`cannot load ${js}: ${e.message || 'network, assetsUrl or CSP script-src'}`); });
    const go = new globalThis.Go();
    go.env = {GOGC: '25'}; // 30-45 % less memory
    const {instance} = await WebAssembly.instantiateStreaming(resp, go.importObject).catch(e => {
      // TypeError: not served as application/wasm.
      if (e.name != 'TypeError') throw e;
      return get().then(r => r.arrayBuffer()).then(b => WebAssembly.instantiate(b, go.importObject));
    }).catch(e => {
      throw Error(/Content.Security|CSP|unsafe-eval/i.test(e.message)
        ? `the page's Content-Security-Policy needs 'wasm-unsafe-eval' in script-src for ${url}`
        : `cannot load ${url}: ${e.message}`);
    });
    return new Promise((ok, ko) => {
      let up;
      const b = globalThis.__brazeWasm = {onready() { up = 1; ok(b); }};
      // main() never returns: settling means Go is gone.
      const gone = why => up ? booted && fail('failed', 'Go stopped: ' + why) : ko(Error('Go stopped: ' + why));
      go.run(instance).then(() => gone('exit'), gone);
    });
  })();

  // appboy's API over braze 4+, for the seed's snippets. Same-named methods pass through, bound.
  const RENAMED = {registerAppboyPushMessages: 'requestPushPermission', unregisterAppboyPushMessages: 'unregisterPush'};
  function compat(b) {
    const IAM = b.InAppMessage, o = {
      // Array callbacks; what they return comes back next time.
      subscribeToNewInAppMessages: cb => {
        let pending = [];
        return b.subscribeToInAppMessage(m => { const r = cb([...pending, m]); pending = Array.isArray(r) ? r : []; });
      },
      display: {showInAppMessage: (...a) => b.showInAppMessage(...a)},
      ab: {InAppMessage: IAM, inAppMessage: IAM, User: b.User},
    };
    const pass = k => typeof b[k] == 'function' ? b[k].bind(b) : b[k];
    return new Proxy(o, {get: (t, k) => k in t ? t[k] : pass(RENAMED[k] || k)});
  }

  function attach(fn) {
    const f = m => { try { fn(m); } catch (e) { error('onInAppMessage: ' + e.message); } };
    cfg.global == 'braze' ? sdk.subscribeToInAppMessage(f) : sdk.subscribeToNewInAppMessages(ms => { ms.forEach(f); return []; });
  }
  const hooks = {beforeOpenSession(g) { sdk = g; opened = 1; subs.splice(0).forEach(attach); }};

  function step(m, arg) {
    let r;
    try { r = bridge[m](arg) || {}; } catch (e) { r = {error: {code: 'exception', message: e.message}}; }
    const e = r.error || {};
    C.sent += r.sent | 0; C.dropped += r.ok ? r.dropped | 0 : +(m == 'handle');
    if (r.buffered >= 0) goBuffered = r.buffered;
    warnAll(r.warnings);
    if (!r.ok) error(`${m == 'handle' ? arg.type + ': ' : ''}${e.message} (${e.code})`);
    if (r.state == 'ready' || r.state == 'deferred') setState(r.state);
  }

  function tryStart() {
    if (!sdk || !owner || started || S.state != 'loading') return;
    started = 1;
    let id = null;
    try { id = String(owner.a.user().id() ?? '') || null; } catch {}
    step('start', id);
    if (S.state == 'loading') return setState('failed'); // step() printed why
    queue.splice(0).forEach(e => isFinal() ? C.dropped++ : step('handle', e));
  }

  function boot(settings) {
    booted = 1;
    const s = {...settings}, n = nonce(), cdn = cdnUrl(s.version ?? s.sdkVersion);
    if (n && !s.contentSecurityNonce && !/\/1\.6\//.test(cdn)) s.contentSecurityNonce = n; // SDK 1 lacks it
    if (s.readyTimeoutMs > 0) timeoutMs = Math.min(s.readyTimeoutMs, 60000);
    const loadSDK = (url, sri) => addScript(url, sri).then(() => 1, e => fail('blocked',
      `cannot load the Braze SDK from ${url}: ${e.message || 'ad blocker, network or CSP script-src' + (sri ? ' or SRI hash' : '')}`));
    const guess = s.sdkUrl ? String(s.sdkUrl).trim() : cdn;
    let sdkP = guess && (s.apiKey || s.api_key) && loadSDK(guess, s.sdkIntegrity);
    loadWasm(assets(s)).then(b => {
      const r = cfg = (bridge = b).configure(s, hooks), e = r.error || {};
      warnAll(r.warnings);
      if (!r.ok) return fail('failed', `${e.message} (${e.code})`);
      S.sdkVersion = r.version; S.apiFamily = r.family;
      if (r.readyTimeoutMs > 0) timeoutMs = r.readyTimeoutMs;
      // Go's URL wins; a mismatch is a bug.
      if (r.sdkUrl !== guess || !sdkP) {
        if (sdkP) error(`bug: sdkUrl ${guess} != ${r.sdkUrl}`);
        sdkP = loadSDK(r.sdkUrl, r.sdkIntegrity);
      }
      return sdkP.then(loaded => {
        const g = W[r.global];
        if (!loaded) return;
        if (!g || !g.initialize) return fail('blocked', `${r.sdkUrl} defined no window.${r.global}`);
        sdk = g;
        // Before start(), so analytics.ready snippets work even deferred.
        if (r.appboyCompat && r.global == 'braze' && !W.appboy) W.appboy = compat(g);
        tryStart();
      });
    }, e => fail('blocked', e.message)).catch(e => fail('failed', 'internal: ' + e.message));
  }

  // One Braze SDK per page: the first settings win; the first instance loaded sends.
  function claim(me) {
    if (!owner && S.state != 'unloaded') { owner = me; tryStart(); }
    return owner == me;
  }

  function deliver(me, ctx) {
    const e = ctx && ctx.event;
    if (!claim(me) || !e) return;
    C.received++;
    if (isFinal()) C.dropped++;
    else if (started) step('handle', e);
    else if (queue.length < MAX_BUFFER) queue.push(e);
    else { C.dropped++; warn(`buffer full (${MAX_BUFFER}): events dropped`); }
  }

  function destination(settings) {
    const me = {}, ready = () => until(() => S.state != 'loading');
    const ev = ctx => { try { deliver(me, ctx); } catch (e) { internal(e); } return ctx; };
    try {
      if (!booted) boot(Object(settings));
      else warn('destination() called again: first settings kept, one plugin sends');
    } catch (e) { internal(e); }
    return {
      name: 'Braze (WASM)', type: 'destination', version: VERSION,
      alternativeNames: ['Braze', 'Appboy', 'Braze Web Mode (Actions)'],
      isLoaded: () => !!started && !isFinal(),
      load(ctx, analytics) { try { me.a = analytics; claim(me); } catch (e) { internal(e); } return ready(); },
      ready,
      identify: ev, track: ev, page: ev, group: ev,
      unload(ctx) { if (owner == me) setState('unloaded', 1); return ctx; },
    };
  }

  W.BrazeWasm = {
    destination,
    status,
    whenReady: ms => until(() => S.state != 'loading' && S.state != 'deferred', ms),
    sdk: () => sdk,
    onInAppMessage(fn) { try { if (typeof fn == 'function') opened ? attach(fn) : subs.push(fn); } catch (e) { internal(e); } },
    plan: (settings, events, options) => loadWasm(assets(settings)).then(b => b.plan(settings || {}, events || [], options || {})),
  };

  // data-settings: register on window.analytics (the snippet queues it for Analytics.js).
  const raw = tag && tag.getAttribute('data-settings');
  if (raw == null) return;
  let settings;
  try {
    settings = JSON.parse(raw);
    if (Object(settings) !== settings || Array.isArray(settings)) throw Error('not an object');
  } catch (e) { return fail('failed', 'bad data-settings JSON: ' + e.message); }
  const plugin = destination(settings);
  (function register(n) {
    const a = W.analytics, oops = e => error('analytics.register: ' + e.message);
    try {
      if (a && a.register) return void Promise.resolve(a.register(plugin)).catch(oops);
      if (Array.isArray(a)) return void a.push(['register', plugin]);
    } catch (e) { return oops(e); }
    // We ran before the snippet: retry for 10 s.
    n < 200 ? setTimeout(register, 50, n + 1) : error('no window.analytics to register on');
  })(0);
})();
