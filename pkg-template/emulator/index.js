// skimmer-activity-logs/emulator for browsers, Web Workers and bundlers: the emulator's own
// .wasm is fetched from beside this file and instantiated at import (top-level await), so
// createEmulator() is synchronous. The main entry never loads it.
import init from './skimmer_emulator.js';

await init({ module_or_path: wasmUrl() });

function wasmUrl() {
  // Vite's dev server pre-bundles dependencies into node_modules/.vite/deps/ without their
  // assets (vitejs/vite#8427); there, fetch the .wasm from the package's own folder. (A computed
  // path, so bundlers do not try to resolve it.)
  if (/\/node_modules\/\.vite\/deps[^/]*\//.test(import.meta.url)) {
    return new URL(
      ['..', '..', 'skimmer-activity-logs', 'emulator', 'skimmer_emulator_bg.wasm'].join('/'),
      import.meta.url,
    );
  }
  return new URL('./skimmer_emulator_bg.wasm', import.meta.url);
}

export { createEmulator } from './create.js';
