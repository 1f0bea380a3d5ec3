// skimmer-activity-logs for Node `import` (also Deno and Bun, which resolve the `node`
// condition): the .wasm is read from beside this file and instantiated synchronously, so there is
// no top-level await and this module also loads through require(esm).
//
// `./api.js` is written by tools/build-pkg.mjs: the glue's exports and the form constants.
import { readFileSync } from 'node:fs';
import { initSync } from './skimmer_activity_logs.js';

initSync({ module: readFileSync(wasmFile()) });

function wasmFile() {
  // Literal, so that bundlers building server code (Next.js, webpack) ship the .wasm with it and
  // point this URL at their copy.
  const url = new URL('./skimmer_activity_logs_bg.wasm', import.meta.url);
  if (url.protocol === 'file:') return url;
  // Next.js's Turbopack gives the server render of a client component the browser's URL of the
  // .wasm (/_next/static/…), not a file: read the package's own copy instead (a computed path,
  // so bundlers leave it alone).
  return new URL(['.', 'skimmer_activity_logs_bg.wasm'].join('/'), import.meta.url);
}

export * from './api.js';
