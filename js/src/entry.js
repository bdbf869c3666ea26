// The per-event entry into Go (wasm/entry_js.go): the event's JSON text
// (encode's, made as the event arrived) is written straight into Go's
// linear memory and handed over with one wasm export call; only numbers
// come back unless there are warnings.

import {counts} from './status.js';
import {did} from './boot.js';

// handler returns bridge.handle for the module's exports, and gives Go
// bridge.calls, its maker of an event's SDK calls (wasm/sdk_js.go makeAll).
// read parses the JSON text Go wrote at p, n bytes long.
export const handler = (x, bridge, utf8 = new TextEncoder(), text = new TextDecoder(), read = (p, n) => JSON.parse(text.decode(new Uint8Array(x.mem.buffer, p, n)))) => {
  // calls makes on the SDK g the calls whose JSON text Go wrote at p (n
  // bytes), [[user, method, ...args], ...], with the dates in them as null,
  // [[ms, key, ...path to its holder], ...]: one crossing of numbers for
  // all of them. What each did, as boot.js's run says it, or true when the
  // SDK took each.
  bridge.calls = (g, p, n) => {
    const [calls, dates] = read(p, n);
    for (const [ms, k, ...path] of dates) path.reduce((o, i) => o[i], calls)[k] = new Date(ms);
    const done = calls.map(([user, m, ...a]) => did(() => (user ? g.getUser() : g)[m](...a)));
    return done.every(d => d === true) || done;
  };
  return json => {
    const n = json.length * 3; // UTF-8 bytes at most
    // brazeBuffer and brazeHandle may grow memory: views are made after.
    const at = x.brazeBuffer(n), {written} = utf8.encodeInto(json, new Uint8Array(x.mem.buffer, at, n));
    // status (10 numbers) is at r: a view to the end of memory is as cheap.
    const r = x.brazeHandle(written), s = new Int32Array(x.mem.buffer, r);
    // Warnings said before come as counts: each is printed once a page.
    return counts.warnings += s[8], counts.info += s[9], s[7] ? read(s[6], s[7])
      : {ok: 1, state: ['deferred', 'ready', 'loading'][s[0]], sent: s[1], dropped: s[2], buffered: s[3], dataPoints: s[4], saved: s[5]};
  };
};
