// The analytics-next destination plugin. analytics-next sends events
// before load() resolves, so they are held until the SDK and the wasm are
// ready; analytics.ready waits for ready(). The Go side: js/bridge.d.ts.
import {state, counts, queue, held, status, isFinal, warn, error, internal, warnAll, say, setState, fail, until, wake, VERSION} from './status.js';
import {page, nonce, checkUrl, loadSDK, loadWasm, wasm} from './load.js';
import {installCompat, release} from './compat.js';
import {conflict} from './conflicts.js';
import {pump, startPump, stopPump} from './replay.js';
import {encode} from './encode.js';
import {through} from './middleware.js';
import {read, run} from './boot.js';
import {carry} from './carry.js';

const NAME = 'Braze (WASM)';

// Beyond this many events held (before ready, or behind a replay), the
// page is likely looping.
const MAX_HELD = 10000;
// plan() maps at most this many events (a warning says how many it had).
const MAX_PLAN = 1000;

// bootPlan: the boot plan in use (boot.js); early: the SDK's load, once;
// done: what the plan's calls did, for the user id used.
let config, bridge, sdk, owner, booted, started, bootPlan, early, done, used, planned, chain = Promise.resolve();
// subscribers: onInAppMessage's until the session opens, 0 after (each is
// attached at once).
let subscribers = [];

// Go exiting is only a failure once a destination depends on it.
const goExit = why => booted && fail('failed', why);
// What boot or braze threw: a settings error, or one of the page's (a
// window.appboy that cannot be set).
const failed = e => fail('failed', e.message);

// assetsUrl is read before Go runs, since Go comes from there: strictly, a
// URL string that passes checkUrl; absent or blank means next to the shim.
export const assetsUrl = s => {
  const a = s.assetsUrl ?? '';
  return a.trim?.() === '' ? page._base : checkUrl(a, 'assetsUrl').replace(/\/?$/, '/');
};

const attach = fn => {
  const safe = m => { try { fn(m); } catch (e) { error('onInAppMessage: ' + e.message); } };
  if (config.global == 'braze') sdk.subscribeToInAppMessage(safe);
  else sdk.subscribeToNewInAppMessages(ms => { ms.forEach(safe); return []; });
};

// onInAppMessage subscribers must be attached before the session opens,
// or they miss the session-start messages: Go calls this right before openSession.
const hooks = {conflict, beforeOpenSession: global => { const fns = subscribers || []; sdk = global; subscribers = 0; fns.forEach(attach); release(); }};

export const onInAppMessage = fn => {
  try {
    if (typeof fn != 'function') return;
    if (subscribers) subscribers.push(fn);
    else attach(fn);
  } catch (e) { internal(e); }
};

// step calls one bridge method (start or handle) and folds its result into
// the status. Steps never nest: an event sent during one (an SDK callback
// calling analytics.track) waits in the queue (replay.js).
const step = (method, arg, did) => {
  let r;
  try { r = bridge[method](arg, did) || {}; } catch (e) { r = {error: {code: 'exception', message: e.message}}; }
  try {
    counts.sent += r.sent | 0;
    counts.dataPoints += r.dataPoints | 0;
    counts.saved += r.saved | 0;
    counts.dropped += r.ok ? r.dropped | 0 : method == 'handle';
    if (r.buffered >= 0) held._goBuffered = r.buffered;
    warnAll(r.warnings);
    if (!r.ok) error((method == 'handle' ? JSON.parse(arg).type + ': ' : '') + say(r.error || {}));
    // ready, deferred, failed (initialize threw), or loading: the event
    // consents and Braze waits for consent, so the SDK loads and the event
    // goes to Go again after start.
    if (r.state) setState(r.state);
    if (r.state == 'loading') queue.unshift([arg]), stopPump(), braze().catch(failed);
  } catch (e) { internal(e); }
  return r;
};
const handleOne = e => step('handle', e[0]);

const userOf = a => { try { return String(a.user().id() ?? '') || null; } catch {} return null; };

