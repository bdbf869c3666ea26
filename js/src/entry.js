// The per-event entry into Go (wasm/entry_js.go): the event's JSON text
// (encode's, made as the event arrived) is written straight into Go's linear memory and handed over with one
// wasm export call; only numbers come back unless there are warnings.
import {M} from './encode.js';

// handler returns bridge.handle for the module's exports.
export const handler = (x, utf8 = new TextEncoder(), text = new TextDecoder()) => json => {
  const n = json.length * 3; // UTF-8 bytes at most
  // brazeBuffer and brazeHandle may grow memory: views are made after.
  const at = x.brazeBuffer(n), {written} = utf8.encodeInto(json, new Uint8Array(x.mem.buffer, at, n));
  const r = x.brazeHandle(written), s = new Int32Array(x.mem.buffer, r, 8);
  return s[7] ? JSON.parse(text.decode(new Uint8Array(x.mem.buffer, s[6], s[7])))
    : {ok: 1, state: ['deferred', 'ready', 'loading'][s[0]], sent: s[1], dropped: s[2], buffered: s[3], dataPoints: s[4], saved: s[5]};
};

// revive parses an SDK call's object argument from Go: M and Unix ms is a
// Date, a doubled M a string that started with one.
export const revive = t => JSON.parse(t, (k, v) => typeof v == 'string' && v[0] == M ? v[1] == M ? v.slice(1) : new Date(+v.slice(1)) : v);
