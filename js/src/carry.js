// Events Go has not had yet outlive the page view: the Go module takes
// seconds to arrive on a slow network, and a visitor who leaves before
// that would lose every event of the page. Each page view keeps its
// waiting events (as encode gives them to Go, with their arrival time) in
// localStorage under braze-wasm:<apiKey>:<page id>, rewritten as they
// arrive and as Go takes them: mobile browsers discard hidden pages
// without a pagehide, so nothing waits for one.
//
// Exactly once, with any number of tabs: a page holds the Web Lock named
// after its key while it stores, and the next page view of the same apiKey
// claims another page's key only when it gets that lock at once (its page
// is gone), and holds it as long as its own: a tab with a stale view of
// storage cannot claim it again. Claimed events join this page's own,
// ahead of them, by arrival time. Once Go has them all, the key goes and
// the locks are let go (a page that holds one is never kept in the
// back/forward cache); later events go straight to Go. A page whose Braze
// goes off (blocked, failed, unloaded) leaves what it stored to the next.
//
// Without localStorage (a sandboxed iframe, storage blocked) or Web Locks
// (an old browser, an http: page), or when storage is full, events wait in
// memory as before, with one console note.
import {queue, counts, warn, note} from './status.js';

// At most 100 events or 100,000 characters of them (the Braze SDK keeps
// its own queue in the same localStorage quota): the first ones, so that
// what is carried has no gaps. Older than 30 minutes (Braze's default
// session timeout) an event is not carried: the SDK stamps it when Go
// hands it over.
const MAX = 100, MAX_CHARS = 1e5, MAX_AGE = 18e5;

// key: this page's, once its lock is held; 0 once nothing is to be stored
// any more (Go had every event, Braze is off, or storage failed), when the
// locks are let go (release). first: the head of the queue at
// the last save: past MAX + 1 events (the first one over, warned) with the
// same head, only events past the caps came since (save runs on each), and
// what is stored stays as it is.
let key, first, over, release;
const freed = new Promise(r => release = r);

// lock resolves once the Web Lock name is held (and f ran) or when another
// page holds it (false); it is held until freed. f throwing rejects.
const lock = (name, f) => new Promise((ok, no) => navigator.locks.request(name, {ifAvailable: true},
  l => l && key !== 0 ? (ok(f()), freed) : ok()).catch(no));

// stop: nothing more is stored; what is stays for the next page view,
// which may claim it at once. Braze went off here, most often for good (an
// ad blocker, CSP, a settings error) but not always: a download of the
// module that a navigation cuts fails the page as it goes.
export const stop = () => { key = 0; release(); };

// off: storage failed; said once.
const off = e => { key === 0 || note('events not stored: ' + e.message); stop(); };

// carry starts storing this page's events and resolves once the events of
// gone pages of apiKey are at the head of the queue, in arrival order.
// They are claimed once Go is there (when): the page this one replaced in
// its tab may still hold its lock while this one starts.
export const carry = (apiKey, when) => {
  const prefix = `braze-wasm:${apiKey}:`, mine = prefix + Math.random();
  return lock(mine, async () => {
    key = mine;
    save();
    await when;
    // Keys of this apiKey (a UUID: a prefix of no other) only.
    await Promise.all(Object.keys(localStorage).map(k => k.startsWith(prefix) && lock(k, () => {
      let found = [];
      // A key another page emptied (a stale list of keys) or not ours: nothing.
      try { found = JSON.parse(localStorage[k]).filter(e => Date.now() - e[1] < MAX_AGE || warn('events over 30 minutes old not carried')); } catch {}
      queue.unshift(...[...found, ...queue.splice(0, counts.carried)].sort((a, b) => a[1] - b[1]));
      counts.carried += found.length;
      localStorage.removeItem(k);
      save();
    })));
  }).catch(off);
};

// save stores what waits for Go, within the caps, in place of what was
// stored (removed first: a write that fails leaves nothing Go may get
// again); gone: Go takes events as they come, and once it had them all,
// nothing is stored any more.
export const save = gone => {
  const k = key;
  if (gone && !queue.length) stop();
  if (!k || queue.length > MAX + 1 && queue[0] == first) return;
  let size = 0;
  const out = queue.filter((e, i) => i < MAX && (size += e[0].length) <= MAX_CHARS);
  first = queue[0];
  // Said once a page: a burst before Go replays in many chunks.
  if (out.length < queue.length && !over) over = 1, warn('events over 100 or 100,000 characters not carried');
  try {
    localStorage.removeItem(k);
    out[0] && localStorage.setItem(k, JSON.stringify(out));
  } catch (e) { off(e); }
};
