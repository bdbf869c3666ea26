// The ES module entry, for bundlers: import {destination} from 'segment-braze-wasm'.
import {page} from './load.js';
import {api} from './plugin.js';

// Each file spelled out as new URL('<literal>', import.meta.url): webpack 5,
// Vite, Parcel and Rollup's URL plugins see this pattern and ship the file
// with the app under its new (hashed) name. esbuild leaves it as it is, so
// import.meta.url is the app bundle's URL and the two files go beside the
// bundle (the README says so). assetsUrl still wins. Where import.meta.url is
// unusable (the CommonJS build, an SSR bundle) the import must not throw:
// the page then needs assetsUrl.
try {
  page._wasm = new URL('./braze-wasm.wasm', import.meta.url).href;
  page._exec = new URL('./wasm_exec.js', import.meta.url).href;
} catch {}

export const {destination, status, whenReady, sdk, onInAppMessage, plan} = api;
export default api;
