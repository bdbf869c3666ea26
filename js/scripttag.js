// Prints the script tag that `make dist` writes to build/dist/script-tag.html:
//   SETTINGS='{...}' node js/scripttag.js <src URL> <braze-wasm.js>
// with the file's SRI hash (the hashed folder never changes, so neither does
// the hash) and the settings escaped for a single-quoted attribute.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const [src, file] = process.argv.slice(2), settings = process.env.SETTINGS;
const integrity = 'sha384-' + crypto.createHash('sha384').update(fs.readFileSync(file)).digest('base64');
let json;
try {
  json = JSON.stringify(JSON.parse(settings || '{"apiKey":"YOUR-BRAZE-WEB-API-KEY","endpoint":"sdk.iad-01.braze.com"}'));
} catch (e) {
  console.error(`scripttag: SETTINGS is not JSON: ${e.message}`);
  process.exit(1);
}
const attr = json.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
console.log(`<script src="${src}" integrity="${integrity}" crossorigin="anonymous"\n        data-settings='${attr}'></script>`);
