// Size: for each entry of the package's exports map, the files a runtime loads with it (the entry,
// the JS it imports, the .wasm), each compressed as a server would send it (gzip -9, brotli -11),
// summed; next to the alternative stacks (the small fetch client of alternatives/client.js with
// the same rules in zod 4 or valibot), bundled and minified by esbuild.
//   node bench/size.mjs   prints the figures as JSON
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { bundle, STACKS } from './lib/bundle.mjs';
import { entries, pkgDir } from './lib/pkg.mjs';

const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) =>
  zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function measure(files) {
  const total = { raw: 0, gzip: 0, brotli: 0, wasmGzip: 0, jsGzip: 0 };
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    const g = gzip(bytes);
    total.raw += bytes.length;
    total.gzip += g;
    total.brotli += brotli(bytes);
    total[file.endsWith('.wasm') ? 'wasmGzip' : 'jsGzip'] += g;
  }
  return total;
}

export function run() {
  const dir = pkgDir();
  const rows = entries(dir).map((entry) => ({
    entry: `${entry.subpath} → ${path.relative(dir, entry.file)}`,
    runtimes: entry.runtimes,
    files: entry.files.map((f) => path.relative(dir, f)),
    ...measure(entry.files),
  }));
  const stacks = STACKS.map(([name, entry, label]) => ({ name, label, ...measure([bundle(entry)]) }));
  return { entries: rows, stacks };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(run(), null, 1));
