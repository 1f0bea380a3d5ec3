// Short names on the boundary between the package's wasm and its glue.
//
// wasm-bindgen names every import after the JS it calls plus a 16-digit hash
// (`__wbg_bodyKind_a954c40e176f8f00`), under the module name of the file it comes from, and its
// exports after the Rust items (`activitylogclient_create`,
// `wasm_bindgen__convert__closures_____invoke__h0ab517ac90e61e9f`). Each name is spelt twice, in
// the .wasm and in the glue, and hashes do not compress. Here every import moves into one module,
// `a`, and every import and export (but `memory`) gets a name of one or two letters; the glue's
// import object (`__wbg_get_imports()`) and its uses of the exports (`wasm.name`) are rewritten to
// match, and so is the type of the exports that `init()` and `initSync()` of the `/web` entry
// return (InitOutput in the .d.ts). Those raw exports were never the package's API (the names of
// some change with every build); `memory` keeps its name.
//
// Only names change: the functions, their order and their signatures are as wasm-bindgen wrote
// them. The rewrites check their assumptions about wasm-bindgen's output and throw when one
// fails, so a wasm-bindgen upgrade that changes the glue's shape stops the build instead of
// producing a package whose instantiation fails.

/** The one import module of the rewritten wasm. */
export const IMPORT_MODULE = 'a';

/**
 * Exports that keep their names: the memory, for whoever measures it, and the validation exports
 * src/wasm/validation.rs hands to validation.js by name (it calls them directly, not through
 * the glue).
 */
export const KEPT_EXPORTS = ['memory', 'skimmer_check_input', 'skimmer_check_field', 'skimmer_reserve'];

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
    if (byte === undefined) throw new Error('wasm-names: truncated LEB128');
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
    case 0:
      return readLeb(bytes, at).at; // function: type index
    case 1:
      return limits(at + 1); // table: reference type, limits
    case 2:
      return limits(at); // memory: limits
    case 3: // global: a one-byte value type (number, vector, funcref, externref), mutability
      if (![0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f].includes(bytes[at])) {
        throw new Error(`wasm-names: global import of value type ${bytes[at]} is not handled`);
      }
      return at + 2;
    default:
      throw new Error(`wasm-names: import kind ${kind} is not handled`);
  }
}

/**
 * `wasm` (bytes) with every import renamed into module `a` under a short name, and every export
 * but KEPT_EXPORTS under a short name. `imports` lists each import's module and name as
 * wasm-bindgen wrote them with its new name; `exports` each renamed export's name and new name.
 */
export function shortenNames(wasm) {
  const bytes = new Uint8Array(wasm);
  if (decoder.decode(bytes.subarray(0, 4)) !== '\0asm') throw new Error('wasm-names: not a wasm module');
  const parts = [bytes.subarray(0, 8)];
  const imports = [];
  const exports = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const size = readLeb(bytes, at + 1);
    const end = size.at + size.value;
    const rewrite = { 2: importSection, 7: exportSection }[id];
    if (rewrite) {
      const body = rewrite(bytes, size.at, end, id === 2 ? imports : exports);
      parts.push(Uint8Array.of(id, ...leb(body.length), ...body));
    } else {
      parts.push(bytes.subarray(at, end));
    }
    at = end;
  }
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return { wasm: out, imports, exports };
}

/** A string of the wasm at `p`: its text and where it ends. */
function readName(bytes, p) {
  const length = readLeb(bytes, p);
  return { text: decoder.decode(bytes.subarray(length.at, length.at + length.value)), at: length.at + length.value };
}

/** The import section's body from `start` to `end`, renamed; each rename is pushed to `renames`. */
function importSection(bytes, start, end, renames) {
  const count = readLeb(bytes, start);
  let p = count.at;
  const body = [...leb(count.value)];
  const shortNames = new Map();
  for (let i = 0; i < count.value; i++) {
    const module = readName(bytes, p);
    const field = readName(bytes, module.at);
    p = field.at;
    const descriptor = bytes.subarray(p, descriptorEnd(bytes, p));
    p += descriptor.length;
    // The same function imported twice keeps one name.
    const key = JSON.stringify([module.text, field.text]);
    let short = shortNames.get(key);
    if (short === undefined) {
      short = shortName(shortNames.size);
      shortNames.set(key, short);
      renames.push({ module: module.text, name: field.text, short });
    }
    body.push(...name(IMPORT_MODULE), ...name(short), ...descriptor);
  }
  if (p !== end) throw new Error('wasm-names: the import section has bytes past its imports');
  return body;
}

/** The export section's body from `start` to `end`, renamed; each rename is pushed to `renames`. */
function exportSection(bytes, start, end, renames) {
  const count = readLeb(bytes, start);
  let p = count.at;
  const body = [...leb(count.value)];
  for (let i = 0; i < count.value; i++) {
    const exported = readName(bytes, p);
    const index = readLeb(bytes, exported.at + 1); // after the kind byte
    const descriptor = bytes.subarray(exported.at, index.at);
    p = index.at;
    let short = exported.text;
    if (!KEPT_EXPORTS.includes(exported.text)) {
      short = shortName(renames.length);
      renames.push({ name: exported.text, short });
    }
    body.push(...name(short), ...descriptor);
  }
  if (p !== end) throw new Error('wasm-names: the export section has bytes past its exports');
  return body;
}

