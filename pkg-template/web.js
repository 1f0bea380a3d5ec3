// `skimmer-activity-logs/web`: for pages that choose when and from where the .wasm loads. Call
// `await init()` (or `init({ module_or_path: url })`, or `initSync({ module: bytes })`) once,
// before any other call.
//
// `./api.js` is written by tools/build-pkg.mjs: the glue's exports and the form constants.
export { default, initSync } from './skimmer_activity_logs.js';
export * from './api.js';
