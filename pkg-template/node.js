// skimmer-activity-logs for Node `import` (also Deno and Bun, which resolve the `node`
// condition): the .wasm is read from beside this file and instantiated synchronously, so there is
// no top-level await and this module also loads through require(esm).
//
// `./api.js` is written by tools/build-pkg.mjs: the glue's exports and the form constants.
import { readFileSync } from 'node:fs';
import { initSync } from './skimmer_activity_logs.js';

initSync({ module: readFileSync(new URL('./skimmer_activity_logs_bg.wasm', import.meta.url)) });

export * from './api.js';
