// skimmer-activity-logs/emulator for `edge-light` runtimes (Vercel Edge Functions, Next.js
// routes with `runtime = 'edge'`): their bundlers give a compiled WebAssembly.Module for a
// `.wasm?module` import, instantiated synchronously.
import wasm from './skimmer_emulator_bg.wasm?module';
import { initSync } from './skimmer_emulator.js';

initSync({ module: ownRealm(wasm) });

// `next build` runs edge routes in a realm of their own but compiles the .wasm outside it (see
// the main entry's edge-light.js): given this realm's prototype, it is taken as the module it is.
function ownRealm(module) {
  if (module instanceof WebAssembly.Module) return module;
  if (Object.prototype.toString.call(module) !== '[object WebAssembly.Module]') return module;
  return Object.setPrototypeOf(module, WebAssembly.Module.prototype);
}

export { createEmulator } from './create.js';