// tryStart starts Braze once the SDK and Analytics.js are there: with the
// boot plan at once, Go or not (analytics.ready resolves at its
// openSession); then it hands Braze to Go, which makes the page-load calls
// or takes over from the plan's. A load switch that turns us off, or a user
// id too long, is Go's to say: the plan is not used then.
const tryStart = () => {
  const a = owner?._analytics;
  if (!sdk || !owner || isFinal()) return;
  // The stored user id: read now, unless the plan's calls were made for one.
  if (!done) used = userOf(a);
  if (bootPlan && !done) {
    if (a?.integrations?.[bootPlan.off] === false || used?.length > bootPlan.maxUserId) bootPlan = 0;
    else if (((done = run(bootPlan, sdk, used, hooks.beforeOpenSession))[0] ?? true) === true) setState(subscribers ? 'deferred' : 'ready');
    planned();
  }
  if (!bridge || started) return;
  started = 1;
  hooks.analytics = a; // Go reads its integrations and CDN settings
  if (!step('start', used, done).state) return setState('failed'); // step() printed why
  startPump(handleOne, sdk);
};

// Settings are read once, as an event is (encode), into the JSON text Go
// reads and plain data: a getter or Proxy trap that throws, at any depth,
// is a settings error naming the setting (\uE000 is encode's mark, M).
// Strings only: test() would convert an object, whose toString may be a
// marker once copied, not a function ({toString: () => ...} in the page).
const parseSettings = json => JSON.parse(json, (k, v) => {
  if (typeof v == 'string' && /^\uE000getter_threw:/.test(v)) throw Error(`cannot read ${k || 'the settings'}: ${v.slice(14)}`);
  return v;
});

// boot throws a settings error, which destination() turns into failed.
const boot = async (settings, p) => {
  booted = 1;
  const json = encode(settings, 1), s = parseSettings(json), assets = assetsUrl(s), t = s.readyTimeoutMs;
  // Go's rule, so that ready() waits as long from the start: a number, or
  // a string as Number() reads it (typeof string or number), a fraction
  // rounded up, 60 s at most. What Go says at configure resets the waits.
  const ms = /^[sn]/.test(typeof t) && Math.ceil(t);
  if (ms > 0) held._timeoutMs = Math.min(ms, 60000);
  hooks.nonce = nonce(); // Go fills in contentSecurityNonce (contract §2)
  // A plan for these settings, exactly: the SDK loads without Go (below,
  // or claim), and the module at low priority (nothing waits for it). Go
  // checks any plan, as JSON.stringify writes it (unreadable, as it is).
  if (p) {
    // The SDK loads once Analytics.js's own script has (the snippet's,
    // which it names by the write key), else once Analytics.js loads the
    // destination (claim): not at once, so as not to share the network
    // with the page's own content. With make dist's preload hint, on Slow
    // 4G the page's largest paint came 1.3x the floor's, and Analytics.js
    // itself later (bench/report.md). A repeat view has Analytics.js, and
    // most likely the SDK, from the cache at once.
    try {
      bootPlan = read(hooks.plan = JSON.stringify(typeof p == 'string' ? JSON.parse(hooks.plan = p) : p), hooks.nonce);
      document.querySelector(`[src*="${analytics['_writeKey']}"]`).addEventListener('load', () => bootPlan && braze());
    } catch {}
    if (bootPlan?.settings === json) config = bootPlan;
    else bootPlan = 0;
  }
  // With a plan, nothing on the page's critical path waits for Go: the
  // module's download waits for the page's own content (its load event),
  // so as not to delay its largest paint, and for the plan to have run,
  // so that its compile does not delay Braze's start (a repeat view has
  // it at once), or 3 s; what Go has not had by then outlives the page
  // (carry.js).
  const w = !isFinal() && (bootPlan ? Promise.race([Promise.all([new Promise(r => planned = r), document.readyState == 'complete' || new Promise(r => addEventListener('load', r))]), new Promise(r => setTimeout(r, 3e3))])
      .then(() => loadWasm(assets, goExit, 'low')) : loadWasm(assets, goExit)).catch(e => fail('blocked', e.message)),
    // With consentCategories, Go judges each event's consent: nothing is
    // stored before it did (carry.js). Go reads apiKey first.
    carried = 'consentCategories' in s || carry(s.apiKey ?? s.api_key, w);
  const b = await w;
  // Events of earlier page views go to Go first.
  await carried;
  if (!b) return;
  const r = config = (bridge = b).configure(json, hooks);
  if (r.plan != hooks.plan) bootPlan = 0;
  warnAll(r.warnings);
  if (!r.ok) return fail('failed', say(r.error)); // not ok: Go always says why
  state.sdkVersion = r.version;
  state.apiFamily = r.family;
  if (r.readyTimeoutMs > 0) held._timeoutMs = r.readyTimeoutMs, wake();
  if (!r.consent) return braze();
  // consentCategories: nothing of Braze before an event consents; until
  // then Go only judges the events (step).
  setState('deferred');
  startPump(handleOne);
};

