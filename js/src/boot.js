// The boot plan (core/boot.go): the page load's SDK calls, which Go worked
// out ahead of time from the settings (make dist writes it in data-plan,
// the npm package's braze-wasm-plan prints it), made as soon as the SDK and
// Analytics.js are there, while the module still downloads. Data in a
// generic loop: the rules stay in Go, which checks the plan once it runs.
import {M} from './encode.js';

// U stands for undefined while JSON.parse runs: its reviver would delete
// the member, where the SDK gets an option present with no value.
const U = [], fix = o => { for (const k in o) if (o[k] === U) o[k] = void 0; return o; };

// read parses a plan's JSON text: the page's nonce in its placeholder's
// place, or no option without one; run fills in the user id. (A plan
// whose settings hold a string starting with M is never used: the settings
// text it is compared with has the mark doubled, as encode writes it.)
export const read = (text, nonce) => JSON.parse(text, (k, v) =>
  v === M + 'n' ? nonce || void 0 : v === M + 'u' ? U : v && typeof v == 'object' ? fix(v) : v);

// did makes one call: true, false (the SDK refused it) or the message it
// threw, as Go's start and handle take it.
export const did = f => { try { return f() !== false; } catch (e) { return '' + e?.message; } };

// run makes the plan's calls for the stored user id id on the SDK global
// g, before(g) right before openSession, and returns what each did as Go's
// start takes it: true, false (refused) or the message it threw. Every
// later call needs initialize, the first: it stops there when that failed.
export const run = (plan, g, id, before) => {
  const done = [];
  for (const [m, ...a] of id ? plan.known : plan.anonymous) {
    // A hook that throws must not stop the session, as in Go (callHook).
    if (m == 'openSession') try { before(g); } catch {}
    const path = m.split('.'), name = path.pop();
    done.push(did(() => path.reduce((o, k) => o[k], g)[name](...a.map(x => x === M + 'i' ? id : x))));
    if (done[0] !== true) break;
  }
  return done;
};
