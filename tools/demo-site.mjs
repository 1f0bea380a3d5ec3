#!/usr/bin/env node
// `make demo-site`: the demo page as plain static files in target/demo-site/, which any static
// file server can host (GitHub Pages, a bucket, `python3 -m http.server`): the page
// (www-example/) and beside it, in pkg/, the package's browser files: the main entry and its .wasm,
// the emulator entry and its own .wasm. With no API server answering its origin, the page runs
// the emulator in the browser. Build the package first (make pkg).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// What a browser loads of the package: each entry, its glue and its .wasm.
const PACKAGE_FILES = [
  'index.js',
  'skimmer_activity_logs.js',
  'skimmer_activity_logs_bg.wasm',
  'emulator/index.js',
  'emulator/skimmer_emulator.js',
  'emulator/skimmer_emulator_bg.wasm',
  'package.json',
  'LICENSE',
];

/** Writes the site into `out` (emptied first) and returns the files written, relative to it. */
export function buildDemoSite({ out = path.join(root, 'target', 'demo-site'), pkg = path.join(root, 'pkg') } = {}) {
  for (const file of PACKAGE_FILES) {
    if (!fs.existsSync(path.join(pkg, file)))
      throw new Error(`demo-site: ${path.join(pkg, file)} is missing: run make pkg`);
  }
  // Built beside, then moved into place: a server already hosting `out` never sees half a site.
  const temporary = `${out}.building-${process.pid}`;
  fs.rmSync(temporary, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'www-example'), temporary, { recursive: true });
  for (const file of PACKAGE_FILES) {
    fs.mkdirSync(path.dirname(path.join(temporary, 'pkg', file)), { recursive: true });
    fs.copyFileSync(path.join(pkg, file), path.join(temporary, 'pkg', file));
  }
  // GitHub Pages: serve the files as they are (no Jekyll).
  fs.writeFileSync(path.join(temporary, '.nojekyll'), '');
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(temporary, out);
  return fs
    .readdirSync(out, { recursive: true })
    .filter((f) => fs.statSync(path.join(out, f)).isFile())
    .sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = path.join(root, 'target', 'demo-site');
  const files = buildDemoSite({ out });
  console.log(`demo-site: ${files.length} files in ${path.relative(root, out)}/ — host them on any static file server`);
}
