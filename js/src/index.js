// segment-braze-wasm (MIT licence, js/package.json).
// The script-tag entry: defines window.BrazeWasm and, with data-settings,
// registers the destination on window.analytics.
import {warn, error, fail} from './status.js';
import {page} from './load.js';
import {api, destination} from './plugin.js';

const main = () => {
  // A second copy would send every event twice.
  if (window.BrazeWasm) return warn('loaded twice');
  // currentScript is only set during this first run.
  const tag = page._script = document.currentScript;
  page._base = tag?.src && new URL('.', tag.src).href;
  window.BrazeWasm = api;

  const raw = tag?.getAttribute('data-settings');
  if (raw == null) return;
  let settings;
  try {
    settings = JSON.parse(raw);
    if (settings?.constructor != Object) throw Error('not an object: ' + raw.slice(0, 50));
  } catch (e) { return fail('failed', 'data-settings: ' + e.message); }
  // The snippet queues register() until Analytics.js loads, in the array
  // it finds or makes: ahead of the snippet, we make it.
  // async: what register throws is said as what it rejects with.
  const plugin = destination(settings, tag.getAttribute('data-plan')), a = window.analytics ||= [];
  (async () => a.register ? a.register(plugin) : a.push(['register', plugin]))().catch(e => error('analytics.register: ' + e.message));
};

main();
