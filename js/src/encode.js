// Events and settings cross into Go as JSON text (wasm/entry_js.go). A value
// JSON cannot carry becomes a marker string, U+E000 and a kind, that core
// turns into a warning naming the field (protocol §3); a real string that
// starts with U+E000 has it doubled.
export const M = '\uE000';

// The members of an event that core reads: the rest (context, integrations,
// _metadata) is most of its size and never crosses.
const KEYS = ['type', 'userId', 'anonymousId', 'event', 'name', 'category', 'groupId', 'traits', 'properties', 'integrations'];

// One event's budget, whatever its shape: a graph of shared references
// (not a cycle) visits each object once per path and grows exponentially
// with depth. Go reads at most as much (wasm/read_js.go); a string over
// MAX_STRING is never copied. Beyond MAX_DEPTH Go has already cut.
const MAX_STRING = 51200, MAX_NODES = 10000, MAX_CHARS = 1 << 18, MAX_DEPTH = 20;

let nodes, chars, spent;

// cut marks the first value past the budget; the ones after it are left out.
const cut = () => spent ? undefined : (spent = 1, M + 'budget');

const count = k => ++nodes > MAX_NODES || (chars += k.length) > MAX_CHARS;

// leaf is what JSON carries for a value that is not an object.
function leaf(v) {
  const t = typeof v;
  if (t == 'number') return isFinite(v) ? v : M + String(v).toLowerCase(); // nan, infinity, -infinity
  if (t == 'string') {
    if (v.length > MAX_STRING) return M + 'too_long:' + v.length;
    return (chars += v.length) > MAX_CHARS ? cut() : v[0] == M ? M + v : v;
  }
  if (t == 'bigint') return M + 'bigint:' + v;
  return t == 'function' || t == 'symbol' ? M + t : v;
}

// badDate tells an invalid Date, from this realm or another (an iframe's).
const badDate = x => Object.prototype.toString.call(x) == '[object Date]' && isNaN(x.getTime());

// replacer runs on every value JSON.stringify visits, after toJSON: an
// invalid Date's toJSON gave null.
function replacer(k, v) {
  if (count(k)) return cut();
  if (v === null && badDate(this[k])) return M + 'invalid_date';
  return typeof v == 'object' ? v : leaf(v);
}

// threw marks a value whose getter, Proxy trap or toJSON threw.
const threw = e => M + 'getter_threw:' + (e && e.message);

// walk copies v into plain data, each read in its own try: the fallback
// for what JSON.stringify throws on (cycles, throwing getters and Proxy
// traps, nesting deeper than its stack). In JS, so that nothing thrown
// ever unwinds through Go's stack.
function walk(v, k, depth, parents, keys) {
  if (count(k)) return cut();
  let out, array;
  try {
    if (badDate(v)) return M + 'invalid_date';
    if (v && typeof v.toJSON == 'function') v = v.toJSON(k);
    if (!v || typeof v != 'object') return leaf(v);
    if (parents.includes(v)) return M + 'cyclic';
    if (depth > MAX_DEPTH) return;
    array = Array.isArray(v);
    keys = keys || Object.keys(v);
    // A null prototype, so that a "__proto__" key stays data, as in JSON.parse.
    out = array ? [] : Object.create(null);
    parents.push(v);
  } catch (e) { return threw(e); }
  for (const i of keys) {
    if (spent) break;
    let x, bad;
    try { x = v[i]; } catch (e) { bad = threw(e); }
    x = bad || walk(x, String(i), depth + 1, parents);
    if (array || x !== undefined) out[i] = x;
  }
  parents.pop();
  return out;
}

// encode returns the JSON text of an event's members that core reads, or
// with all, of every member (settings).
export function encode(v, all) {
  nodes = chars = spent = 0;
  try {
    let o = v;
    if (!all) { o = {}; for (const k of KEYS) o[k] = v[k]; }
    return JSON.stringify(o, replacer);
  } catch {
    nodes = chars = spent = 0;
    return JSON.stringify(walk(v, '', 0, [], !all && KEYS)) ?? 'null';
  }
}
