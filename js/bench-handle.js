// Per-event cost of the shim plus the real Go module under node, through the
// destination's public API (plugin.track), on a recording stub SDK:
//   node js/bench-handle.js [events] [build dir]
// Prints CPU µs per event for the first 400 events (cold) and after 3,000 (warm),
// and the wasm linear memory at the end. Not a test: figures for the report.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const N = +process.argv[2] || 3000;
const DIR = process.argv[3] || path.join(__dirname, '..', 'build');
const SRC = fs.readFileSync(path.join(DIR, 'braze-wasm.js'), 'utf8');

function page() {
  let memory;
  const calls = {n: 0};
  const fn = () => () => { calls.n++; return true; };
  const user = new Proxy({}, {get: () => fn()});
  const braze = new Proxy({getUser: () => user, initialize: fn(), User: {Genders: {}}}, {get: (t, k) => k in t ? t[k] : fn()});
  const w = {
    console: {warn() {}, info() {}, error: (...a) => console.error(...a), log() {}},
    setTimeout, clearTimeout, URL, TextEncoder, TextDecoder, crypto: globalThis.crypto, performance,
    addEventListener() {},
    MessageChannel: class { // the replay's yield; Node's own would keep the process alive
      constructor() { this.port1 = {}; this.port2 = {postMessage: () => setImmediate(() => this.port1.onmessage({}))}; }
    },
    // Today's shim compiles, then instantiates the Module (the Instance
    // itself); older ones instantiated a stream ({instance}).
    WebAssembly: Object.assign(Object.create(WebAssembly), Object.fromEntries(['instantiate', 'instantiateStreaming'].map(f => [f, async (...a) => {
      const out = await WebAssembly[f](...a);
      memory = (out.instance || out).exports.mem;
      return out;
    }]))),
    fetch: async () => new Response(fs.readFileSync(path.join(DIR, 'braze-wasm.wasm')), {headers: {'content-type': 'application/wasm'}}),
  };
  w.window = w;
  w.document = {
    currentScript: {src: 'https://a.example/bw/braze-wasm.js', nonce: '', getAttribute: () => null},
    querySelector: () => null,
    createElement: () => ({}),
    head: {appendChild(el) {
      setImmediate(() => {
        if (el.src.endsWith('/wasm_exec.js')) vm.runInContext(fs.readFileSync(path.join(DIR, 'wasm_exec.js'), 'utf8'), w);
        else w.braze = braze;
        el.onload();
      });
    }},
  };
  vm.createContext(w);
  vm.runInContext(SRC, w);
  return {B: w.BrazeWasm, calls, mem: () => memory.buffer.byteLength};
}

const event = i => ({
  type: 'track', event: 'Product Viewed', userId: 'u-1', anonymousId: 'a-1',
  properties: {
    product_id: 'sku-' + i, name: 'Bag', category: 'Bags', brand: 'Acme', variant: 'red', price: 49.5,
    currency: 'USD', url: 'https://shop.example/bag', image_url: 'https://shop.example/bag.png', position: 3,
    coupon: 'FALL', in_stock: true, viewed_at: '2026-11-30T10:00:00Z', list_id: 'l-9', rating: 4.5,
  },
  context: {page: {path: '/bag', url: 'https://shop.example/bag', title: 'Bag'}, library: {name: 'analytics.js', version: 'next-1.84.3'}, userAgent: 'Mozilla/5.0'},
  messageId: 'ajs-next-' + i, timestamp: '2026-11-30T10:00:00.000Z', integrations: {},
});

(async () => {
  const {B, calls, mem} = page();
  const p = B.destination({apiKey: 'k'});
  p.load({}, {user: () => ({id: () => 'u-1'})});
  const s = await p.ready();
  if (s.state != 'ready') throw Error('not ready: ' + JSON.stringify(s));
  // CPU time of this process, less disturbed than wall time on a shared
  // machine, until Go has had every event (a burst is replayed 50 a task).
  const run = async (from, n) => {
    const t = process.cpuUsage();
    for (let i = from; i < from + n; i++) p.track({event: event(i)});
    while (B.status().counts.buffered > 0) await new Promise(setImmediate);
    const d = process.cpuUsage(t);
    return (d.user + d.system) / n;
  };
  const cold = await run(0, 400);
  await run(400, N);
  // Warm: the median of 5 batches of 200.
  const warm = [];
  for (let b = 0; b < 5; b++) warm.push(await run(400 + N + b * 200, 200));
  warm.sort((a, b) => a - b);
  const c = B.status().counts;
  console.log(JSON.stringify({coldUs: +cold.toFixed(1), warmUs: +warm[2].toFixed(1), events: c.received, sent: c.sent, sdkCalls: calls.n, warnings: c.warnings, wasmMemMiB: +(mem() / 2 ** 20).toFixed(2)}));
})();
