// Where the package under measurement is, and what its exports map makes each runtime load.
// BENCH_PKG=dir measures another build of the package (another branch's pkg/, say) with the same
// harness; the default is the repository's pkg/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const root = path.resolve(benchDir, '..');
/** Generated files of the benchmarks: bundles, fixtures, results. */
export const outDir = path.join(root, 'target', 'bench');

export function pkgDir() {
  return path.resolve(process.env.BENCH_PKG ?? path.join(root, 'pkg'));
}

export function manifest(dir = pkgDir()) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

/** The conditions each runtime (or its bundler) matches, in the order it matches them. */
export const RUNTIMES = {
  'Node import': ['node', 'import', 'default'],
  'Node require': ['node', 'require', 'default'],
  browser: ['browser', 'import', 'default'],
  'workerd (wrangler)': ['workerd', 'worker', 'browser', 'import', 'default'],
  'edge-light (Vercel, Next.js edge)': ['edge-light', 'worker', 'browser', 'import', 'default'],
};

/** The file `subpath` of the exports map resolves to under `conditions`, or null. */
export function resolve(subpath, conditions, dir = pkgDir()) {
  let target = manifest(dir).exports?.[subpath];
  while (target && typeof target === 'object') {
    const key = Object.keys(target).find((k) => k !== 'types' && conditions.includes(k));
    target = key === undefined ? null : target[key];
  }
  return typeof target === 'string' ? path.join(dir, target) : null;
}

/** Whether the exports map names `condition` anywhere. */
export function hasCondition(condition, dir = pkgDir()) {
  const walk = (value) =>
    value && typeof value === 'object' && Object.entries(value).some(([k, v]) => k === condition || walk(v));
  return walk(manifest(dir).exports);
}

/** file:// URL of the package's Node ES module entry. */
export function nodeEntryUrl(dir = pkgDir()) {
  return pathToFileURL(resolve('.', RUNTIMES['Node import'], dir)).href;
}

/**
 * Every file a runtime loads when it imports `file`: the file, the package files it imports or
 * requires (relative specifiers), and each `.wasm` of the package named in them.
 */
export function closure(file, dir = pkgDir()) {
  const wasm = new Map(
    fs
      .readdirSync(dir, { recursive: true })
      .filter((f) => f.endsWith('.wasm'))
      .map((f) => [path.basename(f), path.join(dir, f)]),
  );
  const seen = new Set();
  const visit = (current) => {
    if (seen.has(current)) return;
    seen.add(current);
    const text = fs.readFileSync(current, 'utf8');
    for (const [, spec] of text.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const next = path.resolve(path.dirname(current), spec);
      if (/\.[cm]?js$/.test(next) && fs.existsSync(next)) visit(next);
    }
    for (const [, name] of text.matchAll(/["'`/]([\w.-]+\.wasm)(?:\?module)?["'`]/g)) {
      if (wasm.has(name)) seen.add(wasm.get(name));
    }
  };
  visit(file);
  return [...seen];
}

/**
 * The package's entries: each distinct file some runtime loads for a subpath of the exports map,
 * with the runtimes that load it, and the files that come with it.
 */
export function entries(dir = pkgDir()) {
  const byFile = new Map();
  for (const subpath of Object.keys(manifest(dir).exports ?? {})) {
    for (const [runtime, conditions] of Object.entries(RUNTIMES)) {
      const file = resolve(subpath, conditions, dir);
      if (!file || !/\.[cm]?js$/.test(file)) continue;
      const entry = byFile.get(file) ?? { subpath, file, runtimes: [], files: closure(file, dir) };
      entry.runtimes.push(runtime);
      byFile.set(file, entry);
    }
  }
  return [...byFile.values()];
}