/**
 * The glue `js` (wasm-bindgen's, ES module or CommonJS) rewritten for `names` (from
 * shortenNames): its import object gives its own functions under their short names, and the
 * imports wasm-bindgen takes straight from a snippet module as properties of that module; its
 * uses of the exports (`wasm.name`) use the short names.
 */
export function rewriteGlue(js, { imports, exports }) {
  return rewriteExports(rewriteImports(js, imports), exports);
}

function rewriteImports(js, renames) {
  const start = js.indexOf('\nfunction __wbg_get_imports() {\n');
  const end = js.indexOf('\n}\n', start);
  if (start < 0 || end < 0) throw new Error('wasm-names: the glue has no __wbg_get_imports()');
  const fn = js.slice(start, end + 3);
  // It ends by returning the import object: each module name with the object that provides it.
  const returned = /\n {4}return \{\n {8}__proto__: null,\n((?: {8}"[^"\n]+": \w+,\n)+) {4}\};\n\}\n$/.exec(fn);
  if (!returned) throw new Error('wasm-names: __wbg_get_imports() does not end with the expected object');
  const modules = new Map([...returned[1].matchAll(/ {8}"([^"\n]+)": (\w+),\n/g)].map((m) => [m[1], m[2]]));
  // It starts with the object of the glue's own functions, one key per line.
  const body = fn.slice(0, returned.index);
  const own = /\n {4}const (\w+) = \{\n {8}__proto__: null,\n/.exec(body);
  if (!own || !body.endsWith('\n    };'))
    throw new Error('wasm-names: __wbg_get_imports() does not build an import object first');
  const ownName = own[1];

  const wanted = new Map();
  const fromSnippets = [];
  for (const { module, name: field, short } of renames) {
    const binding = modules.get(module);
    if (!binding) throw new Error(`wasm-names: the glue provides no module ${module}`);
    if (binding === ownName) wanted.set(field, short);
    else fromSnippets.push(`        ${short}: ${binding}.${field},\n`);
  }
  const renamed = new Set();
  const keys = body.replace(/\n {8}([\w$]+): /g, (line, key) => {
    if (key === '__proto__') return line;
    const short = wanted.get(key);
    if (!short) throw new Error(`wasm-names: the glue provides ${key}, which the wasm does not import`);
    if (renamed.has(key)) throw new Error(`wasm-names: the glue provides ${key} twice`);
    renamed.add(key);
    return `\n        ${short}: `;
  });
  const missing = [...wanted.keys()].filter((key) => !renamed.has(key));
  if (missing.length) throw new Error(`wasm-names: the glue does not provide ${missing.join(', ')}`);
  // One object literal, the glue's own with the snippets' functions added. (Spread into another
  // literal with `__proto__: null`, terser folds it into a literal with two `__proto__` fields: a
  // SyntaxError in webpack's production build.)
  const rewritten =
    `${keys.slice(0, -'    };'.length)}${fromSnippets.join('')}    };\n` +
    `    return { __proto__: null, ${IMPORT_MODULE}: ${ownName} };\n}\n`;
  return js.slice(0, start) + rewritten + js.slice(end + 3);
}

/** `js` with every `wasm.name` of a renamed export replaced; no other export may be used. */
function rewriteExports(js, renames) {
  const short = new Map(renames.map((r) => [r.name, r.short]));
  const shorts = new Set(short.values());
  return js.replace(/\bwasm\.([\w$]+)/g, (use, exported) => {
    if (short.has(exported)) return `wasm.${short.get(exported)}`;
    if (KEPT_EXPORTS.includes(exported)) return use;
    // A short name already there means the glue was rewritten twice.
    throw new Error(
      `wasm-names: the glue uses wasm.${exported}, which the wasm does not export${shorts.has(exported) ? ' (rewritten twice?)' : ''}`,
    );
  });
}

/**
 * The glue's types `dts` with the keys of InitOutput, the type of the exports `init()` and
 * `initSync()` return, renamed for `names` (from shortenNames).
 */
export function rewriteTypes(dts, { exports }) {
  const interfaceAt = /^export interface InitOutput \{\n((?: {4}readonly [\w$]+: [^\n]+\n)+)\}\n/m.exec(dts);
  if (!interfaceAt) throw new Error('wasm-names: the .d.ts has no InitOutput interface of readonly members');
  const short = new Map(exports.map((r) => [r.name, r.short]));
  const seen = new Set();
  const members = interfaceAt[1].replace(/^( {4}readonly )([\w$]+):/gm, (line, start, member) => {
    if (KEPT_EXPORTS.includes(member)) return line;
    if (!short.has(member)) throw new Error(`wasm-names: InitOutput has ${member}, which the wasm does not export`);
    seen.add(member);
    return `${start}${short.get(member)}:`;
  });
  // (wasm-bindgen leaves a few exports out of InitOutput, e.g. __abort_handler.)
  if (!seen.size) throw new Error('wasm-names: InitOutput names none of the exports');
  return (
    dts.slice(0, interfaceAt.index) +
    `export interface InitOutput {\n${members}}\n` +
    dts.slice(interfaceAt.index + interfaceAt[0].length)
  );
}
