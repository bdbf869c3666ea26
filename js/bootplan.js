#!/usr/bin/env node
// The boot plan: what a page load asks of the Braze SDK (its URL and
// global, initialize, auto-show, changeUser for a stored user id,
// openSession), worked out by Go from the settings, so that the shim
// starts Braze without waiting for the module (core/boot.go). The planner
// build of the module (planner/, beside this file) makes it: the module
// pages download only checks it.
//
//   npx braze-wasm-plan settings.json > braze-plan.json
//
// prints the plan for the settings in the file (- for stdin); then
// destination(settings, plan), with the same settings, in the same key
// order. make dist (js/scripttag.js) writes it into the script tag.
// Settings with consentCategories have none: it prints null.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// say is how a warning or error of Go's is printed.
const say = w => `${w.field ? w.field + ': ' : ''}${w.message} (${w.code})`;

// configure runs the planner build in dir (braze-wasm.wasm and
// wasm_exec.js) under node and configures it with the settings, as the
// shim's JSON text: its result's plan is the plan's text, "" for none.
async function configure(dir, json) {
  require(path.resolve(dir, 'wasm_exec.js')); // defines globalThis.Go
  const go = new Go(), bridge = globalThis.__brazeWasm = {};
  const {instance} = await WebAssembly.instantiate(fs.readFileSync(path.join(dir, 'braze-wasm.wasm')), go.importObject);
  go.run(instance); // main fills in the bridge, then blocks
  return bridge.configure(json, {plan: ''});
}

// ascii escapes what is not printable ASCII, as JSON reads it: the
// placeholders (U+E000) survive a page or a bundle in another charset.
const ascii = json => json.replace(/[^\x20-\x7e]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

module.exports = {configure, say, ascii};

if (require.main === module) {
  const fail = message => { console.error(`braze-wasm-plan: ${message}`); process.exit(1); };
  const file = process.argv[2];
  if (!file) fail('usage: braze-wasm-plan <settings.json | ->');
  (async () => {
    let json;
    try {
      json = JSON.stringify(JSON.parse(fs.readFileSync(file == '-' ? 0 : file, 'utf8')));
    } catch (e) {
      fail(`${file}: ${e.message}`);
    }
    const r = await configure(path.join(__dirname, 'planner'), json);
    for (const w of r.warnings) console.error(`braze-wasm-plan: warning: ${say(w)}`);
    if (!r.ok) fail(say(r.error));
    if (!r.plan) console.error('braze-wasm-plan: no plan: with consentCategories the Braze SDK loads once the visitor consents');
    console.log(ascii(r.plan) || 'null');
    process.exit(0); // Go's main never returns
  })().catch(e => fail(e.message));
}
