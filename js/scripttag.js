// Prints the tag that `make dist` writes to build/dist/script-tag.html:
//   SETTINGS='{...}' node js/scripttag.js <src URL> <braze-wasm.js> <planner dir>
// the script tag, with the file's SRI hash (the hashed folder never
// changes, so neither does the hash), the settings and the boot plan
// (js/bootplan.js; none with consentCategories) escaped for single-quoted
// attributes. The planner build of the module (braze-wasm.wasm and
// wasm_exec.js in the planner dir) runs here, under node, and configures
// with SETTINGS, so bad settings stop make dist with Go's message rather
// than reach a page.
//
// No preload hint for the Braze SDK: with the plan the shim loads it once
// Analytics.js's own script has loaded (js/src/plugin.js, boot); a hint
// would have it share the network with the page's own content from the
// start.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const {configure, say, ascii} = require('./bootplan.js');

const [src, file, build] = process.argv.slice(2), settings = process.env.SETTINGS;
const fail = message => { console.error(`scripttag: ${message}`); process.exit(1); };
// Escaped for an attribute in quote q.
const attr = (s, q = '"') => s.replace(/&/g, '&amp;').replaceAll(q, q == '"' ? '&quot;' : '&#39;');

async function main() {
  let json;
  try {
    json = JSON.stringify(JSON.parse(settings || '{"apiKey":"YOUR-BRAZE-WEB-API-KEY","endpoint":"sdk.iad-01.braze.com"}'));
  } catch (e) {
    fail(`SETTINGS is not JSON: ${e.message}`);
  }
  const r = await configure(build, json);
  for (const w of r.warnings) console.error(`scripttag: warning: ${say(w)}`);
  if (!r.ok) fail(`SETTINGS: ${say(r.error)}`);
  const integrity = 'sha384-' + crypto.createHash('sha384').update(fs.readFileSync(file)).digest('base64');
  // consentCategories: the SDK waits for consent, not for a plan.
  if (r.consent) console.error('scripttag: no boot plan: with consentCategories the Braze SDK loads once the visitor consents');
  // The plan: the shim starts Braze with the SDK, not with the module.
  const plan = r.plan ? `\n        data-plan='${attr(ascii(r.plan), "'")}'` : '';
  console.log(`<script src="${src}" integrity="${integrity}" crossorigin="anonymous"\n        data-settings='${attr(json, "'")}'${plan}></script>`);
  process.exit(0); // Go's main never returns
}

main().catch(e => fail(e.message));
