#!/usr/bin/env node
// Builds pkg/, the npm package, from the crate and pkg-template/:
//   cargo (release, wasm32) → wasm-bindgen (the CLI pinned in Cargo.toml) → wasm-opt (npm
//   binaryen) → pkg-template/ + generated entry points + README + LICENSE.
// Run through `make pkg`, which first runs tools/setup.sh so every tool is present.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const crate = 'skimmer_activity_logs';
const glue = `${crate}.js`;
const wasmFile = `${crate}_bg.wasm`;
const out = path.join(root, 'pkg');
const work = path.join(root, 'target', 'pkg-build');

// The wasm features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them.
const WASM_FEATURES = [
  '--enable-bulk-memory',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-reference-types',
  '--enable-multivalue',
];

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

function step(name) {
  console.log(`build-pkg: ${name}`);
}

step('cargo build (release, wasm32-unknown-unknown)');
run('cargo', [
  'build', '--release', '--lib', '--target', 'wasm32-unknown-unknown',
  '-p', 'skimmer-activity-logs',
]);

step('wasm-bindgen --target web');
fs.rmSync(work, { recursive: true, force: true });
run('wasm-bindgen', [
  '--target', 'web', '--out-dir', path.join(work, 'web'),
  path.join(root, 'target', 'wasm32-unknown-unknown', 'release', `${crate}.wasm`),
]);

step('wasm-opt -Oz');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
run(path.join(root, 'node_modules', '.bin', 'wasm-opt'), [
  '-Oz', ...WASM_FEATURES, '--strip-debug', '--strip-producers',
  path.join(work, 'web', wasmFile), '-o', path.join(out, wasmFile),
]);

step('package files');
for (const name of fs.readdirSync(path.join(root, 'pkg-template'))) {
  fs.cpSync(path.join(root, 'pkg-template', name), path.join(out, name), { recursive: true });
}
fs.copyFileSync(path.join(work, 'web', glue), path.join(out, glue));
// The shell's JS snippets (#[wasm_bindgen(module = ...)]), imported by the glue.
fs.cpSync(path.join(work, 'web', 'snippets'), path.join(out, 'snippets'), { recursive: true });
// `[Symbol.dispose]()` needs TypeScript's esnext.disposable lib: consumers compiling with
// `lib: ["es2022"]` and skipLibCheck off would fail on it. The method still exists at run time.
const dts = fs.readFileSync(path.join(work, 'web', `${crate}.d.ts`), 'utf8')
  .replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, '');
fs.writeFileSync(path.join(out, `${crate}.d.ts`), dts);
fs.copyFileSync(path.join(root, 'README.md'), path.join(out, 'README.md'));
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(out, 'LICENSE'));

const manifest = JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8'));
manifest.version = cargoVersion();
fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

writeEntries();
step(`done: ${path.relative(root, out)}/`);

/** The crate's version, which the npm package shares. */
function cargoVersion() {
  const toml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const pkg = toml.slice(toml.indexOf('[package]'));
  const match = /^version\s*=\s*"([^"]+)"/m.exec(pkg);
  if (!match) throw new Error('no [package] version in Cargo.toml');
  return match[1];
}

/**
 * The entry points users import. The wasm-bindgen glue exports init functions and a private
 * `__constants`; the entries initialise the module themselves (no init call for users) and
 * re-export only the public API, plus the form constants under their names.
 */
function writeEntries() {
  const js = fs.readFileSync(path.join(out, glue), 'utf8');
  const dts = fs.readFileSync(path.join(out, `${crate}.d.ts`), 'utf8');
  const hidden = new Set(['initSync', 'default', '__constants', 'InitInput', 'InitOutput', 'SyncInitInput']);
  const constants = ['TITLE_MAX_LENGTH', 'DESCRIPTION_MAX_LENGTH', 'TITLE_PATTERN', 'ACTIVITY_TYPES'];
  const jsValues = [...js.matchAll(/^export (?:async )?(?:function|class) (\w+)/gm)]
    .map((m) => m[1]).filter((n) => !hidden.has(n));
  const dtsValues = [...dts.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)]
    .map((m) => m[1]).filter((n) => !hidden.has(n));
  const dtsTypes = [...dts.matchAll(/^export (?:type|interface) (\w+)/gm)]
    .map((m) => m[1]).filter((n) => !hidden.has(n));
  for (const name of constants) {
    if (!dtsValues.includes(name)) throw new Error(`the .d.ts does not declare ${name}`);
  }

  const reexports = `export { ${jsValues.join(', ')} } from './${glue}';\n` +
    `/** The form constants, read once from the wasm module, where the rules live. */\n` +
    `export const { ${constants.join(', ')} } = __constants();\n`;
  const header = '// Generated by tools/build-pkg.mjs. Do not edit.\n';

  fs.writeFileSync(path.join(out, 'index.js'), header +
    `import init, { __constants } from './${glue}';\n\n` +
    `// Fetches and instantiates ${wasmFile} next to this file (bundlers rewrite the URL).\n` +
    `await init({ module_or_path: new URL('./${wasmFile}', import.meta.url) });\n\n` +
    reexports);

  fs.writeFileSync(path.join(out, 'node.js'), header +
    `import { readFileSync } from 'node:fs';\n` +
    `import { initSync, __constants } from './${glue}';\n\n` +
    `// Synchronous: no top-level await, so this module also loads through require(esm).\n` +
    `initSync({ module: readFileSync(new URL('./${wasmFile}', import.meta.url)) });\n\n` +
    reexports);

  const types = header +
    `export { ${dtsValues.join(', ')} } from './${glue}';\n` +
    `export type { ${dtsTypes.join(', ')} } from './${glue}';\n`;
  fs.writeFileSync(path.join(out, 'index.d.ts'), types);
}
