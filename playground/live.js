// The live run of the playground, in an iframe: the playground's settings and
// events (in the hash) go through Analytics.js, the plugin and the real Braze
// SDK, which sends to the embedded backend. Progress is posted to the parent.
'use strict';
(() => {
  const post = m => parent.postMessage({source: 'braze-wasm-live', ...m}, location.origin);
  let state;
  try {
    const b = atob(location.hash.slice(1).replace(/-/g, '+').replace(/_/g, '/'));
    state = JSON.parse(new TextDecoder().decode(Uint8Array.from(b, c => c.charCodeAt(0))));
  } catch (e) {
    return post({phase: 'error', message: 'bad live state: ' + e.message});
  }

  // A new visitor: no user or device id left by an earlier run.
  localStorage.clear();
  sessionStorage.clear();
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0].trim();
    if (name) document.cookie = name + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  }

  // A returning visitor: Analytics.js reads the user id an earlier page stored.
  if (state.user) localStorage.setItem('ajs_user_id', JSON.stringify(state.user));

  // One analytics.js call per event, as a site would make it.
  function send(e) {
    const a = window.analytics;
    switch (e.type) {
      case 'identify': return e.userId != null ? a.identify(String(e.userId), e.traits || {}) : a.identify(e.traits || {});
      case 'track': return a.track(e.event, e.properties || {});
      case 'page':
        if (e.category != null) return a.page(e.category, e.name, e.properties || {});
        return e.name != null ? a.page(e.name, e.properties || {}) : a.page(e.properties || {});
      case 'group': return a.group(String(e.groupId), e.traits || {});
    }
    return Promise.resolve();
  }

  const deviceId = sdk => new Promise(resolve => {
    const r = sdk.getDeviceId(resolve); // appboy 3 answers by callback, braze 4+ returns it
    if (typeof r == 'string') resolve(r);
  });

  addEventListener('DOMContentLoaded', () => {
    analytics.register(BrazeWasm.destination(state.settings));
    analytics.ready(async () => {
      post({phase: 'ready', status: BrazeWasm.status()});
      try {
        for (const e of state.events) await send(e);
      } catch (e) {
        post({phase: 'error', message: e.message});
      }
      // The SDK sends every 10 s by itself; flush now, and again for what
      // the first flush's answers queue (a new session after changeUser).
      for (let i = 0; i < 6; i++) {
        const s = BrazeWasm.sdk();
        if (s) s.requestImmediateDataFlush();
        await new Promise(r => setTimeout(r, 300));
      }
      const st = BrazeWasm.status(), sdk = BrazeWasm.sdk();
      // Only an initialised SDK has a device id (not one still deferred).
      post({phase: 'done', status: st, deviceId: sdk && st.state == 'ready' ? await deviceId(sdk) : null});
    });
  });
})();
