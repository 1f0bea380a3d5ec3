// Where the .wasm's bytes go: twiggy on a build of the main .wasm that keeps its function names.
// The build repeats the package's (the same cargo build, wasm-bindgen, then wasm-opt -Oz) into
// target/bench-twiggy/, with `-g` so wasm-opt keeps the name section; every other section is then
// checked to be the same size as in the shipped .wasm, so the breakdown is of the shipped code.
// twiggy comes from PATH, else from target/bench-tools/ (installed there with cargo on first use).
//   node bench/twiggy.mjs [--readme]   prints the markdown; --readme also writes it into
//                                      bench/README.md between the twiggy markers
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { benchDir, pkgDir, root } from './lib/pkg.mjs';

const TWIGGY_VERSION = '0.8.0';
const tools = path.join(root, 'target', 'bench-tools');
const work = path.join(root, 'target', 'bench-twiggy');
const crate = 'skimmer_activity_logs';
// As tools/build-pkg.mjs gives them to wasm-opt: the features rustc enables for wasm32.
const WASM_FEATURES = [
  '--enable-bulk-memory',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-reference-types',
  '--enable-multivalue',
];
export const MARKERS = [
  '<!-- twiggy:begin (bench/twiggy.mjs writes this part; edit the script, not this) -->',
  '<!-- twiggy:end -->',
];

const run = (cmd, args, options = {}) => execFileSync(cmd, args, { cwd: root, maxBuffer: 64 << 20, ...options });

