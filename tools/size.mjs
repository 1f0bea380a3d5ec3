#!/usr/bin/env node
// The package's size: what a browser downloads (the .wasm, the entry and the glue, which
// includes the shell's JS snippets), gzip and brotli, checked against the budget in size-budget.json; every
// entry of the exports map (the .wasm and the JS it loads); and the npm tarball.
// `node tools/size.mjs [--check] [--breakdown]` (make test runs it with --check; make bench with
// --breakdown, which also tells where the wasm's bytes go).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { BINDGEN_ARGS, WASM_OPT_ARGS } from './wasm-build.mjs';
import { shortenNames } from './wasm-names.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'pkg');
const budget = JSON.parse(fs.readFileSync(path.join(root, 'size-budget.json'), 'utf8'));

const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) =>
  zlib.brotliCompressSync(bytes, {
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
    js: {
      raw: sum('raw', (r) => !isWasm(r)),
      gzip: sum('gzip', (r) => !isWasm(r)),
      brotli: sum('brotli', (r) => !isWasm(r)),
    },
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
    let files = [...loadedFiles(file)];
    // An entry that carries the .wasm's bytes in its text (node.js: WASM_BASE64) never loads the
    // file, though the glue it imports still names it (for the glue's own, unused, default init).
    const inlines = (f) => f.endsWith('.js') && fs.readFileSync(path.join(pkg, f), 'utf8').includes('WASM_BASE64 =');
    if (files.some(inlines)) files = files.filter((f) => !f.endsWith('.wasm'));
    const sum = (filter) => files.filter(filter).reduce((n, f) => n + gzip(fs.readFileSync(path.join(pkg, f))), 0);
    return { file, conditions, files, wasm: sum((f) => f.endsWith('.wasm')), js: sum((f) => f.endsWith('.js')) };
  });
}

/**
 * What the wasm's code is made of, by the names of its functions: each group's patterns, first
 * match wins.
 */
const GROUPS = [
  [
    'async machinery',
    'async machinery: futures, promises, closures (js-sys, wasm-bindgen-futures)',
    /js_sys::futures|wasm_bindgen_futures|JsFuture|future_to_promise|wasm_bindgen::closure|convert::closures|Waker|core::task/,
  ],
  ['allocator', 'the allocator (talc)', /^talc::|dlmalloc|__rdl_|__rust_(alloc|dealloc|realloc|alloc_zeroed)\b|__rg_/],
  [
    'formatting, panics',
    'formatting and panics (core::fmt, std::panicking)',
    /core[^:]*::fmt|::fmt::|panicking|panic|Formatter|count_chars|slice_index_fail|unwrap_failed|expect_failed|alloc_error|capacity_overflow|AccessError|BorrowError|BorrowMutError|Payload|abort/,
  ],
  ['exported functions', 'the exported functions (the shell\u2019s, inlined into wasm-bindgen\u2019s shims)', / shim$/],
  [
    'wasm-bindgen runtime',
    'the wasm-bindgen runtime (externref table, conversions)',
    /externref|__wbindgen|wasm_bindgen|__wbg_|js_sys::/,
  ],
  ['the core', 'the core: src/*.rs (rules, decoding, retry, routes, errors)', /^skimmer_activity_logs::(?!wasm::)/],
  ['the shell', 'the shell: src/wasm/*.rs', /^skimmer_activity_logs::wasm::/],
  [
    'std, generic',
    'the standard library, generic code (iterators, strings, collections; often the package\u2019s code inlined)',
    /./,
  ],
];

function readLeb(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return { value, at };
  }
}

/** A wasm module's sections, its function names (name section) and its function bodies. */
function parseWasm(bytes) {
  const sections = [];
  const names = new Map();
  const bodies = [];
  let imported = 0;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const size = readLeb(bytes, at + 1);
    const end = size.at + size.value;
    let label = [
      'custom',
      'type',
      'import',
      'function',
      'table',
      'memory',
      'global',
      'export',
      'start',
      'element',
      'code',
      'data',
      'data count',
      'tag',
    ][id];
    if (id === 0) {
      const length = readLeb(bytes, size.at);
      label = `custom ${Buffer.from(bytes.subarray(length.at, length.at + length.value))}`;
      if (label === 'custom name') {
        for (let p = length.at + length.value; p < end; ) {
          const sub = bytes[p];
          const subSize = readLeb(bytes, p + 1);
          if (sub === 1) {
            const count = readLeb(bytes, subSize.at);
            let q = count.at;
            for (let i = 0; i < count.value; i++) {
              const index = readLeb(bytes, q);
              const nameLength = readLeb(bytes, index.at);
              names.set(
                index.value,
                Buffer.from(bytes.subarray(nameLength.at, nameLength.at + nameLength.value)).toString(),
              );
              q = nameLength.at + nameLength.value;
            }
          }
          p = subSize.at + subSize.value;
        }
      }
    } else if (id === 2) {
      const count = readLeb(bytes, size.at);
      let q = count.at;
      for (let i = 0; i < count.value; i++) {
        for (let k = 0; k < 2; k++) {
          const l = readLeb(bytes, q);
          q = l.at + l.value;
        }
        const kind = bytes[q++];
        if (kind !== 0) throw new Error('size: only function imports are expected');
        q = readLeb(bytes, q).at;
        imported++;
      }
    } else if (id === 10) {
      const count = readLeb(bytes, size.at);
      let q = count.at;
      for (let i = 0; i < count.value; i++) {
        const body = readLeb(bytes, q);
        bodies.push({ index: imported + i, bytes: bytes.subarray(q, body.at + body.value) });
        q = body.at + body.value;
      }
    }
    sections.push({ label, bytes: bytes.subarray(at, end) });
    at = end;
  }
  return { sections, names, bodies };
}

