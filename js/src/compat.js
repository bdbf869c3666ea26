// appboy's API over Braze SDK 4+, so that the Segment docs' snippets run
// unchanged (contract §2, appboyCompat). Same-named methods pass through,
// bound to the SDK.
const RENAMED = {registerAppboyPushMessages: 'requestPushPermission', unregisterAppboyPushMessages: 'unregisterPush'};

export function appboyCompat(braze) {
  const IAM = braze.InAppMessage;
  const own = {
    // appboy's subscribers take arrays; what they return is offered again next time.
    subscribeToNewInAppMessages: callback => {
      let pending = [];
      return braze.subscribeToInAppMessage(m => {
        const left = callback([...pending, m]);
        pending = Array.isArray(left) ? left : [];
      });
    },
    display: {showInAppMessage: (...a) => braze.showInAppMessage(...a)},
    ab: {InAppMessage: IAM, inAppMessage: IAM, User: braze.User},
  };
  const pass = k => typeof braze[k] == 'function' ? braze[k].bind(braze) : braze[k];
  return new Proxy(own, {get: (t, k) => k in t ? t[k] : pass(RENAMED[k] || k)});
}
