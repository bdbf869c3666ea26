// The plugin's state, its counters and its console output: what status()
// reports and what analytics.ready waits on.
import {stop} from './carry.js';

export const PREFIX = '[braze-wasm] ';
export const VERSION = '0.1.0';

export const state = {state: 'loading', sdkVersion: null, apiFamily: null, lastError: null};
// warnings: data lost or changed; info: what a setting chose not to send.
// dataPoints: Braze data points sent; saved: those debounceIdentify and
// sendOnlyChangedTraits kept from Braze. carried: events of earlier page
// views that this one hands to Go (carry.js).
export const counts = {received: 0, sent: 0, dropped: 0, warnings: 0, info: 0, dataPoints: 0, saved: 0, carried: 0};

// Events held until the SDK and the wasm are ready, as [JSON text for Go,
// arrival time] (carry.js stores them); Go keeps its own buffer for
// only-known-users mode, reported as goBuffered.
export const queue = [];
export const held = {_goBuffered: 0, _timeoutMs: 5000};

const waiters = new Set();
const printed = new Set();

export const status = () => ({...state, counts: {...counts, buffered: queue.length + held._goBuffered}});
// The final states stick: nothing leaves them but unload.
export const isFinal = () => /^(blocked|failed|unloaded)$/.test(state.state);

// A message is printed once per page: a site sending the same bad event a
// thousand times gets one line, and the set stays bounded. The user and
// password of a URL (https://user:pass@host/) never reach the console or
// lastError: the userinfo runs to the last @ before the path (an @ after a
// ? or # without a path is hidden too: too much rather than too little).
const log = (level, message) => {
  message = message.replace(/\/\/[^\s/]*@/g, '//***@');
  if (level == 'error') state.lastError = message;
  else if (level != 'debug') counts[level == 'warn' ? 'warnings' : level]++;
  if (printed.has(message) || printed.size >= 1e3) return;
  printed.add(message);
  console[level](PREFIX + message);
};
export const warn = message => log('warn', message);
export const error = message => log('error', message);
// debug: what the page chose (an event its middleware dropped); hidden by
// the browser's default console level.
export const debug = message => log('debug', message);
// note: what the visitor's browser does not allow (console.info).
export const note = message => log('info', message);
export const internal = e => error('internal: ' + e.message);
// say is how a warning or error of Go's is printed.
export const say = w => (w.field ? w.field + ': ' : '') + w.message + ' (' + w.code + ')';
// A choice (level info) is printed with console.info, apart from losses.
export const warnAll = warnings => warnings?.forEach(w => log(w.level == 'info' ? 'info' : 'warn', say(w)));

export const setState = (next, force) => {
  if (isFinal() && !force) return;
  state.state = next;
  // Braze is off: what waited for it is dropped here; what was stored
  // stays for the next page view (carry.js).
  if (isFinal()) counts.dropped += queue.splice(0).length, stop();
  wake();
};

// wake checks every waiter again: the state or the ready timeout changed.
export const wake = () => waiters.forEach(w => w());

// The first failure is the cause; later ones are consequences.
export const fail = (next, message) => isFinal() || (error(message + '; Braze is off'), setState(next));

// until resolves with the status once pred holds or ms have passed: by
// default the ready timeout, which Go's configure may change while we
// wait, so each check sets the timer for what is left of it. A wait of
// 2e9 ms (23 days) or more, Infinity among them, has no timer: past
// 2^31-1 ms setTimeout fires at once. analytics.ready must never hang, nor wait for a backlog: the
// status is read in .then, after the first chunk of the replay that
// follows start().
export const until = (pred, ms) => new Promise(resolve => {
  const t0 = performance.now(), check = () => {
    // Subtracted first: a numeric string ('100') is read as a number.
    const left = (ms >= 0 ? ms : held._timeoutMs) - performance.now() + t0;
    clearTimeout(check._timer);
    if (pred() || left <= 0) waiters.delete(check), resolve();
    else if (left < 2e9) check._timer = setTimeout(check, left);
  };
  waiters.add(check);
  check();
}).then(status);
