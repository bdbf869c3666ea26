// The playground: settings and events in, BrazeWasm.plan() out, as you type.
// Plain DOM: every piece of user data is set with textContent, never parsed
// as HTML. The state (the two texts) lives in the URL hash, so a link shares it.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const ui = {settings: $('settings'), events: $('events')};

  const {DEFAULT_SETTINGS, SETTINGS_PRESETS, PRESETS, SESSION} = window.playgroundPresets; // presets.js

  function el(tag, cls, ...kids) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    e.append(...kids.filter(k => k != null)); // strings become text nodes
    return e;
  }
  const pretty = v => JSON.stringify(v, null, 2);

  // ---- state in the URL: #s=base64url(JSON {settings, events}) ----
  const b64 = s => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const unb64 = s => new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0)));

  // loadState reads the hash; a link that cannot be read gives the
  // defaults, with broken saying why.
  function loadState() {
    const defaults = {settings: pretty(DEFAULT_SETTINGS), events: pretty(SESSION.map(n => PRESETS[n]))};
    if (location.hash.length < 2) return defaults;
    const m = /^#s=([\w-]+)$/.exec(location.hash);
    let why = 'it does not hold #s= and a playground state';
    if (m) {
      try {
        const s = JSON.parse(unb64(m[1]));
        if (s && typeof s.settings == 'string' && typeof s.events == 'string') return s;
        why = 'its state has no settings and events texts';
      } catch (e) {
        why = 'its state is not base64 JSON (' + e.message + '), maybe cut when it was copied';
      }
    }
    return {...defaults, broken: why};
  }
  function showNotice(text) {
    $('notice').textContent = text || '';
    $('notice').hidden = !text;
  }
  const stateHash = () => '#s=' + b64(JSON.stringify({settings: ui.settings.value, events: ui.events.value, user: $('user').value}));

  // ---- JSON with positions, for errors shown where they are ----
  function lineOf(text, index) {
    const before = text.slice(0, Math.max(0, index));
    return {line: before.split('\n').length, col: index - before.lastIndexOf('\n')};
  }
  function parseJSON(text) {
    try {
      return {value: JSON.parse(text)};
    } catch (e) {
      const p = lineOf(text, errorOffset(text));
      return {error: e.message.replace(/^JSON\.parse: /, ''), where: `line ${p.line}, column ${p.col}`};
    }
  }
  // errorOffset returns where text stops being JSON: the longest prefix that
  // is JSON, or could still become JSON, ends there. V8's messages do not
  // always say (e.g. "Unexpected token ..."), so search for it.
  function errorOffset(text) {
    // A prefix is viable when it parses, or fails only at its very end.
    const viable = n => {
      try { JSON.parse(text.slice(0, n)); return true; } catch (e) {
        const at = /at position (\d+)/.exec(e.message);
        return /end of (JSON )?(data|input)/i.test(e.message) || (at != null && +at[1] >= n);
      }
    };
    let lo = 0, hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (viable(mid)) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // The line where a settings key is written, to point a warning at it.
  function keyLine(text, field) {
    const key = String(field).split(/[.[]/)[0];
    let i = text.indexOf(JSON.stringify(key) + ':');
    if (i < 0) i = text.indexOf(JSON.stringify(key));
    return i < 0 ? '' : 'line ' + lineOf(text, i).line;
  }

  // issue renders a problem: cls is error, warning (data lost or
  // changed) or info (a setting chose not to send something).
  function issue(cls, field, where, message, code) {
    return el('li', 'issue ' + cls, field ? el('code', 'field', field) : null, where ? el('span', 'where', where) : null,
      el('span', 'msg', message), code ? el('span', 'code', code) : null);
  }

  // ---- showing SDK calls ----
  const ident = /^[A-Za-z_$][\w$]*$/;
  function show(v) {
    if (v instanceof Date) return isNaN(v) ? 'Invalid Date' : `Date(${v.toISOString()})`;
    if (Array.isArray(v)) return '[' + v.map(show).join(', ') + ']';
    if (v && typeof v == 'object') {
      return '{' + Object.entries(v).map(([k, x]) => (ident.test(k) ? k : JSON.stringify(k)) + ': ' + show(x)).join(', ') + '}';
    }
    return v === undefined ? 'undefined' : JSON.stringify(v);
  }
  const callText = (g, c) => `${g}.${c.method}(${c.args.map(show).join(', ')})`;

  function eventTitle(e, i) {
    if (!e || typeof e != 'object') return `#${i + 1} (not an object)`;
    const what = e.type == 'track' ? e.event : e.type == 'page' ? [e.category, e.name].filter(Boolean).join(' ') || '(unnamed)'
      : e.type == 'group' ? e.groupId : e.type == 'identify' ? e.userId : '';
    return `#${i + 1} ${e.type || '(no type)'}${what != null && what !== '' ? ' ' + what : ''}`;
  }

  // ---- the plan ----
  // planGroups plans the session and puts each call under its event: the
  // page load first (event -1), then one group per event.
  async function planGroups(settings, events) {
    const options = $('user').value ? {initialUserId: $('user').value} : {};
    const plan = await BrazeWasm.plan(settings, events, options);
    const groups = [-1, ...events.keys()].map(event => ({event, calls: [], dataPoints: 0}));
    for (const c of plan.calls || []) {
      const g = groups[c.event + 1];
      if (g) { g.calls.push(c); g.dataPoints += c.dataPoints; }
    }
    return {plan, groups};
  }

  // A settings warning: shown under the settings editor only, not again
  // with the page load.
  const isSettings = w => w.event < 0 && w.field && !/^(traits|properties)\b/.test(w.field);
  // A settings problem that stops the destination, like plan.error.
  const fatal = w => w.code == 'missing_api_key' || w.code == 'unsupported_version';

  // settingsIssues returns every settings problem of a plan, each with its
  // field and the line where the field is written.
  function settingsIssues(plan) {
    const out = [];
    const at = f => f ? keyLine(ui.settings.value, f) : '';
    if (!plan.ok && plan.error) out.push(issue('error', plan.error.field || '', at(plan.error.field), plan.error.message, plan.error.code));
    for (const w of (plan.warnings || []).filter(isSettings)) {
      out.push(issue(fatal(w) ? 'error' : w.level == 'info' ? 'info' : 'warning', w.field, at(w.field), w.message, w.code));
    }
    return out;
  }

  // ---- data points saved ----
  const dp = n => `${n} data point${n == 1 ? '' : 's'}`;
  const OPTIONS = ['debounceIdentify', 'sendOnlyChangedTraits'];
  // savingText says what the options save on one event, or on all.
  function savingText(sv, i) {
    const parts = [];
    for (const o of OPTIONS) {
      const n = i == null ? sv[o].saved : sv[o].perEvent[i] || 0;
      if (n > 0) parts.push(`${n} ${sv[o].on ? 'saved by' : 'would be saved by'} ${o}`);
    }
    return parts.join(', ');
  }
  function renderSavings(plan) {
    const box = $('savings');
    const sv = plan.ok && plan.savings;
    if (!sv) return box.replaceChildren();
    const rows = OPTIONS.map(o => el('li', sv[o].on ? 'on' : 'off', el('code', '', o), sv[o].on
      ? ` on: saves ${dp(sv[o].saved)}` : sv[o].saved ? ` off: would save ${dp(sv[o].saved)}` : ' off: would save nothing on these events'));
    const head = el('p', 'total', `${dp(plan.dataPoints)} for these events`, sv.saved > 0 ? `; ${dp(sv.saved)} saved by the options as set` : '');
    box.replaceChildren(head, el('ul', '', ...rows));
    const off = OPTIONS.filter(o => !sv[o].on);
    if (off.length && sv.allOn < plan.dataPoints) {
      const b = el('button', 'small', `Turn on ${off.join(' and ')}: ${dp(sv.allOn)} instead of ${plan.dataPoints}`);
      b.id = 'savings-on';
      b.type = 'button';
      b.addEventListener('click', () => setSettings(v => { for (const o of off) v[o] = true; }));
      box.append(b);
    }
  }
  // setSettings edits the settings object as JSON (nothing when the
  // settings text is not an object) and re-plans.
  function setSettings(edit) {
    const s = parseJSON(ui.settings.value);
    if (!s.error && s.value && typeof s.value == 'object' && !Array.isArray(s.value)) {
      edit(s.value);
      ui.settings.value = pretty(s.value);
    }
    render();
  }

  let seq = 0, lastPlan = null;
  // body.dataset.pending is true from an edit until its plan is shown.
  async function render() {
    const mine = ++seq;
    document.body.dataset.pending = 'true';
    history.replaceState(null, '', stateHash());
    markStale();
    renderCode();
    const sIssues = [], eIssues = [];
    const s = parseJSON(ui.settings.value), ev = parseJSON(ui.events.value);
    if (s.error) sIssues.push(issue('error', '', s.where, s.error));
    else if (!s.value || typeof s.value != 'object' || Array.isArray(s.value)) sIssues.push(issue('error', '', '', 'settings must be a JSON object'));
    if (ev.error) eIssues.push(issue('error', '', ev.where, ev.error));
    const events = ev.error ? null : Array.isArray(ev.value) ? ev.value : [ev.value];
    syncFamily(s.value);
    if (sIssues.length || !events) {
      // The settings can still be checked while the events are broken.
      if (!sIssues.length) sIssues.push(...settingsIssues(await BrazeWasm.plan(s.value, []).catch(() => ({}))));
      if (mine != seq) return;
      $('settings-issues').replaceChildren(...sIssues);
      $('events-issues').replaceChildren(...eIssues);
      $('plan-state').textContent = 'fix the JSON to update';
      $('main').classList.add('stale');
      document.body.dataset.pending = 'false';
      return;
    }
    let res;
    try {
      res = await planGroups(s.value, events);
    } catch (e) {
      res = {plan: {ok: false, error: {code: 'exception', message: String(e && e.message || e)}, calls: [], warnings: []}, groups: []};
    }
    if (mine != seq) return; // a newer edit won
    const {plan, groups} = res;
    lastPlan = plan;
    $('main').classList.remove('stale');
    // The version decides the SDK global, never the text of sdkUrl.
    const g = plan.global || 'braze';
    sIssues.push(...settingsIssues(plan));
    $('settings-issues').replaceChildren(...sIssues);
    $('events-issues').replaceChildren(...eIssues);
    const ws = (plan.warnings || []).filter(w => !isSettings(w));
    const nInfo = ws.filter(w => w.level == 'info').length, nWarn = ws.length - nInfo;
    $('plan-state').textContent = plan.ok ? `${plan.calls.length} calls on window.${g} · ${nWarn} warning${nWarn == 1 ? '' : 's'} · ${nInfo} info` : 'settings error: Braze would not load';
    $('sdk-url').textContent = plan.sdkUrl || '–';
    $('data-points').textContent = plan.ok ? String(plan.dataPoints) : '–';
    renderSavings(plan);
    const init = plan.calls.find(c => c.method == 'initialize');
    const opts = init && init.args[1] && typeof init.args[1] == 'object' ? Object.entries(init.args[1]) : [];
    $('init-options').textContent = !init ? '–' : opts.length ? opts.map(([k, v]) => `${k}: ${show(v)}`).join('\n') : '(none)';

    $('calls').replaceChildren(...groups.map(gr => {
      const title = gr.event < 0 ? 'Page load' : eventTitle(events[gr.event], gr.event);
      const saving = plan.savings && gr.event >= 0 ? savingText(plan.savings, gr.event) : '';
      const li = el('li', 'group', el('h3', '', title, el('span', 'dp', dp(gr.dataPoints), saving ? el('span', 'saving', ' · ' + saving) : null)));
      li.dataset.event = gr.event;
      const calls = el('ol', 'calls', ...gr.calls.map(c => el('li', 'call', el('code', '', callText(g, c)))));
      if (!gr.calls.length) calls.append(el('li', 'call none', 'no call'));
      // Warnings (data lost or changed) first, then info (choices).
      const own = ws.filter(w => w.event == gr.event).sort((a, b) => (a.level == 'info') - (b.level == 'info'));
      li.append(calls, el('ul', 'warnings', ...own.map(w => el('li', w.level == 'info' ? 'info' : 'warning',
        w.field ? el('code', 'field', w.field) : null, el('span', 'msg', w.message), el('span', 'code', w.code)))));
      return li;
    }));
    document.body.dataset.pending = 'false';
  }

  let timer;
  const later = () => { clearTimeout(timer); timer = setTimeout(render, 150); document.body.dataset.pending = 'true'; };

  // ---- SDK family switch: sets the version in the settings ----
  function syncFamily(settings) {
    const v = settings && typeof settings == 'object' ? String(settings.version ?? settings.sdkVersion ?? '6.13') : '';
    document.querySelectorAll('input[name=family]').forEach(r => { r.checked = r.value == v; });
  }
  document.querySelectorAll('input[name=family]').forEach(r => r.addEventListener('change', () => setSettings(v => {
    v['sdkVersion' in v && !('version' in v) ? 'sdkVersion' : 'version'] = r.value;
  })));

  // ---- presets ----
  $('settings-preset').append(el('option', '', 'Settings presets…'), ...Object.keys(SETTINGS_PRESETS).map(n => el('option', '', n)));
  $('settings-preset').addEventListener('change', e => {
    if (Object.hasOwn(SETTINGS_PRESETS, e.target.value)) ui.settings.value = pretty(SETTINGS_PRESETS[e.target.value]);
    e.target.selectedIndex = 0;
    render();
  });
  for (const name of [...Object.keys(PRESETS), 'Page session (sequence)']) $('preset').append(el('option', '', name));
  const preset = name => Object.hasOwn(PRESETS, name) ? structuredClone(PRESETS[name]) : SESSION.map(n => PRESETS[n]);
  $('preset-set').addEventListener('click', () => { ui.events.value = pretty(preset($('preset').value)); render(); });
  $('preset-add').addEventListener('click', () => {
    const cur = parseJSON(ui.events.value), add = preset($('preset').value);
    const list = cur.error ? [] : Array.isArray(cur.value) ? cur.value : [cur.value];
    ui.events.value = pretty(list.concat(add));
    render();
  });

  // ---- copy as code ----
  const attr = s => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
  function renderCode() {
    const s = parseJSON(ui.settings.value);
    const json = s.error ? '{ /* fix the settings JSON */ }' : JSON.stringify(s.value);
    $('code').textContent = '<!-- after the Segment snippet -->\n' +
      '<script src="https://YOUR-ASSETS-HOST/braze-wasm/braze-wasm.js"\n' +
      `        data-settings='${attr(json)}'></script>`;
  }
  // copy puts text on the clipboard. Outside a secure context (the server
  // reached by a LAN address) there is no clipboard API: the button says so.
  function copy(text, button) {
    const done = label => { const t = button.textContent; button.textContent = label; setTimeout(() => { button.textContent = t; }, 1500); };
    if (!navigator.clipboard) return done('Select and copy');
    navigator.clipboard.writeText(text).then(() => done('Copied'), () => done('Copy failed'));
  }
  $('copy-code').addEventListener('click', e => copy($('code').textContent, e.target));
  $('share').addEventListener('click', e => copy(location.href, e.target));

  // ---- live mode ----
  // The same events in a fresh page (an iframe): Analytics.js, the plugin and
  // the real SDK from /vendor/, sending to the embedded backend. The backend's
  // records arrive as server-sent events; the run's device id picks its own.
  // live.html replaces every URL setting (see live.js).
  const live = {requests: [], deviceId: null, running: false, source: null, run: 0, inputs: null, plan: null};
  const inputs = () => JSON.stringify([ui.settings.value, ui.events.value, $('user').value]);
  $('live').addEventListener('click', async () => {
    const s = parseJSON(ui.settings.value), ev = parseJSON(ui.events.value);
    $('received').hidden = false;
    $('main').classList.add('with-live');
    // A new run: the previous one's requests and badges go.
    live.deviceId = null;
    live.running = false;
    live.inputs = inputs();
    live.plan = null;
    live.run++;
    $('main').dataset.live = '';
    $('received').classList.remove('stale');
    renderBodies();
    if (s.error || ev.error) return setLive('fix the JSON first');
    if (!s.value || typeof s.value != 'object' || Array.isArray(s.value)) return setLive('the settings must be a JSON object');
    if (!live.source) {
      live.source = new EventSource('/__backend/events?kind=braze');
      live.source.addEventListener('request', m => {
        live.requests.push(JSON.parse(m.data));
        if (live.requests.length > 500) live.requests.shift();
        renderBodies();
      });
    }
    live.running = true;
    setLive('running…');
    renderBodies();
    const events = Array.isArray(ev.value) ? ev.value : [ev.value], run = live.run;
    // The plan of exactly these inputs: the one shown may be 150 ms old.
    live.plan = (await planGroups(s.value, events).catch(() => ({plan: null}))).plan;
    if (run != live.run) return;
    // The run number makes each run a new page: a change of hash alone
    // would not reload the frame.
    $('live-frame').src = `/playground/live.html?run=${live.run}#` + b64(JSON.stringify({settings: s.value, events, user: $('user').value}));
    renderBodies();
  });
  const setLive = text => { $('live-state').textContent = text; };
  // markStale marks a live run whose inputs have changed since.
  function markStale() {
    if (!live.inputs || live.inputs == inputs() || $('received').classList.contains('stale')) return;
    $('received').classList.add('stale');
    setLive('stale: the settings or events changed since this run; press Run live again');
    $('live-match').replaceChildren(el('span', 'off', 'not compared: the plan has changed'));
  }
  addEventListener('message', m => {
    const d = m.data;
    if (m.origin != location.origin || !d || d.source != 'braze-wasm-live' || m.source != $('live-frame').contentWindow) return;
    if (d.phase == 'error') { live.running = false; setLive('error: ' + d.message); renderBodies(); }
    if (d.phase == 'ready') setLive(`running: Braze ${d.status.state}…`);
    if (d.phase == 'done') {
      live.running = false;
      live.deviceId = d.deviceId;
      const c = d.status.counts;
      setLive((d.deviceId ? `done: device ${d.deviceId}` : `done: Braze ${d.status.state}, nothing sent`) +
        // carried: events earlier page views left for this one (README:
        // short visits); a live run is a new visitor, so none.
        ` · status(): ${dp(c.dataPoints)} sent, ${c.saved} saved, ${c.warnings} warnings, ${c.info} info, ${c.carried} carried over`);
      $('main').dataset.live = 'done';
      renderBodies();
      markStale();
    }
  });

  function summary(body) {
    const out = [];
    for (const a of body.attributes || []) {
      out.push(`attributes of ${a.user_id}: ` + Object.entries(a).filter(([k]) => k != 'user_id').map(([k, v]) => `${k}=${show(v)}`).join(', '));
    }
    for (const e of body.events || []) {
      const d = e.data || {};
      out.push(e.name == 'ce' ? `custom event ${show(d.n)} ${show(d.p || {})}` : e.name == 'p' ? `purchase ${d.pid} ${d.p} ${d.c} ×${d.q} ${show(d.pr || {})}`
        : e.name == 'ss' ? 'session start' : e.name == 'se' ? 'session end' : `event ${e.name} ${show(d)}`);
    }
    return out;
  }
  function renderBodies() {
    const mine = live.requests.filter(r => r.body && (live.deviceId ? r.body.device_id == live.deviceId : false));
    $('bodies').replaceChildren(...mine.map(r => {
      const li = el('li', 'group body', el('h3', '', `POST ${r.path}`, el('span', 'dp', new Date(r.time).toLocaleTimeString())));
      li.append(el('ul', 'calls', ...summary(r.body).map(s => el('li', 'call', el('code', '', s)))));
      const raw = el('details', '', el('summary', '', 'request body'), el('pre', 'raw', pretty(r.body)));
      li.append(raw);
      return li;
    }));
    if (!mine.length) $('bodies').append(el('li', 'none', live.running ? 'waiting for the SDK…' : 'no request yet'));
    renderMatch(mine);
  }

  // The Braze attribute each user setter writes.
  const ATTRIBUTE = {setEmail: 'email', setFirstName: 'first_name', setLastName: 'last_name', setGender: 'gender',
    setDateOfBirth: 'dob', setCountry: 'country', setHomeCity: 'home_city', setPhoneNumber: 'phone', setAvatarImageUrl: 'image_url'};
  // wanted turns a planned call into what the backend should receive: a
  // {kind, key, user} item, or null for a call that sends nothing itself
  // (initialize, auto-display, changeUser, which shows as the user of what
  // follows). user is null for an anonymous user.
  function wanted(c, user) {
    const m = /^getUser\(\)\.(\w+)$/.exec(c.method);
    if (m && m[1] == 'setCustomUserAttribute') return {kind: 'attribute', key: 'custom.' + c.args[0], user};
    if (m) return ATTRIBUTE[m[1]] ? {kind: 'attribute', key: ATTRIBUTE[m[1]], user} : null;
    if (c.method == 'logCustomEvent') return {kind: 'custom event', key: c.args[0], user};
    if (c.method == 'logPurchase') return {kind: 'purchase', key: c.args[0], user};
    if (c.method == 'openSession') return {kind: 'session start', key: '', user: undefined}; // the SDK's own, any user
    return null;
  }
  // received lists the items of the run's bodies in the same form.
  function received(bodies) {
    const out = [];
    for (const b of bodies) {
      for (const a of b.body.attributes || []) {
        for (const k of Object.keys(a)) {
          if (k == 'custom') Object.keys(a.custom || {}).forEach(c => out.push({kind: 'attribute', key: 'custom.' + c, user: a.user_id ?? null}));
          else if (k != 'user_id') out.push({kind: 'attribute', key: k, user: a.user_id ?? null});
        }
      }
      for (const e of b.body.events || []) {
        const d = e.data || {}, user = e.user_id ?? null;
        if (e.name == 'ce') out.push({kind: 'custom event', key: d.n, user});
        if (e.name == 'p') out.push({kind: 'purchase', key: d.pid, user});
        if (e.name == 'ss') out.push({kind: 'session start', key: '', user});
      }
    }
    return out;
  }
  const who = u => u == null ? 'anonymous' : `user ${JSON.stringify(u)}`;

  // renderMatch compares what the plan promised with what arrived, call by
  // call: each planned call that sends something must arrive with the same
  // name and the same user; anything else that arrived is listed too.
  function renderMatch(mine) {
    const box = $('live-match');
    if (live.running || !live.deviceId || !live.plan || !live.plan.ok) return box.replaceChildren();
    const got = received(mine), used = new Set(), rows = [];
    let user = null, planned = 0, ok = 0;
    for (const c of live.plan.calls) {
      if (c.method == 'changeUser') user = c.args[0];
      const w = wanted(c, user);
      if (!w) continue;
      planned++;
      const same = g => g.kind == w.kind && g.key == w.key;
      let i = got.findIndex((g, j) => !used.has(j) && same(g) && (w.user === undefined || g.user === w.user));
      if (i >= 0) { used.add(i); ok++; continue; }
      i = got.findIndex((g, j) => !used.has(j) && same(g));
      const text = `${w.kind} ${w.key ? JSON.stringify(w.key) + ' ' : ''}`;
      if (i >= 0) {
        used.add(i);
        rows.push(el('li', 'off', `${text}planned for ${who(w.user)}, received for ${who(got[i].user)}`));
      } else {
        rows.push(el('li', 'off', `${text}planned for ${who(w.user)}, not received`));
      }
    }
    // What the SDK sends on its own (session starts, push_token and the
    // like) is not ours to compare.
    const ours = g => g.kind != 'session start' && (g.kind != 'attribute' || g.key.startsWith('custom.') || Object.values(ATTRIBUTE).includes(g.key));
    got.forEach((g, j) => {
      if (!used.has(j) && ours(g)) rows.push(el('li', 'off', `${g.kind} ${JSON.stringify(g.key)} received for ${who(g.user)}, not planned`));
    });
    const badge = el('span', rows.length ? 'off' : 'ok', `${ok} of ${planned} planned calls received as planned` + (rows.length ? `; ${rows.length} difference${rows.length == 1 ? '' : 's'}` : ''));
    box.replaceChildren(badge, ...rows.length ? [el('ul', 'diffs', ...rows)] : []);
  }

  // ---- start ----
  const st = loadState();
  ui.settings.value = st.settings;
  ui.events.value = st.events;
  $('user').value = st.user || '';
  if (st.broken) showNotice(`This link could not be read: ${st.broken}. The default settings and events are shown instead.`);
  for (const e of [ui.settings, ui.events, $('user')]) e.addEventListener('input', later);
  addEventListener('hashchange', () => {
    if (location.hash == stateHash()) return;
    const s = loadState();
    ui.settings.value = s.settings;
    ui.events.value = s.events;
    $('user').value = s.user || '';
    showNotice(s.broken && `This link could not be read: ${s.broken}. The default settings and events are shown instead.`);
    render();
  });
  // Load the planner build first (make build's planner/: the module with
  // dry runs, which the module pages get leaves out): a shared state whose
  // settings set assetsUrl must not make plan() fetch it from elsewhere.
  BrazeWasm.plan({assetsUrl: '/braze-wasm/planner/'}, []).catch(() => {}).then(render).then(() => { document.body.dataset.ready = 'true'; });
})();
