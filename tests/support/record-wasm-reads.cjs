// Preloaded with `node --require` by tests that check which .wasm files a program reads: every
// read of a path ending in .wasm, through any fs function the package's entries could use, is
// pushed onto globalThis.__wasmRead (ES module imports of node:fs see the patched functions too).
'use strict';
const fs = require('node:fs');

const seen = [];
globalThis.__wasmRead = seen;
const note = (file) => {
  const name = String(file instanceof URL ? file.pathname : file);
  if (name.endsWith('.wasm')) seen.push(name.split('/').pop());
};
for (const name of ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream']) {
  const original = fs[name];
  fs[name] = function (file, ...rest) {
    note(file);
    return original.call(this, file, ...rest);
  };
}
for (const name of ['readFile', 'open']) {
  const original = fs.promises[name];
  fs.promises[name] = function (file, ...rest) {
    note(file);
    return original.call(this, file, ...rest);
  };
}
require('node:module').syncBuiltinESMExports();
