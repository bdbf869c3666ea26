// Loading the Braze SDK and the Go module: both start at once, since
// either alone takes longer than the page's patience.
import {fail} from './status.js';
import {handler} from './entry.js';

// Go core's rule (contract §5), so that the SDK download can start before
// the wasm is ready. null: only Go can tell (Go's URL always wins).
const LATEST = {1: '1.6', 1.6: '1.6', 2: '2.4', 2.4: '2.4', 2.7: '2.7', 3: '3.5', 4: '4.10', 5: '5.9', 6: '6.13'};
export function cdnUrl(version) {
  const v = version == null ? '6.13' : String(version).trim();
  const x = /^[1-6](\.(0|[1-9]\d*))?$/.test(v) && (LATEST[v] || v >= 3 && v);
  if (!x) return null;
  const file = x < 3 ? 'appboy.min.js' : x < 4 ? 'appboy.no-amd.min.js' : 'braze.no-module.min.js';
  return `https://js.appboycdn.com/web-sdk/${x}/${file}`;
}

// The page's nonce, so that our scripts run under a nonce-based CSP.
export const page = {script: null};
export const nonce = () => (page.script && page.script.nonce) || (document.querySelector('script[nonce]') || {}).nonce || '';

let policy;
export const addScript = (url, integrity) => new Promise((resolve, reject) => {
  const s = document.createElement('script'), n = nonce();
  if (n) s.nonce = n;
  if (integrity) { s.integrity = integrity; s.crossOrigin = 'anonymous'; }
  s.onload = resolve;
  s.onerror = reject;
  // Under Trusted Types a plain string is refused; without them, or when
  // the page's policy list refuses ours, the plain assignment reports why.
  try {
    policy = policy || trustedTypes.createPolicy('braze-wasm', {createScriptURL: u => u});
    s.src = policy.createScriptURL(url);
  } catch { s.src = url; }
  document.head.appendChild(s);
});

export const loadSDK = (url, integrity) => addScript(url, integrity).then(() => true, e => fail('blocked',
  `cannot load the Braze SDK from ${url}: ${e.message || 'ad blocker, network or CSP script-src' + (integrity ? ' or SRI hash' : '')}`));

// loadWasm resolves with the bridge (js/bridge.d.ts) once Go's main has
// installed it; once per page, whoever asks first (plan or a destination).
let wasm;
export const loadWasm = (base, onExit) => wasm = wasm || (async () => {
  if (typeof WebAssembly != 'object') throw Error('no WebAssembly');
  if (!base) throw Error('set assetsUrl: braze-wasm.wasm not found');
  const url = base + 'braze-wasm.wasm', exec = base + 'wasm_exec.js';
  const get = () => fetch(url).then(r => { if (!r.ok) throw Error('HTTP ' + r.status); return r; });
  const response = get(); // downloads while wasm_exec.js loads
  response.catch(() => {});
  await addScript(exec).catch(e => { throw Error(`cannot load ${exec}: ${e.message || 'network, assetsUrl or CSP script-src'}`); });
  const go = new globalThis.Go();
  go.env = {GOGC: '25'}; // 30-45 % less linear memory, which never shrinks
  const {instance} = await WebAssembly.instantiateStreaming(response, go.importObject).catch(e => {
    // A TypeError: the server did not say application/wasm.
    if (e.name != 'TypeError') throw e;
    return get().then(r => r.arrayBuffer()).then(b => WebAssembly.instantiate(b, go.importObject));
  }).catch(e => {
    throw Error(/Content.Security|CSP|unsafe-eval/i.test(e.message)
      ? `the page's Content-Security-Policy needs 'wasm-unsafe-eval' in script-src for ${url}`
      : `cannot load ${url}: ${e.message}`);
  });
  return new Promise((resolve, reject) => {
    let up;
    const bridge = globalThis.__brazeWasm = {onready() { up = true; bridge.handle = handler(instance.exports); resolve(bridge); }};
    // main never returns while the page lives: settling means Go is gone.
    const gone = why => up ? onExit('Go stopped: ' + why) : reject(Error('Go stopped: ' + why));
    go.run(instance).then(() => gone('exit'), gone);
  });
})();
