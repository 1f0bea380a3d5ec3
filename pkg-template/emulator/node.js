// skimmer-activity-logs/emulator for Node `import` (also Deno and Bun, which resolve the `node`
// condition): the emulator's .wasm is read from beside this file and instantiated synchronously.
import { readFileSync } from 'node:fs';
import { initSync } from './skimmer_emulator.js';

initSync({ module: readFileSync(new URL('./skimmer_emulator_bg.wasm', import.meta.url)) });

export { createEmulator } from './create.js';
