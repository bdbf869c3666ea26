// The demo shop: buttons that call Analytics.js as a shop would, the seed's
// push snippets on analytics.ready, and a log of what the embedded Braze
// backend received. Data is rendered with textContent only.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const cart = [];

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // Flush at once, so the log shows the effect of a click; the SDK would
  // otherwise send within 10 s.
  const flush = () => { const s = BrazeWasm.sdk(); if (s) s.requestImmediateDataFlush(); };
  const then = p => Promise.resolve(p).then(flush);

  $('identify').addEventListener('submit', e => {
    e.preventDefault();
    const f = new FormData(e.target);
    then(analytics.identify(f.get('userId'), {name: f.get('name'), email: f.get('email'), plan: 'pro'}));
  });
  document.querySelectorAll('[data-product]').forEach(b => b.addEventListener('click', () => {
    const p = {product_id: b.dataset.product, name: b.parentElement.querySelector('h3').textContent,
      price: Number(b.dataset.price), quantity: 1, currency: 'EUR'};
    cart.push(p);
    $('cart').textContent = cart.map(p => p.name).join(', ');
    then(analytics.track('Product Added', p));
  }));
  $('btn-order').addEventListener('click', () => {
    const products = cart.splice(0);
    $('cart').textContent = 'empty';
    then(analytics.track('Order Completed', {order_id: 'o-' + Date.now(), currency: 'EUR',
      total: products.reduce((t, p) => t + p.price, 0), products}));
  });
  $('btn-page').addEventListener('click', () => then(analytics.page('Shop', 'Mugs', {path: '/shop/mugs'})));
  $('btn-group').addEventListener('click', () => then(analytics.group('acme', {name: 'Acme', plan: 'team'})));

  // The snippets of the Segment Braze docs on analytics.ready, the push
  // button's with callbacks that say what happened. appboyCompat (on by
  // default) gives them window.appboy on SDK 6.
  analytics.ready(function () {
    const st = BrazeWasm.status();
    $('push-note').textContent = 'analytics.ready fired (Braze ' + st.state + ').';
    if (!window.appboy) return;

    // Soft push prompt: is push supported? Then offer it from our own button.
    if (window.appboy.isPushSupported()) {
      $('btn-push').hidden = false;
      $('btn-push').addEventListener('click', function () {
        const note = $('push-note'), button = this;
        note.textContent = 'Push: asking the browser for permission…';
        button.disabled = true;
        // web push: asks the visitor for permission
        window.appboy.registerAppboyPushMessages(function () {
          note.textContent = 'Push: enabled, this browser is subscribed.';
        }, function (temporary) {
          note.textContent = temporary ? 'Push: the prompt was dismissed; you can ask again.'
            : 'Push: blocked (permission ' + Notification.permission + '); allow notifications in the site settings.';
          button.disabled = false;
        });
      });
    } else {
      $('push-note').textContent += ' Push is not supported in this browser.';
    }

    // Your own in-app message display, with the push primer of the docs.
    window.appboy.subscribeToNewInAppMessages(function (inAppMessages) {
      var message = inAppMessages[0];
      if (message != null) {
        var shouldDisplay = true;
        if (message instanceof appboy.ab.inAppMessage) {
          var msgId = message.extras['msg-id'];
          if (msgId == 'push-primer') {
            if (!appboy.isPushSupported() || appboy.isPushPermissionGranted() || appboy.isPushBlocked()) {
              shouldDisplay = false;
            }
            message.buttons[0].subscribeToClickedEvent(function () {
              appboy.registerAppboyPushMessages();
            });
          }
        }
        if (shouldDisplay) appboy.display.showInAppMessage(message);
      }
      return inAppMessages.slice(1);
    });
  });

  BrazeWasm.whenReady(10000).then(st => {
    $('state').textContent = st.state;
    $('sdk').textContent = st.sdkVersion ? `SDK ${st.sdkVersion} (${st.apiFamily})` : '';
  });

  // The backend log, live.
  function summary(body) {
    const out = [];
    for (const a of body.attributes || []) {
      const keys = Object.keys(a).filter(k => k != 'user_id');
      out.push(`attributes of ${a.user_id}: ${keys.join(', ')}`);
    }
    for (const e of body.events || []) {
      const d = e.data || {};
      out.push(e.name == 'ce' ? `custom event "${d.n}"` : e.name == 'p' ? `purchase ${d.pid} ${d.p} ${d.c} ×${d.q}`
        : e.name == 'ss' ? 'session start' : e.name == 'se' ? 'session end' : `event ${e.name}`);
    }
    return out.length ? out : ['(no events: SDK housekeeping)'];
  }
  let received = 0;
  const events = new EventSource('/__backend/events?kind=braze');
  events.addEventListener('request', m => {
    const req = JSON.parse(m.data), li = el('li');
    li.dataset.seq = req.seq;
    li.value = ++received; // numbered as received: the newest is on top with the highest number
    li.append(el('span', 'when', new Date(req.time).toLocaleTimeString()), ' ',
      el('code', '', `${req.method} ${req.path} → ${req.status}`));
    const ul = el('ul');
    summary(req.body || {}).forEach(s => ul.append(el('li', '', s)));
    const raw = el('details');
    raw.append(el('summary', '', 'body'), el('pre', '', JSON.stringify(req.body, null, 2)));
    li.append(ul, raw);
    $('log').prepend(li);
  });
  events.addEventListener('clear', () => { received = 0; $('log').replaceChildren(); });
  $('btn-clear').addEventListener('click', () => fetch('/__backend/requests', {method: 'DELETE'}));
})();
