// The ES module entry, for bundlers: import {destination} from 'segment-braze-wasm'.
// The wasm and wasm_exec.js are found next to this file unless assetsUrl says otherwise.
import {page} from './load.js';
import {api} from './plugin.js';

page.base = new URL('./', import.meta.url).href;

export const {destination, status, whenReady, sdk, onInAppMessage, plan} = api;
export default api;
