// Size: the package's wasm + JS next to the equivalent JS stacks (the small fetch client of
// alternatives/client.js with the same rules in zod 4 or valibot), bundled and minified by
// esbuild for the browser.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { measure } from '../tools/size.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) => zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Bundles `entry` with esbuild and returns the bundle's path. */
export function bundle(entry, outfile) {
  execFileSync(path.join(root, 'node_modules', '.bin', 'esbuild'), [
    path.join(here, 'alternatives', entry), '--bundle', '--minify', '--format=esm', '--platform=browser',
    '--target=es2022', '--log-level=warning', `--outfile=${outfile}`,
  ]);
  return outfile;
}

export function run() {
  const ours = measure();
  const out = path.join(root, 'target', 'bench');
  fs.mkdirSync(out, { recursive: true });
  const rows = [{ name: 'skimmer-activity-logs (wasm + JS)', raw: ours.total.raw, gzip: ours.total.gzip, brotli: ours.total.brotli }];
  for (const [name, entry] of [['JS client + zod 4', 'entry-zod.js'], ['JS client + valibot', 'entry-valibot.js']]) {
    const bytes = fs.readFileSync(bundle(entry, path.join(out, entry)));
    rows.push({ name: `${name} (esbuild, minified)`, raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) });
  }
  return { rows, wasmGzip: ours.wasm.gzip, jsGzip: ours.js.gzip };
}
