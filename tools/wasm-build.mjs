// The settings of the package's wasm build, shared by tools/build-pkg.mjs, which builds pkg/, and
// tools/size.mjs --breakdown, which builds the same wasm with its names kept to tell where the
// bytes go. Each choice was measured on the gzip of the package's wasm + JS (bench/README.md,
// "Size steps").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * wasm-bindgen's options. --encode-into always: no fallback for runtimes without
 * TextEncoder.encodeInto (every runtime the package supports has it; the shell's plain.js calls
 * it directly anyway).
 */
export const BINDGEN_ARGS = ['--encode-into', 'always'];

// The wasm features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them.
export const WASM_FEATURES = [
  '--enable-bulk-memory',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-reference-types',
  '--enable-multivalue',
];

// wasm-opt's optimisation, chosen by measuring the gzip of the result (bench/README.md, "Size
// steps"): -Os compresses better than -Oz (a few hundred bytes larger raw, smaller gzip);
// --low-memory-unused lets wasm-opt fold `pointer + constant` into a load's or store's offset,
// which differs only when the sum wraps past 4 GiB, never for an in-bounds address (and Rust
// code only computes in-bounds ones).
const WASM_OPT_PASSES = ['-Os', '--low-memory-unused'];

/** wasm-opt's optimisation arguments (then the stripping, then the files). */
export const WASM_OPT_ARGS = [...WASM_OPT_PASSES, ...WASM_FEATURES];

/** What the shipped wasm leaves out: names, producers and target_features (which only informs linkers). */
export const WASM_OPT_STRIP = ['--strip-debug', '--strip-producers', '--strip-target-features'];

/**
 * The rustflags of the wasm build: the caller's (CARGO_ENCODED_RUSTFLAGS or RUSTFLAGS), and each
 * crate registry's folder under CARGO_HOME remapped away. Panic locations in the wasm name the
 * source files of the crates they come from, and that folder (/root/.cargo/registry/src/index…/)
 * differs from machine to machine; remapped, they read `js-sys-0.3.107/src/lib.rs`, and the
 * .wasm is the same wherever it is built (and 69 bytes smaller, gzip).
 */
export function rustflags() {
  const cargoHome = process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo');
  const registry = path.join(cargoHome, 'registry', 'src');
  const remaps = fs.existsSync(registry)
    ? fs.readdirSync(registry).map((dir) => `--remap-path-prefix=${path.join(registry, dir)}${path.sep}=`)
    : [];
  const caller =
    process.env.CARGO_ENCODED_RUSTFLAGS ?? (process.env.RUSTFLAGS ?? '').split(' ').filter(Boolean).join('\x1f');
  return [caller, ...remaps].filter(Boolean).join('\x1f');
}
