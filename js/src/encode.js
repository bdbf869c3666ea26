// Events and settings cross into Go as JSON text (wasm/entry_js.go). A value
// JSON cannot carry becomes a marker string, U+E000 and a kind, that core
// turns into a warning naming the field (protocol §3); a real string that
// starts with U+E000 has it doubled.
export const M = '\uE000';

// The members of an event that core reads, and of its context only the
// consent (core.Consented): the rest (context, _metadata) is most of its
// size and never crosses.
const KEYS = ['type', 'userId', 'anonymousId', 'event', 'name', 'category', 'groupId', 'traits', 'properties', 'integrations'];

// One event's budget, whatever its shape: a graph of shared references
// (not a cycle) visits each object once per path and grows exponentially
// with depth. Go reads at most as much (wasm/read_js.go); a string over
// MAX_STRING is never copied. The budget also ends the fallback's descent
// into a chain deeper than JSON.stringify goes: once it is spent, nothing
// more is visited.
const MAX_STRING = 51200, MAX_NODES = 10000, MAX_CHARS = 1 << 18;

let nodes, chars, spent;

// cut marks the first value past the budget; the ones after it are left out.
const cut = () => spent ? undefined : (spent = 1, M + 'budget');

const count = k => ++nodes > MAX_NODES || (chars += k.length) > MAX_CHARS;

// badDate tells an invalid Date, from this realm or another (an iframe's).
const badDate = x => ({}).toString.call(x) == '[object Date]' && isNaN(x.getTime());

// replacer runs on every value JSON.stringify visits, after toJSON (an
// invalid Date's gave null), and gives what JSON carries for it. Not an
// arrow: it reads the value's holder, this.
const replacer = function (k, v) {
  const t = typeof v;
  if (count(k)) return cut();
  if (v === null && badDate(this[k])) return M + 'invalid_date';
  if (t == 'number') return isFinite(v) ? v : M + v; // NaN, Infinity, -Infinity
  if (t == 'string') {
    if (v.length > MAX_STRING) return M + 'too_long:' + v.length;
    return (chars += v.length) > MAX_CHARS ? cut() : v[0] == M ? M + v : v;
  }
  if (t == 'bigint') return M + 'bigint:' + v;
  return t == 'function' || t == 'symbol' ? M + t : v;
};

// members is the fallback for what JSON.stringify throws on (a cycle, a
// getter, Proxy trap or toJSON that throws, nesting deeper than its
// stack): each member of v is stringified on its own and, when that throws
// on a plain object, the object goes member by member the same way, so that
// what throws costs that value alone, dropped with a warning that names it
// and says what was thrown. A member that is one of its own ancestors
// (parents: v's, then v) is a cycle; an array goes whole, a cycle in it
// reported as what was thrown, err (whose message core reads as a cycle).
// In JS, so that nothing thrown ever unwinds through Go's stack.
const members = (v, keys, parents, err) => {
  const out = [], mark = kind => JSON.stringify(M + kind), threw = e => mark('getter_threw:' + (e && e.message));
  try {
    // Array.isArray throws on a revoked Proxy: that goes as what it threw.
    if (err && Array.isArray(v)) throw err;
    // An object whose toJSON threw goes as what it threw, not as its members.
    keys = keys || (v.toJSON?.(), Object.keys(v));
    parents = [...parents, v];
    for (const k of keys) {
      let x, text;
      try { text = JSON.stringify(x = v[k], replacer); } catch (e) {
        text = parents.includes(x) ? mark('cyclic') : x && typeof x == 'object' ? members(x, 0, parents, e) : threw(e);
      }
      if (text) out.push(JSON.stringify(k) + ':' + text);
    }
  } catch (e) { return threw(e); }
  return '{' + out + '}';
};

// encode returns the JSON text of an event's members that core reads, or
// with all, of every member (settings). When the event's own members
// could not be read (a getter that throws), its consent goes too: not to
// Braze, if it waits for consent.
export const encode = (v, all) => {
  let o = v;
  nodes = chars = spent = 0;
  try {
    // plan() may get no event. The consent is read last: there, o is whole.
    if (!all) {
      o = {};
      for (const k of KEYS) o[k] = v?.[k];
      const c = v?.context?.consent;
      o.context = c && {consent: c};
    }
    return JSON.stringify(o, replacer);
  } catch {
    nodes = chars = spent = 0;
    return !all && o.context ? members(o, 0, []) : members(v, !all && KEYS, []);
  }
};
