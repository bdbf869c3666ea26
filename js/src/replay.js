// Handing events to Go, in arrival order, at most CHUNK of them or BUDGET
// ms of them a task (whichever comes first; a slow phone reaches the
// budget first): a backlog (events held until the SDK and the wasm were
// ready, or a burst fired in one task) goes over in chunks, with a yield
// between them that is not a timer (hidden tabs throttle timers to one a
// second or less; MessageChannel messages are not throttled).
//
// The Braze SDK rewrites its whole unsent queue on every call, so a call
// costs more the longer that queue (1.5 ms, 8 ms at 1,000 unsent): at the
// end of a task after which FLUSH_AT calls or more went unsent, the SDK is
// asked to send them. requestImmediateDataFlush is in appboy 3.5 and
// Braze 4.10 and 6.13 (read in their npm packages) and older than appboy
// 2.5 (whose changelog gives it a callback); appboy 1.6 is unchecked: the
// try covers an SDK without it, or one that throws.
//
// On pagehide, and while the page is hidden (no one to keep responsive,
// and mobile browsers may discard a hidden page without a pagehide), the
// rest goes over at once, unflushed: the SDK keeps what it got in
// localStorage and sends it on the next view, where a request started now
// would be cut off by the unload.
import {queue, counts} from './status.js';
import {save} from './carry.js';

const CHUNK = 50, BUDGET = 50, FLUSH_AT = 50;
let handle, sdk, port, busy = 0, running, flushed = 0, until;

// pump hands held events to Go; all: the whole queue in this task.
// running: an SDK callback that sends an event during a handle gets it
// queued behind the current one, not handled inside it.
// What is left is stored again in the same task (carry.js): a page
// discarded after this task has nothing stored that Go already had.
export const pump = all => {
  if (handle && !running) {
    running = 1;
    if (!busy) until = performance.now() + BUDGET;
    try {
      while (handle && queue.length && (all || document.hidden || busy < CHUNK && performance.now() < until)) {
        handle(queue.shift());
        // The task's first event posts the message that ends it (next),
        // once handled: its SDK calls need not wait for the post.
        if (!busy++) port.postMessage(0);
      }
    } finally { running = 0; }
  }
  save(handle);
};

// The end of a task that handled events.
const next = () => {
  busy = 0;
  try {
    if (counts.sent - flushed >= FLUSH_AT) flushed = counts.sent, sdk.requestImmediateDataFlush();
  } catch {}
  pump();
};

// startPump starts handing events to Go, in the browser (importing the
// module has no side effects, for server-side rendering): h handles one,
// s is the SDK (none yet while Braze waits for consent).
export const startPump = (h, s) => {
  if (!port) {
    const c = new MessageChannel();
    c.port1.onmessage = next;
    port = c.port2;
    // Either event hands pump a (truthy) Event: all at once. The page is
    // hidden by then; made visible again, it has no backlog (hidden, pump
    // sends everything).
    addEventListener('pagehide', pump);
    addEventListener('visibilitychange', pump);
  }
  handle = h;
  sdk = s;
  pump();
};

// stopPump stops handing events over until startPump: the SDK is loading
// for an event that is back at the head of the queue.
export const stopPump = () => { handle = 0; };
