// skimmer-activity-logs for browsers, Web Workers and bundlers (Vite, webpack): the .wasm is
// fetched from beside this file and instantiated here, at import, with top-level await, so users
// never call an init function. Bundlers see the literal `new URL('./…wasm', import.meta.url)`
// and ship the .wasm as an asset.
//
// `./api.js` is written by tools/build-pkg.mjs: the glue's exports and the form constants.
import init from './skimmer_activity_logs.js';

await init({ module_or_path: wasmUrl() });

function wasmUrl() {
  // Vite's dev server pre-bundles dependencies into node_modules/.vite/deps/ without their
  // assets (vitejs/vite#8427); there, fetch the .wasm from the package's own folder. (A computed
  // path, so bundlers do not try to resolve it.)
  if (/\/node_modules\/\.vite\/deps[^/]*\//.test(import.meta.url)) {
    return new URL(['..', '..', 'skimmer-activity-logs', 'skimmer_activity_logs_bg.wasm'].join('/'), import.meta.url);
  }
  return new URL('./skimmer_activity_logs_bg.wasm', import.meta.url);
}

export * from './api.js';
