/*! segment-braze-wasm | MIT */
// The script-tag entry: defines window.BrazeWasm and, with data-settings,
// registers the destination on window.analytics.
import {PREFIX, error, fail} from './status.js';
import {page} from './load.js';
import {api, destination} from './plugin.js';

function main() {
  // A second copy would send every event twice.
  if (window.BrazeWasm) return console.warn(PREFIX + 'loaded twice');
  // currentScript is only set during this first run.
  const tag = page._script = document.currentScript;
  page._base = tag && tag.src ? new URL('.', tag.src).href : '';
  window.BrazeWasm = api;

  const raw = tag && tag.getAttribute('data-settings');
  if (raw == null) return;
  let settings;
  try {
    settings = JSON.parse(raw);
    if (Object(settings) !== settings || Array.isArray(settings)) throw Error('not an object');
  } catch (e) { return fail('failed', 'bad data-settings JSON: ' + e.message); }
  register(destination(settings), 0);
}

// The snippet queues register() until Analytics.js loads; before the
// snippet has run there is no window.analytics yet, so we retry for 10 s.
function register(plugin, attempt) {
  const a = window.analytics, oops = e => error('analytics.register: ' + e.message);
  try {
    if (a && a.register) return void Promise.resolve(a.register(plugin)).catch(oops);
    if (Array.isArray(a)) return void a.push(['register', plugin]);
  } catch (e) { return oops(e); }
  if (attempt < 200) setTimeout(register, 50, plugin, attempt + 1);
  else error('no window.analytics to register on');
}

main();