// braze loads the SDK at the URL of config (the plan's or Go's), once per
// page, and starts Braze.
const braze = () => (early ||= loadSDK(config.sdkUrl, config.sdkIntegrity).then(ok => {
  // config: the plan's or Go's, of the same settings: the same SDK.
  const global = ok && window[config.global];
  if (!global?.initialize) return fail('blocked', config.sdkUrl + ' defined no window.' + config.global);
  // Go takes the SDK from hooks.sdk: window.appboy may be our holder.
  sdk = hooks.sdk = global;
  // Before start(), so that analytics.ready snippets work even when deferred.
  installCompat(config, global);
})).then(tryStart);

// One Braze SDK per page: the first settings win, and the first instance
// that analytics-next loads is the one that sends; with a plan, its SDK
// loads now if it has not yet (boot).
const claim = me => {
  if (!owner && state.state != 'unloaded') { owner = me; bootPlan && braze(); tryStart(); }
  return owner == me;
};

// deliver takes an event Analytics.js hands the destination. With
// middleware, events go through it one at a time, in order, as
// analytics-next hands them over: one that never settles holds back the
// ones behind it there too.
const deliver = (me, ctx) => {
  const event = ctx?.event;
  if (!claim(me) || !event) return;
  counts.received++;
  if (me._mw[0]) chain = chain.then(() => through(me._mw, event, NAME)).then(hold);
  else hold(event);
};

// hold queues an event for Go as the JSON text Go reads, with its arrival
// time (carry.js); none (dropped by middleware) or a final state counts it
// as dropped.
const hold = event => {
  if (event && !isFinal() && queue.length < MAX_HELD) return queue.push([encode(event), Date.now()]), pump();
  counts.dropped++;
  if (event && !isFinal()) warn(`buffer full (${MAX_HELD}): events dropped`);
};

// destination returns an analytics-next destination plugin (contract §1).
// plan: the boot plan for these settings (README), or none.
export const destination = (settings, p) => {
  const me = {_mw: []};
  const ready = () => until(() => state.state != 'loading');
  const send = ctx => { try { deliver(me, ctx); } catch (e) { internal(e); } return ctx; };
  // boot is async: what it throws rejects.
  if (!booted) boot(Object(settings), p).catch(failed);
  else warn('destination() called again: the first settings are kept');
  return {
    name: NAME,
    type: 'destination',
    version: VERSION,
    // No alternativeNames: Analytics.js would drop events for Segment's
    // Braze names silently; Go decides for them and says so (core/integrations.go).
    isLoaded: () => !!started && !isFinal(),
    load: (ctx, analytics) => {
      try { me._analytics = analytics; claim(me); } catch (e) { internal(e); }
      return ready();
    },
    ready,
    identify: send,
    track: send,
    page: send,
    group: send,
    // analytics.addDestinationMiddleware('Braze (WASM)' or '*', ...fns)
    addMiddleware: (...fns) => void me._mw.push(...fns),
    unload: ctx => {
      if (owner == me) setState('unloaded', 1);
      return ctx;
    },
  };
};

// plan is a dry run (contract §1): the wasm only, no SDK. assetsUrl only
// matters, and is only checked, when this call loads the wasm. Each event
// goes through the same encoding and budget as a sent one.
export const plan = async (settings, events, options) => {
  const b = await (wasm || loadWasm(assetsUrl(Object(settings)), goExit)), n = Object(events).length >>> 0;
  return b.plan(encode(settings || {}, 1), Array.from({length: Math.min(n, MAX_PLAN)}, (_, i) => encode(events[i])), options || {}, n);
};

export const api = {
  destination,
  status,
  whenReady: ms => until(() => state.state != 'loading' && state.state != 'deferred', ms),
  sdk: () => sdk,
  onInAppMessage,
  plan,
};
