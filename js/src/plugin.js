// The analytics-next destination plugin. analytics-next sends events
// before load() resolves, so they are held until the SDK and the wasm are
// ready; analytics.ready waits for ready(). The Go side: js/bridge.d.ts.
import {state, counts, queue, held, status, isFinal, warn, error, internal, warnAll, setState, fail, until, VERSION} from './status.js';
import {cdnUrl, page, nonce, loadSDK, loadWasm} from './load.js';
import {appboyCompat} from './compat.js';
import {encode} from './encode.js';
import {revive} from './entry.js';

// Beyond this many events held before ready, the page is likely looping.
const MAX_HELD = 10000;
// plan() maps at most this many events (a warning says how many it had).
const MAX_PLAN = 1000;

let config, bridge, sdk, owner, booted, started, opened;
const subscribers = [];

// Go exiting is only a failure once a destination depends on it.
const goExit = why => booted && fail('failed', why);

export const assetsUrl = s => s && s.assetsUrl ? String(s.assetsUrl).replace(/\/?$/, '/') : page.base;
export const currentSDK = () => sdk;

function attach(fn) {
  const safe = m => { try { fn(m); } catch (e) { error('onInAppMessage: ' + e.message); } };
  if (config.global == 'braze') sdk.subscribeToInAppMessage(safe);
  else sdk.subscribeToNewInAppMessages(ms => { ms.forEach(safe); return []; });
}

// onInAppMessage subscribers must be attached before the session opens,
// or they miss the session-start messages: Go calls this right before openSession.
const hooks = {beforeOpenSession(global) { sdk = global; opened = true; subscribers.splice(0).forEach(attach); }, parse: revive};

export function onInAppMessage(fn) {
  try {
    if (typeof fn != 'function') return;
    if (opened) attach(fn);
    else subscribers.push(fn);
  } catch (e) { internal(e); }
}

// step calls one bridge method (start or handle) and folds its result into
// the status. A step asked for while one runs (an SDK callback calling
// analytics.track) runs after it, in order: Go handles one event at a time.
const steps = [];
function step(method, arg) {
  if (steps.push([method, arg]) > 1) return;
  while (steps.length) {
    try { run(...steps[0]); } catch (e) { internal(e); }
    steps.shift();
  }
}

function run(method, arg) {
  let r;
  try { r = bridge[method](arg) || {}; } catch (e) { r = {error: {code: 'exception', message: e.message}}; }
  const e = r.error || {};
  counts.sent += r.sent | 0;
  counts.dropped += r.ok ? r.dropped | 0 : +(method == 'handle');
  if (r.buffered >= 0) held.goBuffered = r.buffered;
  warnAll(r.warnings);
  if (!r.ok) error(`${method == 'handle' ? arg.type + ': ' : ''}${e.message} (${e.code})`);
  if (r.state == 'ready' || r.state == 'deferred') setState(r.state);
}

function tryStart() {
  if (!sdk || !owner || started || state.state != 'loading') return;
  started = true;
  let userId = null;
  try { userId = String(owner.analytics.user().id() ?? '') || null; } catch {}
  step('start', userId);
  if (state.state == 'loading') return setState('failed'); // step() printed why
  queue.splice(0).forEach(e => isFinal() ? counts.dropped++ : step('handle', e));
}

function boot(settings) {
  booted = true;
  const s = {...settings}, n = nonce(), cdn = cdnUrl(s.version ?? s.sdkVersion);
  if (n && !s.contentSecurityNonce && !/\/1\.6\//.test(cdn)) s.contentSecurityNonce = n; // SDK 1 has no such option
  if (s.readyTimeoutMs > 0) held.timeoutMs = Math.min(s.readyTimeoutMs, 60000);
  const guess = s.sdkUrl ? String(s.sdkUrl).trim() : cdn;
  let sdkLoaded = guess && (s.apiKey || s.api_key) && loadSDK(guess, s.sdkIntegrity);
  loadWasm(assetsUrl(s), goExit).then(b => {
    const r = config = (bridge = b).configure(encode(s, 1), hooks), e = r.error || {};
    warnAll(r.warnings);
    if (!r.ok) return fail('failed', `${e.message} (${e.code})`);
    state.sdkVersion = r.version;
    state.apiFamily = r.family;
    if (r.readyTimeoutMs > 0) held.timeoutMs = r.readyTimeoutMs;
    // Go's URL wins; a mismatch with our guess is a bug worth reporting.
    if (r.sdkUrl !== guess || !sdkLoaded) {
      if (sdkLoaded) error(`bug: sdkUrl ${guess} != ${r.sdkUrl}`);
      sdkLoaded = loadSDK(r.sdkUrl, r.sdkIntegrity);
    }
    return sdkLoaded.then(loaded => {
      const global = window[r.global];
      if (!loaded) return;
      if (!global || !global.initialize) return fail('blocked', `${r.sdkUrl} defined no window.${r.global}`);
      sdk = global;
      // Before start(), so that analytics.ready snippets work even when deferred.
      if (r.appboyCompat && r.global == 'braze' && !window.appboy) window.appboy = appboyCompat(global);
      tryStart();
    });
  }, e => fail('blocked', e.message)).catch(e => fail('failed', 'internal: ' + e.message));
}

// One Braze SDK per page: the first settings win, and the first instance
// that analytics-next loads is the one that sends.
function claim(me) {
  if (!owner && state.state != 'unloaded') { owner = me; tryStart(); }
  return owner == me;
}

function deliver(me, ctx) {
  const event = ctx && ctx.event;
  if (!claim(me) || !event) return;
  counts.received++;
  if (isFinal()) counts.dropped++;
  else if (started) step('handle', event);
  else if (queue.length < MAX_HELD) queue.push(event);
  else { counts.dropped++; warn(`buffer full (${MAX_HELD}): events dropped`); }
}

// destination returns an analytics-next destination plugin (contract §1).
export function destination(settings) {
  const me = {};
  const ready = () => until(() => state.state != 'loading');
  const send = ctx => { try { deliver(me, ctx); } catch (e) { internal(e); } return ctx; };
  try {
    if (!booted) boot(Object(settings));
    else warn('destination() called again: first settings kept, one plugin sends');
  } catch (e) { internal(e); }
  return {
    name: 'Braze (WASM)',
    type: 'destination',
    version: VERSION,
    // Existing integrations: {Appboy: false} switches and consent mappings keep working.
    alternativeNames: ['Braze', 'Appboy', 'Braze Web Mode (Actions)'],
    isLoaded: () => !!started && !isFinal(),
    load(ctx, analytics) {
      try { me.analytics = analytics; claim(me); } catch (e) { internal(e); }
      return ready();
    },
    ready,
    identify: send,
    track: send,
    page: send,
    group: send,
    unload(ctx) {
      if (owner == me) setState('unloaded', true);
      return ctx;
    },
  };
}

// plan is a dry run (contract §1): the wasm only, no SDK.
// Each event goes through the same encoding and budget as a sent one.
export const plan = (settings, events, options) => loadWasm(assetsUrl(settings), goExit).then(b => {
  const n = Object(events).length >>> 0;
  return b.plan(encode(settings || {}, 1), Array.from({length: Math.min(n, MAX_PLAN)}, (_, i) => encode(events[i])), options || {}, n);
});

export const api = {
  destination,
  status,
  whenReady: ms => until(() => state.state != 'loading' && state.state != 'deferred', ms),
  sdk: currentSDK,
  onInAppMessage,
  plan,
};
