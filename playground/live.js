// The live run of the playground, in an iframe: the playground's settings and
// events (in the hash) go through Analytics.js, the plugin and the real Braze
// SDK, which sends to the embedded backend. Progress is posted to the parent.
//
// The hash is a shared link's content, not code: this page runs only inside
// the playground (which frames it on a click on Run live), and whatever the
// settings say, script comes only from our build and the local SDK copies,
// and requests go only to the embedded backend.
'use strict';
(() => {
  let framed = false;
  try { framed = parent !== window && parent.location.origin == location.origin && parent.location.pathname == '/playground/'; } catch {}
  if (!framed) {
    document.documentElement.dataset.refused = 'true';
    addEventListener('DOMContentLoaded', () => {
      document.body.textContent = 'This page runs the live mode of the playground: open /playground/ and press Run live.';
    });
    return;
  }
  const post = m => parent.postMessage({source: 'braze-wasm-live', ...m}, location.origin);
  let state;
  try {
    const b = atob(location.hash.slice(1).replace(/-/g, '+').replace(/_/g, '/'));
    state = JSON.parse(new TextDecoder().decode(Uint8Array.from(b, c => c.charCodeAt(0))));
    if (!state || typeof state.settings != 'object' || !Array.isArray(state.events)) throw Error('expected {settings, events}');
  } catch (e) {
    return post({phase: 'error', message: 'bad live state: ' + e.message});
  }
  const settings = localSettings(state.settings || {});
  if (!settings) return post({phase: 'error', message: 'live mode runs SDK 3.5 and 4+ (served locally: appboy 3.5.1, braze 6.13.0)'});

  // localSettings returns the settings with every URL setting replaced: the
  // SDK from /vendor/ (by the version, as the plugin would pick its family),
  // the embedded backend, the wasm from this page's build. null when no
  // local SDK fits the version.
  function localSettings(s) {
    const out = {...s};
    for (const k of ['assetsUrl', 'sdkUrl', 'sdkIntegrity', 'baseUrl', 'endpoint', 'datacenter', 'customEndpoint']) delete out[k];
    const major = parseInt(String(s.version ?? s.sdkVersion ?? '6'), 10);
    const sdk = major >= 4 ? '/vendor/braze/braze.no-module.min.js' : major == 3 ? '/vendor/appboy/3.5.1/appboy.no-amd.min.js' : null;
    return sdk && Object.assign(out, {sdkUrl: location.origin + sdk, baseUrl: location.origin + '/api/v3', doNotLoadFontAwesome: true});
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

  // Each event as written: an enrichment plugin, which Analytics.js runs
  // before the destinations, puts back the event's own userId, anonymousId,
  // timestamp and context, a page's properties as written (Analytics.js
  // adds path, referrer, search, title and url from this frame, which the
  // plan cannot know) and the traits as written (Analytics.js adds the ones
  // stored by earlier calls). So the plan and the live run map the same events.
  let current = null;
  const asWritten = {name: 'Playground: events as written', type: 'enrichment', version: '1', isLoaded: () => true, load: () => Promise.resolve()};
  for (const type of ['identify', 'track', 'page', 'group']) {
    asWritten[type] = ctx => {
      const e = current, ev = ctx.event;
      if (!e) return ctx;
      for (const k of ['userId', 'anonymousId', 'timestamp']) if (e[k] != null) ev[k] = e[k];
      if (e.context && typeof e.context == 'object') ev.context = {...ev.context, ...e.context};
      if (type == 'page') ev.properties = {...e.properties};
      // Analytics.js also sends every trait stored by earlier calls.
      if (type == 'identify' || type == 'group') ev.traits = {...e.traits};
      return ctx;
    };
  }

  const deviceId = sdk => new Promise(resolve => {
    const r = sdk.getDeviceId(resolve); // appboy 3 answers by callback, braze 4+ returns it
    if (typeof r == 'string') resolve(r);
  });

  addEventListener('DOMContentLoaded', () => {
    analytics.register(asWritten, BrazeWasm.destination(settings));
    analytics.ready(async () => {
      post({phase: 'ready', status: BrazeWasm.status()});
      try {
        for (const e of state.events) {
          current = e && typeof e == 'object' ? e : null;
          if (current) await send(e);
        }
      } catch (e) {
        post({phase: 'error', message: e.message});
      }
      current = null;
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
