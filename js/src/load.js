// Loading the Braze SDK and the Go module: both start at once, since
// either alone takes longer than the page's patience.
import {fail} from './status.js';
import {handler} from './entry.js';

// Go core's rule (contract §5), so that the SDK download can start before
// the wasm is ready. null: only Go can tell (Go's URL always wins).
const LATEST = {1: '1.6', 1.6: '1.6', 2: '2.4', 2.4: '2.4', 2.7: '2.7', 3: '3.5', 4: '4.10', 5: '5.9', 6: '6.13'};
export function cdnUrl(version) {
  // Go reads only strings and numbers as a version.
  const v = version == null ? '6.13' : typeof version == 'object' ? '' : String(version).trim();
  const x = /^[1-6](\.(0|[1-9]\d*))?$/.test(v) && (LATEST[v] || v >= 3 && v);
  if (!x) return null;
  const file = x < 3 ? 'appboy.min.js' : x < 4 ? 'appboy.no-amd.min.js' : 'braze.no-module.min.js';
  return `https://js.appboycdn.com/web-sdk/${x}/${file}`;
}

// The page's nonce, so that our scripts run under a nonce-based CSP. page
// holds the shim's own URLs and tag: _names are shortened by the build.
export const page = {_script: null};
export const nonce = () => page._script?.nonce || document.querySelector('script[nonce]')?.nonce || '';

// checkUrl returns url resolved against the page, or throws naming the
// setting it came from. The page's CSP decides what runs, not our settings:
// we load https: URLs only (http: on an http: page), never data:, blob: or
// javascript:, which our nonce or Trusted Types policy would let through.
export function checkUrl(url, name) {
  try { // url.trim throws for anything but a string
    const u = new URL(url.trim(), document.baseURI), p = u.protocol;
    if (p == 'https:' || p == 'http:' && location.protocol == p) return u.href;
  } catch {}
  throw Error(`${name}: refused ${url}: not an https: URL`);
}

let policy;
// Every URL is checked before its script exists, so that our nonce and our
// Trusted Types policy only ever see URLs we accept; the policy checks again.
export const addScript = (url, integrity) => new Promise((resolve, reject) => {
  url = checkUrl(url, 'script');
  const s = document.createElement('script'), n = nonce();
  if (n) s.nonce = n;
  if (integrity) { s.integrity = integrity; s.crossOrigin = 'anonymous'; }
  s.onload = resolve;
  s.onerror = reject;
  // Under Trusted Types a plain string is refused; without them, or when
  // the page's policy list refuses ours, the plain assignment reports why.
  try {
    policy = policy || trustedTypes.createPolicy('braze-wasm', {createScriptURL: u => checkUrl(u, 'script')});
    s.src = policy.createScriptURL(url);
  } catch { s.src = url; }
  document.head.appendChild(s);
});

// A refused sdkUrl is a settings error (failed), not a load error (blocked).
export function loadSDK(url, integrity) {
  try { checkUrl(url, 'sdkUrl'); } catch (e) { return fail('failed', e.message); }
  return addScript(url, integrity).then(() => true, e => fail('blocked',
    `cannot load the Braze SDK from ${url}: ${e.message || 'ad blocker, network or CSP script-src' + (integrity ? ' or SRI hash' : '')}`));
}

// wasm_exec.js (the toolchain's, unmodified) defines fs, process, path and
// Go on the page, and Go reads them back: fs at init and for every print
// (a panic message), by global name. The page keeps its own globals: Go's
// are put in place only while Go runs, with __brazeWasm, Go's handle on us.
const NAMES = ['fs', 'process', 'path', 'Go', '__brazeWasm'], g = globalThis;
// swap puts vs in place of those globals (undefined: none) and returns the
// ones it replaced.
const swap = vs => NAMES.map((k, i) => { const was = g[k]; vs[i] ? g[k] = vs[i] : delete g[k]; return was; });
const within = (vs, f) => { const was = swap(vs); try { return f(); } finally { swap(was); } };

// loadWasm resolves with the bridge (js/bridge.d.ts) once Go's main has
// installed it; once per page, whoever asks first (plan or a destination):
// wasm is that promise. base has passed checkUrl (assetsUrl).
export let wasm;
export const loadWasm = (base, onExit) => wasm = wasm || (async () => {
  if (typeof WebAssembly != 'object') throw Error('no WebAssembly');
  // A folder (the script tag's, or assetsUrl), else the ES module's own URLs.
  const url = base ? base + 'braze-wasm.wasm' : page._wasm, exec = base ? base + 'wasm_exec.js' : page._exec;
  if (!url) throw Error('set assetsUrl: braze-wasm.wasm not found');
  const get = () => fetch(url).then(r => { if (!r.ok) throw Error('HTTP ' + r.status); return r; });
  const failed = e => {
    throw Error(/Content.Security|CSP|unsafe-eval/i.test(e.message)
      ? `the page's Content-Security-Policy needs 'wasm-unsafe-eval' in script-src for ${url}`
      : `cannot load ${url}: ${e.message}`);
  };
  const before = NAMES.map(k => g[k]);
  // Compiled while it downloads and while wasm_exec.js loads (only
  // instantiating needs Go's imports); a failure does not wait for it,
  // and the page gets its globals back once wasm_exec.js ran, either way.
  const [module, ours] = await Promise.all([
    WebAssembly.compileStreaming(get()).catch(e => {
      // A TypeError: the server did not say application/wasm.
      if (e.name != 'TypeError') throw e;
      return get().then(r => r.arrayBuffer()).then(b => WebAssembly.compile(b));
    }).catch(failed),
    addScript(exec).then(() => swap(before), e => { throw Error(`cannot load ${exec}: ${e.message || 'network, assetsUrl or CSP script-src'}`); }),
  ]);
  const go = new ours[3](), gojs = go.importObject.gojs, write = gojs['runtime.wasmWrite'];
  go.env = {GOGC: '25'}; // 30-45 % less linear memory, which never shrinks
  gojs['runtime.wasmWrite'] = sp => within(ours, () => write(sp));
  const instance = await WebAssembly.instantiate(module, go.importObject).catch(failed);
  return new Promise((resolve, reject) => {
    let up;
    const bridge = {onready() {
      up = true;
      const handle = handler(instance.exports);
      // Go exiting inside an export settles none of wasm_exec.js's promises.
      bridge.handle = e => { try { return handle(e); } catch (x) { throw go.exited ? Error('Go stopped: exit') : x; } finally { go.exited && gone('exit'); } };
      resolve(bridge);
    }};
    ours[4] = bridge;
    // main never returns while the page lives: settling means Go is gone.
    const gone = why => up ? onExit('Go stopped: ' + why) : reject(Error('Go stopped: ' + why));
    // Go's init and main run until main blocks, all inside run().
    within(ours, () => go.run(instance)).then(() => gone('exit'), gone);
  });
})();
