// skimmer-activity-logs for Node `import` (also Deno and Bun, which resolve the `node`
// condition): the .wasm is instantiated synchronously, so there is no top-level await and this
// module also loads through require(esm).
//
// The .wasm's bytes are in this module's own text (`./wasm-bytes.js`, base64, inlined by
// tools/build-pkg.mjs), not read from the file beside it: reading it would mean importing
// node:fs, whose ES module facade costs Node 20 about 2 ms, more than decoding the text does
// (bench/README.md, "Start-up"). It also leaves bundlers of server code (Next.js, webpack) no
// asset to copy and no URL to rewrite, and asks Deno for no read permission.
//
// `./api.js` is written by tools/build-pkg.mjs: the glue's exports and the form constants.
import { initSync } from './skimmer_activity_logs.js';
import { WASM_BASE64 } from './wasm-bytes.js';

initSync({ module: bytes(WASM_BASE64) });

/** The bytes `base64` spells: Buffer where there is one (Node, Bun), else atob (Deno). */
function bytes(base64) {
  if (typeof Buffer === 'function') return Buffer.from(base64, 'base64');
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export * from './api.js';
