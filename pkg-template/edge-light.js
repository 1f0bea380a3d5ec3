// skimmer-activity-logs for edge runtimes that resolve the `edge-light` condition: Vercel's Edge
// Functions and Next.js routes with `export const runtime = 'edge'`. They cannot fetch the .wasm
// from a URL either; their bundlers give a compiled WebAssembly.Module for a `.wasm?module`
// import, which is instantiated synchronously.
//
// `./api.js` is written by tools/build-pkg.mjs: the glue's exports and the form constants.
import wasm from './skimmer_activity_logs_bg.wasm?module';
import { initSync } from './skimmer_activity_logs.js';

initSync({ module: ownRealm(wasm) });

// `next build` and `next start` run edge routes in a realm of their own (a vm context) but compile
// the .wasm outside it: a real WebAssembly.Module, yet not `instanceof` this realm's, which is how
// initSync tells a module from bytes. Given this realm's prototype, it is taken as the module it is.
function ownRealm(module) {
  if (module instanceof WebAssembly.Module) return module;
  if (Object.prototype.toString.call(module) !== '[object WebAssembly.Module]') return module;
  return Object.setPrototypeOf(module, WebAssembly.Module.prototype);
}

export * from './api.js';