/**
 * Where the wasm's bytes go: the crate's release build (the one `make pkg` built) through the
 * package's wasm-bindgen, wasm-opt and short-name steps with its function names kept (-g; a
 * fraction of a percent larger than the shipped .wasm, whose names are stripped), grouped by what
 * the functions are. Each row:
 * raw bytes, and gzip of those bytes compressed alone (so the rows do not add up to the whole).
 */
export function breakdown() {
  const built = path.join(root, 'target', 'wasm32-unknown-unknown', 'release', 'skimmer_activity_logs.wasm');
  if (!fs.existsSync(built)) throw new Error(`size: ${built} is missing; run make pkg first`);
  const dir = fs.mkdtempSync(path.join(root, 'target', 'size-breakdown-'));
  try {
    execFileSync('wasm-bindgen', ['--target', 'web', ...BINDGEN_ARGS, '--keep-debug', '--out-dir', dir, built]);
    const named = path.join(dir, 'named.wasm');
    execFileSync(path.join(root, 'node_modules', '.bin', 'wasm-opt'), [
      ...WASM_OPT_ARGS,
      '-g',
      '--strip-producers',
      '--strip-target-features',
      path.join(dir, 'skimmer_activity_logs_bg.wasm'),
      '-o',
      named,
    ]);
    // The shipped wasm's short import and export names (the name section is left as it is).
    const { sections, names, bodies } = parseWasm(shortenNames(fs.readFileSync(named)).wasm);
    const groups = new Map(GROUPS.map(([, label]) => [label, []]));
    const functions = bodies.map(({ index, bytes }) => {
      const name = names.get(index) ?? `function ${index}`;
      const [short, label] = GROUPS.find(([, , pattern]) => pattern.test(name));
      groups.get(label).push(bytes);
      return { name, short, size: bytes.length };
    });
    const row = (label, parts) => {
      const all = Buffer.concat(parts);
      return { label, raw: all.length, gzip: parts.length ? gzip(all) : 0 };
    };
    const section = (...labels) => sections.filter((s) => labels.includes(s.label)).map((s) => s.bytes);
    const rows = [
      ...[...groups].map(([label, parts]) => row(`code: ${label}`, parts)),
      row('data: strings and tables (messages, panic texts and locations)', section('data')),
      row('import and export names', section('import', 'export')),
      row(
        'the rest (types, tables, globals, section headers)',
        sections
          .filter((s) => !['code', 'data', 'import', 'export', 'custom name'].includes(s.label))
          .map((s) => s.bytes),
      ),
    ];
    const total = rows.reduce((n, r) => n + r.raw, 0);
    const top = functions.sort((a, b) => b.size - a.size).slice(0, 15);
    return { total, rows, top };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
    console.log(
      `| ${e.file} | ${e.conditions.join(', ')} | ${e.files.length} | ${e.wasm} | ${e.js} | ${e.wasm + e.js} |`,
    );
  }
  console.log(
    `\nnpm tarball: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`,
  );
  console.log(`budget: wasm + JS gzip ≤ ${budget.browserGzipBytes} bytes (size-budget.json)`);
  if (process.argv.includes('--breakdown')) {
    const b = breakdown();
    console.log(`\nWhere the wasm's bytes go (${b.total} bytes raw, names stripped; gzip of each part alone):\n`);
    console.log('| part | bytes | share | gzip alone |');
    console.log('|---|---|---|---|');
    for (const r of b.rows)
      console.log(`| ${r.label} | ${r.raw} | ${((100 * r.raw) / b.total).toFixed(1)}% | ${r.gzip} |`);
    console.log('\nThe largest functions:\n');
    console.log('| function | bytes | part |');
    console.log('|---|---|---|');
    for (const f of b.top) console.log(`| \`${f.name.replace(/\|/g, '\\|')}\` | ${f.size} | ${f.short} |`);
  }
  if (process.argv.includes('--check') && m.total.gzip > budget.browserGzipBytes) {
    console.error(`size: wasm + JS is ${m.total.gzip} bytes gzip, over the budget of ${budget.browserGzipBytes}`);
    process.exit(1);
  }
}
