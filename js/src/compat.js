// appboy's API over Braze SDK 4+, so that the Segment docs' snippets run
// unchanged (contract §2, appboyCompat). The rest of braze (same-named
// methods: Braze 4+ functions need no this) is its prototype.
import {error} from './status.js';

export const appboyCompat = braze => {
  const IAM = braze.InAppMessage;
  return Object.assign(Object.create(braze), {
    registerAppboyPushMessages: braze.requestPushPermission,
    unregisterAppboyPushMessages: braze.unregisterPush,
    // appboy's subscribers take arrays; what they return is offered again next time.
    subscribeToNewInAppMessages: callback => {
      let pending = [];
      return braze.subscribeToInAppMessage(m => {
        const left = callback([...pending, m]);
        pending = Array.isArray(left) ? left : [];
      });
    },
    display: {showInAppMessage: braze.showInAppMessage},
    ab: {InAppMessage: IAM, inAppMessage: IAM, User: braze.User},
  });
};

// Until Braze is initialised (in only-known-users mode, until the first
// identify with a userId), window.appboy holds the page's calls instead of
// letting the SDK refuse them ("must be initialized"); release() runs them
// once initialize has run: subscribers at once, before openSession, so
// that they get the session-start messages, the rest right after it. A
// held call returns undefined.
let held = [], real;

export const installCompat = (r, sdk) => {
  if (!r.appboyCompat || r.global == 'braze' && window.appboy) return;
  real = r.global == 'braze' ? appboyCompat(sdk) : sdk;
  window.appboy = new Proxy(real, {get: (t, k) =>
    held && typeof t[k] == 'function' && !/^[A-Z]/.test(k) ? (...a) => void held.push([k, a]) : t[k]});
};

export const release = () => {
  const calls = real && held, run = ([k, a]) => { try { real[k](...a); } catch (e) { error('appboy.' + k + ': ' + e.message); } };
  if (!calls) return;
  held = null;
  window.appboy = real;
  for (const c of calls) /^subscribe/.test(c[0]) ? run(c) : queueMicrotask(() => run(c));
};
