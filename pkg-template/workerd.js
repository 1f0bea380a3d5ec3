// skimmer-activity-logs for Cloudflare Workers (workerd; wrangler resolves the `workerd`
// condition). A Worker cannot fetch the .wasm from a URL at start-up, so the .wasm is imported as
// a module — wrangler's default rule for `*.wasm` gives a compiled WebAssembly.Module — and
// instantiated synchronously: no configuration, no init call.
//
// `./api.js` is written by tools/build-pkg.mjs: the glue's exports and the form constants.
import wasm from './skimmer_activity_logs_bg.wasm';
import { initSync } from './skimmer_activity_logs.js';

initSync({ module: wasm });

export * from './api.js';
