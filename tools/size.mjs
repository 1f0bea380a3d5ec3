#!/usr/bin/env node
// The package's size: what a browser downloads (the .wasm, the entry and the glue, which
// includes the shell's JS snippets), gzip and brotli, checked against the budget in size-budget.json; every
// entry of the exports map (the .wasm and the JS it loads); and the npm tarball.
// `node tools/size.mjs [--check]` (make test runs it with --check).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'pkg');
const budget = JSON.parse(fs.readFileSync(path.join(root, 'size-budget.json'), 'utf8'));

const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) => zlib.brotliCompressSync(bytes, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
}).length;

/** The files a browser fetches when a page imports the package's browser entry. */
function browserFiles() {
  return ['skimmer_activity_logs_bg.wasm', 'index.js', 'skimmer_activity_logs.js'];
}

export function measure() {
  const rows = browserFiles().map((file) => {
    const bytes = fs.readFileSync(path.join(pkg, file));
    return { file, raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) };
  });
  const sum = (key, filter = () => true) => rows.filter(filter).reduce((n, r) => n + r[key], 0);
  const isWasm = (r) => r.file.endsWith('.wasm');
  return {
    rows,
    wasm: { raw: sum('raw', isWasm), gzip: sum('gzip', isWasm), brotli: sum('brotli', isWasm) },
    js: { raw: sum('raw', (r) => !isWasm(r)), gzip: sum('gzip', (r) => !isWasm(r)), brotli: sum('brotli', (r) => !isWasm(r)) },
    total: { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') },
  };
}

/** The entry points of the exports map: each JS file with the conditions that lead to it. */
function entryPoints() {
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  const found = new Map();
  const visit = (target, subpath, conditions) => {
    if (typeof target === 'string') {
      if (!target.endsWith('.js')) return;
      const file = path.posix.normalize(target);
      const label = `${subpath} ${conditions.filter((c) => c !== 'default').join('.') || 'default'}`;
      found.set(file, [...(found.get(file) ?? []), label]);
    } else if (target && typeof target === 'object') {
      for (const [key, value] of Object.entries(target)) {
        if (key !== 'types') visit(value, subpath, [...conditions, key]);
      }
    }
  };
  for (const [subpath, target] of Object.entries(manifest.exports)) visit(target, subpath, []);
  return found;
}

/** `file` (relative to pkg/) and every package file it imports or requires, the .wasm included. */
function loadedFiles(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  if (!file.endsWith('.js')) return seen;
  const source = fs.readFileSync(path.join(pkg, file), 'utf8');
  const specifiers = [
    ...source.matchAll(/(?:from|import|require\((?:String\.raw)?)\s*["'`](\.{1,2}\/[^"'`?]+)/g),
    ...source.matchAll(/new URL\(\s*["']((?:\.{1,2}\/)?[\w.-]+\.wasm)["']/g),
    ...source.matchAll(/\$\{__dirname\}\/([^`]+)`/g),
  ].map((m) => m[1]);
  for (const specifier of specifiers) {
    const target = path.posix.join(path.posix.dirname(file), specifier);
    if (fs.existsSync(path.join(pkg, target))) loadedFiles(target, seen);
  }
  return seen;
}

/** Each entry point's .wasm + JS (gzip), as its runtime or bundler loads them from the package. */
export function measureEntries() {
  return [...entryPoints()].map(([file, conditions]) => {
    const files = [...loadedFiles(file)];
    const sum = (filter) => files.filter(filter).reduce((n, f) => n + gzip(fs.readFileSync(path.join(pkg, f))), 0);
    return { file, conditions, files, wasm: sum((f) => f.endsWith('.wasm')), js: sum((f) => f.endsWith('.js')) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = measure();
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: pkg }))[0];
  console.log('| file | bytes | gzip | brotli |');
  console.log('|---|---|---|---|');
  for (const r of m.rows) console.log(`| ${r.file} | ${r.raw} | ${r.gzip} | ${r.brotli} |`);
  console.log(`| wasm | ${m.wasm.raw} | ${m.wasm.gzip} | ${m.wasm.brotli} |`);
  console.log(`| JS | ${m.js.raw} | ${m.js.gzip} | ${m.js.brotli} |`);
  console.log(`| **wasm + JS** | ${m.total.raw} | ${m.total.gzip} | ${m.total.brotli} |`);
  console.log('\n| entry | export conditions | files | wasm gzip | JS gzip | wasm + JS gzip |');
  console.log('|---|---|---|---|---|---|');
  for (const e of measureEntries()) {
    console.log(`| ${e.file} | ${e.conditions.join(', ')} | ${e.files.length} | ${e.wasm} | ${e.js} | ${e.wasm + e.js} |`);
  }
  console.log(`\nnpm tarball: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
  console.log(`budget: wasm + JS gzip ≤ ${budget.browserGzipBytes} bytes (size-budget.json)`);
  if (process.argv.includes('--check') && m.total.gzip > budget.browserGzipBytes) {
    console.error(`size: wasm + JS is ${m.total.gzip} bytes gzip, over the budget of ${budget.browserGzipBytes}`);
    process.exit(1);
  }
}
