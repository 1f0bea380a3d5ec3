// skimmer-activity-logs/emulator for Cloudflare Workers (workerd): the .wasm is imported as a
// module (wrangler's default rule for `*.wasm`) and instantiated synchronously.
import wasm from './skimmer_emulator_bg.wasm';
import { initSync } from './skimmer_emulator.js';

initSync({ module: wasm });

export { createEmulator } from './create.js';
