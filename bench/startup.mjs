// Start-up in Node: import + instantiate of the package in a fresh process, next to importing
// the equivalent JS stack (the zod bundle), medians of repeated runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './lib/measure.mjs';
import { bundle } from './size.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/**
 * Milliseconds to import `url` in a fresh Node process, after the import of an empty module file
 * has started Node's ES module loader (5-10 ms that the first import of any file pays: the app's
 * own modules pay it before any package is imported).
 */
function importTime(url, warm) {
  const code = `await import(${JSON.stringify(warm)}); const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code]).toString());
}

export function run({ samples = 15 } = {}) {
  const ours = pathToFileURL(path.join(root, 'pkg', 'node.js')).href;
  const zod = pathToFileURL(bundle('entry-zod.js', path.join(root, 'target', 'bench', 'entry-zod.js'))).href;
  const empty = path.join(root, 'target', 'bench', 'empty.mjs');
  fs.writeFileSync(empty, 'export {};\n');
  const warm = pathToFileURL(empty).href;
  const times = { ours: [], zod: [] };
  for (let i = 0; i < samples; i++) {
    times.ours.push(importTime(ours, warm));
    times.zod.push(importTime(zod, warm));
  }
  return { ours: median(times.ours), zod: median(times.zod) };
}
