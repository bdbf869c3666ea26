// Loading the Go module, and the Braze SDK at the URL Go gives: its
// configure's, or the boot plan's that Go made ahead of time; a second
// copy of Go's URL rule here would cost every page view its bytes.
import {fail} from './status.js';
import {handler} from './entry.js';

// The page's nonce, so that our scripts run under a nonce-based CSP. page
// holds the shim's own URLs and tag: _names are shortened by the build.
export const page = {};
export const nonce = () => page._script?.nonce || document.querySelector('script[nonce]')?.nonce || '';

// checkUrl returns url resolved against the page, or throws naming the
// setting it came from. The page's CSP decides what runs, not our settings:
// we load https: URLs only (http: on an http: page), never data:, blob: or
// javascript:, which our nonce or Trusted Types policy would let through.
export const checkUrl = (url, name) => {
  try { // url.trim throws for anything but a string
    const u = new URL(url.trim(), document.baseURI), p = u.protocol;
    if (p == 'https:' || p == 'http:' && location.protocol == p) return u.href;
  } catch {}
  // Not String(url): settings are plain data by now, and {toString: ...} a
  // member that String() cannot call.
  throw Error(name + ': refused ' + (url.trim ? url : typeof url) + ': not an https: URL');
};

let policy;
// Every URL is checked before its script exists, so that our nonce and our
// Trusted Types policy only ever see URLs we accept; the policy checks again.
export const addScript = (url, integrity) => new Promise((resolve, reject) => {
  url = checkUrl(url, 'script');
  // An empty nonce is none: the property is no attribute.
  const s = document.createElement('script');
  s.nonce = nonce();
  if (integrity) { s.integrity = integrity; s.crossOrigin = 'anonymous'; }
  s.onerror = reject;
  s.onload = resolve;
  // Under Trusted Types a plain string is refused; without them, or when
  // the page's policy list refuses ours, the plain assignment reports why.
  try {
    policy ||= trustedTypes.createPolicy('braze-wasm', {createScriptURL: u => checkUrl(u, 'script')});
    s.src = policy.createScriptURL(url);
  } catch { s.src = url; }
  document.head.appendChild(s);
});

// A refused sdkUrl is a settings error (failed), not a load error (blocked).
export const loadSDK = (url, integrity) => {
  try { checkUrl(url, 'sdkUrl'); } catch (e) { return fail('failed', e.message); }
  // A message: Trusted Types refused the URL; none: the script's error event.
  return addScript(url, integrity).then(() => true, e => fail('blocked',
    `cannot load ${url}: ${e.message || 'ad blocker, network or CSP script-src' + (integrity ? ' or SRI hash' : '')}`));
};

// wasm_exec.js (the toolchain's, unmodified) defines fs, process, path and
// Go on the page, which gets its own back at once. It runs from a folder by
// a script tag or, for the ES module, as a module of the site's bundle
// (page._exec, module.js). Go itself reads two globals by name:
// __brazeWasm, its handle on us (the bridge, whose calls Go keeps), while
// main runs, and fs when it prints (a panic message); each is there only
// for that time.
const NAMES = ['fs', 'Go', 'process', 'path'], g = globalThis;
// put sets or (undefined) deletes a global and returns the one it replaced.
const put = (k, v) => { const was = g[k]; v ? g[k] = v : delete g[k]; return was; };
const within = (k, v, f) => { const was = put(k, v); try { return f(); } finally { put(k, was); } };

// loadWasm resolves with the bridge (js/bridge.d.ts) once Go's main has
// installed it; once per page, whoever asks first (plan or a destination):
// wasm is that promise. base has passed checkUrl (assetsUrl).
export let wasm;
// priority: fetch's, 'low' when the boot plan leaves nothing waiting for
// the module (undefined: fetch's default, 'auto').
export const loadWasm = (base, onExit, priority) => wasm ||= (async () => {
  // A folder (the script tag's, or assetsUrl), else the ES module's own.
  const url = base ? base + 'braze-wasm.wasm' : page._wasm, exec = (base || '') + 'wasm_exec.js';
  if (!url) throw Error('set assetsUrl: braze-wasm.wasm not found');
  const failed = e => {
    throw Error(/CSP|unsafe-eval/.test(e.message)
      ? `the page's CSP needs 'wasm-unsafe-eval' in script-src for ${url}`
      // The ES module's own URL failing: page._hint says why (module.js).
      : `cannot load ${url}: ${e.message}${base ? '' : page._hint}`);
  };
  const before = NAMES.map(k => g[k]);
  // Compiled while it downloads and while wasm_exec.js loads (only
  // instantiating needs Go's imports); a failure does not wait for it,
  // and the page gets its globals back once wasm_exec.js ran, either way.
  const [module, ours] = await Promise.all([
    // Streamed whatever type the server says: many do not say application/wasm.
    // When it does, fetch's own Response, which has a URL: the browser's
    // wasm code cache keys on it, so a rebuilt one is never cached.
    WebAssembly.compileStreaming(fetch(url, {priority}).then(r => {
      if (!r.ok) throw Error('HTTP ' + r.status);
      return r.headers.get('content-type') == 'application/wasm' ? r : new Response(r.body, {headers: {'content-type': 'application/wasm'}});
    })).catch(failed),
    (base ? addScript : page._exec)(exec).then(() => NAMES.map((k, i) => put(k, before[i])), e => { throw Error(`cannot load ${exec}: ${e.message || 'network, assetsUrl or CSP script-src'}`); }),
  ]);
  const [fs, Go] = ours;
  // A script that throws as it runs still fires load, having defined no Go.
  if (!Go) throw Error(exec + ' threw or defined no Go');
  const go = new Go, gojs = go.importObject.gojs, write = gojs['runtime.wasmWrite'];
  go.env.GOGC = '25'; // 30-45 % less linear memory, which never shrinks
  gojs['runtime.wasmWrite'] = sp => within('fs', fs, () => write(sp));
  const instance = await WebAssembly.instantiate(module, go.importObject).catch(failed);
  // Any module without our imports (an empty one) instantiates.
  if (!instance.exports.brazeHandle) throw Error(url + ': not our module');
  // Go's init and main run inside run() until main blocks, having filled
  // in the bridge; main never returns while the page lives, so run's
  // promise settles only when Go is gone, and Go exiting inside an export
  // settles none of wasm_exec.js's promises.
  const bridge = {}, handle = handler(instance.exports, bridge), gone = why => onExit('Go stopped: ' + why);
  within('__brazeWasm', bridge, () => go.run(instance)).then(() => gone('exit'), gone);
  if (!bridge.configure) throw Error('Go stopped at start');
  bridge.handle = e => { try { return handle(e); } catch (x) { throw go.exited ? Error('Go stopped: exit') : x; } finally { go.exited && gone('exit'); } };
  return bridge;
})();
