// The emulator's own part of pkg/, for the `skimmer-activity-logs/emulator` entry: the emulator
// core (emulator/core) with its wasm bindings (emulator/wasm) →
//   cargo (release, wasm32, --cfg skimmer_emulator_wasm: the library it links comes without the
//   package's own JS API, see src/lib.rs; its own target folder, so these flags never rebuild
//   the main package's wasm) → wasm-bindgen (--target web, --target nodejs) → wasm-opt, with the
//   main build's settings (tools/wasm-build.mjs) →
//   pkg/emulator/ (the ES entries from pkg-template/emulator/, each bundled with create.js) and
//   pkg/cjs/emulator/ (CommonJS). Called by tools/build-pkg.mjs once pkg-template/ is copied.
// Nothing here touches the main entry's files: its .wasm, JS and size budget stay as they are.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BINDGEN_ARGS, WASM_OPT_ARGS, WASM_OPT_STRIP, rustflags } from './wasm-build.mjs';

const crate = 'skimmer_emulator_wasm';
const name = 'skimmer_emulator';
const glue = `${name}.js`;
const wasmFile = `${name}_bg.wasm`;
// The ES entries of pkg-template/emulator/; `minify`: what browsers load.
const ENTRIES = [
  { file: 'index.js', minify: true },
  { file: 'node.js' },
  { file: 'workerd.js' },
  { file: 'edge-light.js' },
];
const SHARED = 'create.js';

/**
 * Builds pkg/emulator/ and pkg/cjs/emulator/ into `out` (the package being built, with
 * pkg-template/ copied in). `run(cmd, args, env)` runs a command in `root`; `work` is a scratch
 * folder.
 */
export async function buildEmulator({ root, out, work, run }) {
  const targetDir = path.join(root, 'target', 'emulator-wasm');
  const flags = [rustflags(), ['--cfg', 'skimmer_emulator_wasm'].join('\x1f')].filter(Boolean).join('\x1f');
  run('cargo', ['build', '--release', '--lib', '--target', 'wasm32-unknown-unknown', '-p', 'skimmer-emulator-wasm'], {
    ...process.env,
    CARGO_TARGET_DIR: targetDir,
    CARGO_ENCODED_RUSTFLAGS: flags,
  });
  const built = path.join(targetDir, 'wasm32-unknown-unknown', 'release', `${crate}.wasm`);

  const web = path.join(work, 'emulator-web');
  const node = path.join(work, 'emulator-node');
  run('wasm-bindgen', ['--target', 'web', ...BINDGEN_ARGS, '--out-name', name, '--out-dir', web, built]);
  run('wasm-bindgen', ['--target', 'nodejs', ...BINDGEN_ARGS, '--out-name', name, '--out-dir', node, built]);

  const esm = path.join(out, 'emulator');
  const cjs = path.join(out, 'cjs', 'emulator');
  fs.mkdirSync(cjs, { recursive: true });
  run(path.join(root, 'node_modules', '.bin', 'wasm-opt'), [
    ...WASM_OPT_ARGS,
    ...WASM_OPT_STRIP,
    path.join(web, wasmFile),
    '-o',
    path.join(esm, wasmFile),
  ]);

  // The glue, minified (its types are not shipped: index.d.ts is the API).
  await esbuild.build({
    entryPoints: [path.join(web, glue)],
    outfile: path.join(esm, glue),
    minify: true,
    format: 'esm',
    target: 'es2022',
    logLevel: 'warning',
  });
  const nodeGlue = fs.readFileSync(path.join(node, glue), 'utf8');
  const wasmPath = 'const wasmPath = `${__dirname}/' + wasmFile + '`;';
  if (nodeGlue.split(wasmPath).length !== 2)
    throw new Error('build-emulator: no single wasm path in the CommonJS glue');
  fs.writeFileSync(
    path.join(cjs, glue),
    nodeGlue.replace(wasmPath, 'const wasmPath = `${__dirname}/../../emulator/' + wasmFile + '`;'),
  );

  // Each ES entry with create.js inlined; the glue stays one module they share.
  for (const { file, minify = false } of ENTRIES) {
    await esbuild.build({
      entryPoints: [path.join(esm, file)],
      outfile: path.join(esm, file),
      allowOverwrite: true,
      bundle: true,
      minify,
      format: 'esm',
      target: 'es2022',
      plugins: [onlyBundle(esm, SHARED)],
      absWorkingDir: esm,
      logLevel: 'warning',
      banner: minify
        ? {}
        : { js: `// Built by tools/build-emulator.mjs from pkg-template/emulator/${file}, whose comments say why.` },
    });
  }
  // CommonJS: create.js over the nodejs glue, which instantiates the .wasm when required.
  await esbuild.build({
    entryPoints: [path.join(esm, SHARED)],
    outfile: path.join(cjs, 'index.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'es2022',
    plugins: [onlyBundle(esm, SHARED)],
    absWorkingDir: esm,
    logLevel: 'warning',
    banner: {
      js: '// Built by tools/build-emulator.mjs from pkg-template/emulator/create.js: `require` of skimmer-activity-logs/emulator.',
    },
  });
  // The CommonJS types: the same file, whose `../index.js` is then the CommonJS entry's types.
  fs.copyFileSync(path.join(esm, 'index.d.ts'), path.join(cjs, 'index.d.ts'));
  fs.rmSync(path.join(esm, SHARED));
}

/** An esbuild plugin that bundles only `file` of `dir`: every other import stays one. */
function onlyBundle(dir, file) {
  return {
    name: 'only-bundle',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || (args.path === `./${file}` && args.resolveDir === dir)) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}
