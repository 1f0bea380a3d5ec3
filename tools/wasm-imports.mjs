// Short import names for the package's wasm, and the glue rewritten to match.
//
// wasm-bindgen names every import after the JS it calls plus a 16-digit hash
// (`__wbg_bodyKind_a954c40e176f8f00`) and sorts them under the module names of the files they
// come from; each name is spelt twice, once in the .wasm's import section and once as a key in
// the glue's import object, and hashes do not compress. Here every import moves into one module,
// `a`, under a name of one or two letters, and the glue's `__wbg_get_imports()` is rewritten to
// provide the same functions under those names. The exports keep their names: `init()` and
// `initSync()` of the `/web` entry return them, and their type (InitOutput) names them.
//
// Only names change: the functions, their order and their signatures are as wasm-bindgen wrote
// them. The glue's rewrite checks its assumptions about wasm-bindgen's output and throws when one
// fails, so a wasm-bindgen upgrade that changes the glue's shape stops the build instead of
// producing a package whose instantiation fails.

/** The one import module of the rewritten wasm. */
export const IMPORT_MODULE = 'a';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The `n`-th short name: a…z, A…Z, then two characters, and so on. */
function shortName(n) {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const rest = `${first}0123456789_$`;
  let name = first[n % first.length];
  for (n = Math.floor(n / first.length); n > 0; n = Math.floor((n - 1) / rest.length)) {
    name += rest[(n - 1) % rest.length];
  }
  return name;
}

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('wasm-imports: truncated LEB128');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return { value, at };
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

function name(text) {
  const bytes = encoder.encode(text);
  return [...leb(bytes.length), ...bytes];
}

/** The length of an import's descriptor (its kind byte and what follows) at `at`. */
function descriptorEnd(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    p = readLeb(bytes, p).at;
    return flags & 1 ? readLeb(bytes, p).at : p;
  };
  switch (kind) {
    case 0: return readLeb(bytes, at).at; // function: type index
    case 1: return limits(at + 1); // table: reference type, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: value type (numeric or externref/funcref), mutability
    default: throw new Error(`wasm-imports: import kind ${kind} is not handled`);
  }
}

/**
 * `wasm` (bytes) with every import renamed into module `a` under a short name; `renames` lists
 * each import's module and name as wasm-bindgen wrote them, with its new name.
 */
export function shortenImports(wasm) {
  const bytes = new Uint8Array(wasm);
  if (decoder.decode(bytes.subarray(0, 4)) !== '\0asm') throw new Error('wasm-imports: not a wasm module');
  const parts = [bytes.subarray(0, 8)];
  const renames = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const size = readLeb(bytes, at + 1);
    const end = size.at + size.value;
    if (id !== 2) {
      parts.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    let p = size.at;
    const count = readLeb(bytes, p);
    p = count.at;
    const body = [...leb(count.value)];
    const shortNames = new Map();
    for (let i = 0; i < count.value; i++) {
      const moduleLength = readLeb(bytes, p);
      const module = decoder.decode(bytes.subarray(moduleLength.at, moduleLength.at + moduleLength.value));
      p = moduleLength.at + moduleLength.value;
      const fieldLength = readLeb(bytes, p);
      const field = decoder.decode(bytes.subarray(fieldLength.at, fieldLength.at + fieldLength.value));
      p = fieldLength.at + fieldLength.value;
      const descriptor = bytes.subarray(p, descriptorEnd(bytes, p));
      p += descriptor.length;
      // The same function imported twice keeps one name.
      const key = JSON.stringify([module, field]);
      let short = shortNames.get(key);
      if (short === undefined) {
        short = shortName(shortNames.size);
        shortNames.set(key, short);
        renames.push({ module, name: field, short });
      }
      body.push(...name(IMPORT_MODULE), ...name(short), ...descriptor);
    }
    if (p !== end) throw new Error('wasm-imports: the import section has bytes past its imports');
    parts.push(Uint8Array.of(2, ...leb(body.length), ...body));
    at = end;
  }
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return { wasm: out, renames };
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The glue `js` (wasm-bindgen's, ES module or CommonJS) with its import object rewritten for
 * `renames` (from shortenImports): the glue's own functions under their short names, and the
 * imports wasm-bindgen takes straight from a snippet module as properties of that module.
 */
export function rewriteGlue(js, renames) {
  const start = js.indexOf('\nfunction __wbg_get_imports() {\n');
  const end = js.indexOf('\n}\n', start);
  if (start < 0 || end < 0) throw new Error('wasm-imports: the glue has no __wbg_get_imports()');
  const fn = js.slice(start, end + 3);
  // It ends by returning the import object: each module name with the object that provides it.
  const returned = /\n {4}return \{\n {8}__proto__: null,\n((?: {8}"[^"\n]+": \w+,\n)+) {4}\};\n\}\n$/.exec(fn);
  if (!returned) throw new Error('wasm-imports: __wbg_get_imports() does not end with the expected object');
  const modules = new Map([...returned[1].matchAll(/ {8}"([^"\n]+)": (\w+),\n/g)].map((m) => [m[1], m[2]]));
  // It starts with the object of the glue's own functions, one key per line.
  const body = fn.slice(0, returned.index);
  const own = /\n {4}const (\w+) = \{\n {8}__proto__: null,\n/.exec(body);
  if (!own || !body.endsWith('\n    };')) throw new Error('wasm-imports: __wbg_get_imports() does not build an import object first');
  const ownName = own[1];

  const wanted = new Map();
  const fromSnippets = [];
  for (const { module, name: field, short } of renames) {
    const binding = modules.get(module);
    if (!binding) throw new Error(`wasm-imports: the glue provides no module ${module}`);
    if (binding === ownName) wanted.set(field, short);
    else fromSnippets.push(`        ${short}: ${binding}.${field},\n`);
  }
  const renamed = new Set();
  const keys = body.replace(/\n {8}([\w$]+): /g, (line, key) => {
    if (key === '__proto__') return line;
    const short = wanted.get(key);
    if (!short) throw new Error(`wasm-imports: the glue provides ${key}, which the wasm does not import`);
    if (renamed.has(key)) throw new Error(`wasm-imports: the glue provides ${key} twice`);
    renamed.add(key);
    return `\n        ${short}: `;
  });
  const missing = [...wanted.keys()].filter((key) => !renamed.has(key));
  if (missing.length) throw new Error(`wasm-imports: the glue does not provide ${missing.join(', ')}`);
  // One object literal, the glue's own with the snippets' functions added. (Spread into another
  // literal with `__proto__: null`, terser folds it into a literal with two `__proto__` fields: a
  // SyntaxError in webpack's production build.)
  const rewritten = `${keys.slice(0, -'    };'.length)}${fromSnippets.join('')}    };\n` +
    `    return { __proto__: null, ${IMPORT_MODULE}: ${ownName} };\n}\n`;
  return js.slice(0, start) + rewritten + js.slice(end + 3);
}
