// The alternatives as a page (or a start-up benchmark) loads them: esbuild bundles of
// alternatives/entry-*.js, minified for the browser, under target/bench/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { benchDir, outDir, root } from './pkg.mjs';

/** Bundles alternatives/`entry` into target/bench/`entry` and returns its path. */
export function bundle(entry) {
  const outfile = path.join(outDir, entry);
  fs.mkdirSync(outDir, { recursive: true });
  execFileSync(path.join(root, 'node_modules', '.bin', 'esbuild'), [
    path.join(benchDir, 'alternatives', entry),
    '--bundle',
    '--minify',
    '--format=esm',
    '--platform=browser',
    '--target=es2022',
    '--log-level=warning',
    `--outfile=${outfile}`,
  ]);
  return outfile;
}

/** The two alternative stacks: the small fetch client with zod 4 or with valibot. */
export const STACKS = [
  ['zod', 'entry-zod.js', 'JS client + zod 4'],
  ['valibot', 'entry-valibot.js', 'JS client + valibot'],
];