/** The twiggy binary: on PATH, in the bench's tools cache, or installed there now. */
export function twiggy({ install = true } = {}) {
  try {
    run('twiggy', ['--version'], { stdio: 'ignore' });
    return 'twiggy';
  } catch {
    /* not on PATH */
  }
  const cached = path.join(tools, 'bin', 'twiggy');
  if (fs.existsSync(cached)) return cached;
  if (!install) return null;
  console.error(`twiggy: installing twiggy ${TWIGGY_VERSION} into target/bench-tools (a few minutes, once)`);
  run('cargo', ['install', 'twiggy', '--version', TWIGGY_VERSION, '--locked', '--root', tools], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return cached;
}

/** The sections of a .wasm: [{ id, name (custom sections), size }]. */
function sections(bytes) {
  const out = [];
  let i = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[i++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  while (i < bytes.length) {
    const id = bytes[i++];
    const size = leb();
    const end = i + size;
    let name = '';
    if (id === 0) {
      const length = leb();
      name = bytes.subarray(i, i + length).toString();
    }
    out.push({ id, name, size });
    i = end;
  }
  return out;
}

/** Builds the .wasm with names; returns its path and how it compares with the shipped one. */
function namedBuild() {
  run('cargo', ['build', '--release', '--lib', '--target', 'wasm32-unknown-unknown', '-p', 'skimmer-activity-logs'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const built = path.join(root, 'target', 'wasm32-unknown-unknown', 'release', `${crate}.wasm`);
  fs.rmSync(work, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--out-dir', path.join(work, 'web'), built]);
  const named = path.join(work, `${crate}_bg.named.wasm`);
  run(path.join(root, 'node_modules', '.bin', 'wasm-opt'), [
    '-Oz',
    ...WASM_FEATURES,
    '-g',
    '--strip-producers',
    path.join(work, 'web', `${crate}_bg.wasm`),
    '-o',
    named,
  ]);
  const shipped = path.join(pkgDir(), `${crate}_bg.wasm`);
  const key = (s) => (s.id === 0 ? `custom '${s.name}'` : `section ${s.id}`);
  const ours = sections(fs.readFileSync(named)).filter((s) => !(s.id === 0 && s.name === 'name'));
  const theirs = sections(fs.readFileSync(shipped));
  const differences = [];
  const sizes = new Map(theirs.map((s) => [key(s), s.size]));
  for (const s of ours)
    if (sizes.get(key(s)) !== s.size)
      differences.push(`${key(s)}: ${s.size} here, ${sizes.get(key(s)) ?? 'absent'} shipped`);
  for (const s of theirs) if (!ours.some((o) => key(o) === key(s))) differences.push(`${key(s)}: absent here`);
  return { named, shippedBytes: fs.statSync(shipped).size, differences };
}

/** The crate and area a twiggy item belongs to (null: the name section, which is not shipped). */
export function areaOf(name) {
  const clean = name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
  if (/ subsection$/.test(name) || name === "custom section 'name'") return null;
  if (name.startsWith('import ')) return 'imports (their module and function names)';
  if (name.startsWith('export ')) return 'exports (their names)';
  if (name.startsWith('data segment')) return 'data segments (.rodata, .data)';
  if (/^(type|table|elem|global|memory)\[|section headers|^custom section/.test(name))
    return 'module structure (types, tables, section headers, target features)';
  if (/^code\[\d+\]$/.test(name)) return 'functions without a name';
  if (
    /externref shim|multivalue shim|-> Externref|^__wbindgen|^__wbg_|^__externref|^__instance_terminated|^__abort_handler/.test(
      clean,
    )
  )
    return 'wasm-bindgen shims and runtime';
  if (/^(mem(cpy|move|set|cmp)|bcmp|__[a-z]+[0-9]+[a-z]*)$/.test(clean))
    return 'compiler_builtins (memcpy, 128-bit integer math)';
  const ours = /skimmer_activity_logs::((?:wasm::)?\w+)/.exec(clean);
  if (ours) return `skimmer_activity_logs::${ours[1]}`;
  const other = /([A-Za-z_]\w*)::(\w+)/.exec(clean);
  if (other) return other[1] === '__rustc' ? 'alloc (__rustc allocator shims)' : `${other[1]}::${other[2]}`;
  return 'other';
}

const number = (n) => n.toLocaleString('en');
const cell = (text) => text.replace(/\|/g, '\\|');

/** The breakdown as markdown, and its figures. */
export function breakdown({ top = 20, groups = 20 } = {}) {
  const bin = twiggy();
  const build = namedBuild();
  const items = JSON.parse(run(bin, ['top', '-n', '1000000', '-f', 'json', build.named]).toString());
  const shipped = items.filter((item) => areaOf(item.name) !== null);
  const total = shipped.reduce((n, item) => n + item.shallow_size, 0);
  const byArea = new Map();
  for (const item of shipped) {
    const area = areaOf(item.name);
    const entry = byArea.get(area) ?? { area, bytes: 0, items: 0 };
    entry.bytes += item.shallow_size;
    entry.items += 1;
    byArea.set(area, entry);
  }
  const areas = [...byArea.values()].sort((a, b) => b.bytes - a.bytes);
  const pct = (n) => `${((100 * n) / total).toFixed(1)}%`;
  const lines = [];
  lines.push(
    `twiggy ${TWIGGY_VERSION} on the main .wasm (\`${crate}_bg.wasm\`, ${number(build.shippedBytes)} bytes shipped), rebuilt with names: ` +
      `${number(total)} bytes in ${number(shipped.length)} items, shallow sizes, before compression. ` +
      (build.differences.length === 0
        ? 'Every section but the names matches the shipped .wasm in size.'
        : `**This build differs from the shipped .wasm** (${build.differences.join('; ')}): the breakdown is approximate.`),
  );
  lines.push('', `The ${top} largest items:`, '', '| bytes | share | item | area |', '| ---: | ---: | --- | --- |');
  for (const item of shipped.slice(0, top)) {
    const name = item.name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
    lines.push(
      `| ${number(item.shallow_size)} | ${pct(item.shallow_size)} | \`${cell(name.length > 110 ? `${name.slice(0, 107)}…` : name)}\` | ${cell(areaOf(item.name))} |`,
    );
  }
  lines.push(
    '',
    'By crate and area (a function counts under the first module of this crate its name mentions, drop glue and trait impls of its types included; else under the crate and module its name starts with):',
    '',
    '| bytes | share | items | crate / area |',
    '| ---: | ---: | ---: | --- |',
  );
  for (const a of areas.slice(0, groups))
    lines.push(`| ${number(a.bytes)} | ${pct(a.bytes)} | ${a.items} | ${cell(a.area)} |`);
  const rest = areas.slice(groups);
  if (rest.length) {
    const bytes = rest.reduce((n, a) => n + a.bytes, 0);
    lines.push(
      `| ${number(bytes)} | ${pct(bytes)} | ${rest.reduce((n, a) => n + a.items, 0)} | ${rest.length} more areas |`,
    );
  }
  return {
    markdown: lines.join('\n'),
    total,
    shippedBytes: build.shippedBytes,
    differences: build.differences,
    top: shipped.slice(0, top),
    areas,
  };
}

/** Replaces the part of bench/README.md between the markers with `markdown`. */
export function writeReadme(markdown) {
  const file = path.join(benchDir, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const [begin, end] = MARKERS;
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error('bench/README.md has no twiggy markers');
  fs.writeFileSync(file, `${text.slice(0, a + begin.length)}\n${markdown}\n${text.slice(b)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = breakdown();
  console.log(result.markdown);
  if (process.argv.includes('--readme')) writeReadme(result.markdown);
}
