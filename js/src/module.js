// The ES module entry, for bundlers: import {destination} from 'segment-braze-wasm'.
import {page} from './load.js';
import {api} from './plugin.js';

// The module spelled out as new URL('<literal>', import.meta.url): webpack
// 5, Vite, Parcel and Rollup's URL plugins see this pattern and ship the
// file with the app under its new (hashed) name. esbuild leaves it as it
// is, so import.meta.url is the app bundle's URL and the file goes beside
// the bundle (the README says so). wasm_exec.js is imported instead: every
// bundler makes it part of the app (a lazy chunk), where Parcel would wrap
// a URL's .js file in its module runtime, whose variables a classic script
// leaves on the page. assetsUrl still wins. Where import.meta.url is
// unusable (the CommonJS build, an SSR bundle) the import must not throw:
// the page then needs assetsUrl.
try {
  page._wasm = new URL('./braze-wasm.wasm', import.meta.url).href;
  page._exec = () => import('./wasm_exec.js');
  // Why a module at page._wasm is missing (load.js): a dev server that
  // moved this file away from it (Vite's pre-bundling).
  page._hint = ': not served by your bundler or dev server (Vite: optimizeDeps.exclude, README)';
} catch {}

export const {destination, status, whenReady, sdk, onInAppMessage, plan} = api;
export default api;
