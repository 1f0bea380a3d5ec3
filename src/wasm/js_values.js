// Reading JS values into Rust and building plain JS objects, for the Rust shell
// (src/wasm/js_values.rs), in one call each, where doing it field by field across the wasm
// boundary would cost more than the work itself. It classifies and copies; every decision is
// made in Rust.

// Kinds of value (codes::ValueKind in src/codes.rs, which checks these numbers).
const ABSENT = 0; // undefined
const NULL = 1;
const STRING = 2; // copied into the scratch buffer as UTF-8
const OTHER = 3;
const UNREADABLE = 4; // a getter or proxy trap threw
const LONG_STRING = 5; // a string too long for the scratch buffer: Rust fetches it itself

const encoder = new TextEncoder();
const decoder = new TextDecoder();
let bytes = null;
let words = null;

/** Views of the wasm memory, made again after it grows (the old buffer is then detached). */
function views(memory) {
  if (bytes === null || bytes.byteLength === 0) {
    bytes = new Uint8Array(memory.buffer);
    words = new Uint32Array(memory.buffer);
  }
}

/** The UTF-8 string at [ptr, ptr + len) of the wasm memory. */
function readString(memory, ptr, len) {
  views(memory);
  return decoder.decode(bytes.subarray(ptr, ptr + len));
}

/**
 * Writes `text` as UTF-8 at [at, end) of the wasm memory: the bytes written, or -1 when it does
 * not fit. Strings of up to 64 UTF-16 units are encoded by this loop; longer ones by
 * TextEncoder.encodeInto, whose fixed cost (small in Node, large in Chromium) then pays off.
 * Like TextEncoder, a lone surrogate becomes U+FFFD.
 */
function copyString(text, at, end) {
  const n = text.length;
  if (n > end - at) return -1; // UTF-8 never takes fewer bytes than UTF-16 units
  if (n > 64) {
    const { read, written } = encoder.encodeInto(text, bytes.subarray(at, end));
    return read === n ? written : -1;
  }
  let p = at;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (p >= end) return -1;
      bytes[p++] = c;
    } else if (c < 0x800) {
      if (p + 2 > end) return -1;
      bytes[p++] = 0xc0 | (c >> 6);
      bytes[p++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          if (p + 4 > end) return -1;
          bytes[p++] = 0xf0 | (c >> 18);
          bytes[p++] = 0x80 | ((c >> 12) & 0x3f);
          bytes[p++] = 0x80 | ((c >> 6) & 0x3f);
          bytes[p++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      if (p + 3 > end) return -1;
      bytes[p++] = 0xe0 | (c >> 12);
      bytes[p++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p - at;
}

function kindOf(value) {
  if (value === undefined) return ABSENT;
  if (value === null) return NULL;
  return typeof value === 'string' ? STRING : OTHER;
}

/** Whether `value` is an object and not an array (a revoked proxy is neither). */
export function isRecord(value) {
  if (value === null || typeof value !== 'object') return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Reads the properties `keys` of `input` into `values` and returns their kinds, packed three
 * bits each, or -1 when `input` is not a plain object. Strings are also copied into the scratch
 * buffer [buf, buf + cap) of the wasm `memory`, with each one's offset and length written as
 * two u32s at `meta` + 8 × its index.
 */
export function readFields(input, keys, values, memory, buf, cap, meta) {
  if (!isRecord(input)) return -1;
  let at = buf;
  let kinds = 0;
  for (let i = 0; i < keys.length; i++) {
    let value;
    let kind;
    try {
      value = input[keys[i]];
      kind = kindOf(value);
    } catch {
      value = undefined;
      kind = UNREADABLE;
    }
    if (kind === STRING) {
      views(memory); // again: a getter may have grown the memory
      const written = copyString(value, at, buf + cap);
      if (written < 0) {
        kind = LONG_STRING;
      } else {
        views(memory);
        words[(meta >>> 2) + 2 * i] = at - buf;
        words[(meta >>> 2) + 2 * i + 1] = written;
        at += written;
      }
    }
    values[i] = value;
    kinds |= kind << (3 * i);
  }
  return kinds;
}

/**
 * For `validateField(field, value)`: the index of `field` among `keys` shifted left by three,
 * plus the kind of `value` (a string copied as `readFields` copies them, in slot 0 of `meta`);
 * or -1 when `field` is not one of the keys.
 */
export function readNamed(keys, field, value, memory, buf, cap, meta) {
  const index = keys.indexOf(field);
  if (index < 0) return -1;
  let kind = kindOf(value);
  if (kind === STRING) {
    views(memory);
    const written = copyString(value, buf, buf + cap);
    if (written < 0) {
      kind = LONG_STRING;
    } else {
      words[meta >>> 2] = 0;
      words[(meta >>> 2) + 1] = written;
    }
  }
  return (index << 3) | kind;
}

/**
 * The distinct unpaired UTF-16 surrogates of `value`, in order of appearance, or null when it is
 * not a string or has none. Asked before a string crosses into wasm, whose UTF-8 conversion
 * would replace each with U+FFFD. (In a `u` regex a surrogate pair is one code point, so
 * `[\uD800-\uDFFF]` matches only unpaired ones; `isWellFormed` is the fast answer where present.)
 */
export function unpairedSurrogates(value) {
  if (typeof value !== 'string' || (typeof value.isWellFormed === 'function' && value.isWellFormed())) return null;
  const lone = value.match(/[\uD800-\uDFFF]/gu);
  return lone && [...new Set(lone)];
}

/** A new plain object of the `keys` whose bit is set in `mask`, with their `values`. */
export function pick(keys, values, mask) {
  const value = {};
  for (let i = 0; i < keys.length; i++) {
    if (mask & (1 << i)) value[keys[i]] = values[i];
  }
  return value;
}

/** The characters (code points) of the UTF-8 text at [ptr, ptr + len) of the wasm `memory`. */
export function characters(memory, ptr, len) {
  return Array.from(readString(memory, ptr, len));
}

/** `{ valid: true, value, issues: [] }`, with `value` as `pick` makes it. */
export function validResult(keys, values, mask) {
  return { valid: true, value: pick(keys, values, mask), issues: [] };
}

export function invalidResult(issues) {
  return { valid: false, issues };
}

/**
 * An issue object: `field`, `code`, `message`, then up to two parameters. Array parameters are
 * copied, so each issue owns its arrays.
 */
export function issue(field, code, message, key1, value1, key2, value2) {
  const out = { field, code, message };
  if (key1 !== undefined) out[key1] = Array.isArray(value1) ? value1.slice() : value1;
  if (key2 !== undefined) out[key2] = value2;
  return out;
}
