// `validateActivity` and `validateField` for the Rust shell (src/wasm/validation.rs), as JS
// functions, so that a call crosses into wasm at most once, with integers only: they read the
// input, copy the strings whose text the rules read into a scratch buffer in wasm memory, call
// the core's rules through a wasm export, and build the result from what it wrote back. Which
// fields' text the rules read, whether the input is valid, and every issue (its field, code,
// parameters and message) come from Rust.
//
// One shortcut: `surelyValid` answers "valid" without crossing for input that the rules'
// exported facts alone show valid (the type one of ACTIVITY_TYPES, the title matching
// TITLE_PATTERN, the description at most DESCRIPTION_MAX_LENGTH units, the authors strings).
// Only that "yes" is trusted; anything else goes to the rules. Why, and why it cannot disagree
// with them: README.md, "Design decisions"; tests/node/validation-shortcut.test.mjs holds it.

// Kinds of value (codes::ValueKind in src/codes.rs, which checks these numbers).
const ABSENT = 0; // undefined
const NULL = 1;
const STRING = 2; // text copied into the scratch buffer as UTF-8
const OTHER = 3;
const UNREADABLE = 4; // a getter or proxy trap threw
const LENGTH = 5; // a string given by its length in UTF-16 units: its rule reads no text
const LISTED = 6; // a `type` that is one of ACTIVITY_TYPES, given by its index there (no copy)
// The kinds word for an input that is not a plain object (codes::NOT_AN_OBJECT).
const NOT_AN_OBJECT = -1;
// Slots of the `meta` words after the fields' offset and length pairs (codes::MetaSlot).
const BYTES_AT = 10; // where the scratch buffer starts
const BYTES_CAP = 11; // its size in bytes
const OUT_AT = 12; // where the rules' answer starts
// Issue codes, by their index (IssueDetail::CODES).
const TOO_LONG = 1;
const INVALID_CHARACTERS = 2;
const INVALID_OPTION = 3;
const INVALID_TYPE = 4;
// Words per issue in the answer (codes::ISSUE_WORDS), and the mark of a parameter given as text.
const ISSUE_WORDS = 6;
const AS_TEXT = 4294967295;

const decoder = new TextDecoder();
const encoder = new TextEncoder();
// What a read that threw leaves in place of a value (never a value a caller can pass).
const THREW = {};

// The input fields, in the order of the rules (validate::INPUT_FIELD_NAMES: src/codes.rs checks
// this list is the same). Named here so that each is read and written as a property name.
const KEYS = ['type', 'title', 'description', 'authorId', 'authorName'];

// Set once by `validators` (below).
let memory = null;
let bytes = null;
let words = null;
let checkInputExport = null;
let checkFieldExport = null;
let reserveExport = null;
let meta = 0; // index of the first meta word in `words`
let readsText = 0; // bit i: the rule of KEYS[i] reads its text
let fieldNames = null; // every issue field's name, by Field index
let codeNames = null;
let optionLists = null;
let expectedNames = null;
// The rules' exported facts the shortcut uses: ACTIVITY_TYPES, TITLE_PATTERN in the form with
// `+` for its bound (TITLE_PATTERN_UNBOUNDED in src/validate.rs: the same titles once the length
// is checked apart, and about half the time of the counted `{1,60}` on a long title), anchored
// as an <input pattern> is, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH.
let types = null;
let titleShape = null;
let titlePattern = '';
let titleMax = -1;
let descriptionMax = -1;
// Messages the rules wrote, by the slot Rust keeps them in (it says when a slot changes).
const messages = [];
// The five values of the call being checked (readAll).
let v0;
let v1;
let v2;
let v3;
let v4;

/** Views of the wasm memory, made again after it grows (the old buffer is then detached). */
function views() {
  if (bytes.byteLength === 0) {
    bytes = new Uint8Array(memory.buffer);
    words = new Uint32Array(memory.buffer);
  }
}

/**
 * Whether `value` is an object and not an array (a revoked proxy is neither), without throwing.
 * Also the shell's reader of option objects (src/wasm/js_values.rs).
 */
export function isRecord(value) {
  if (value === null || typeof value !== 'object') return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * The distinct unpaired UTF-16 surrogates of `value`, in order of appearance, or null when it is
 * not a string or has none: the client refuses such ids before they cross into wasm, whose UTF-8
 * conversion would replace each with U+FFFD. (In a `u` regex a surrogate pair is one code point,
 * so `[\uD800-\uDFFF]` matches only unpaired ones; `isWellFormed` is the fast answer where
 * present.)
 */
export function unpairedSurrogates(value) {
  if (typeof value !== 'string' || (typeof value.isWellFormed === 'function' && value.isWellFormed())) return null;
  const lone = value.match(/[\uD800-\uDFFF]/gu);
  return lone && [...new Set(lone)];
}

/**
 * Reads the five fields of `input` into v0 … v4, a getter or trap that throws leaving THREW.
 * Every getter runs before anything else is done: one that validates again finds all as it was.
 */
function readAll(input) {
  let a;
  let b;
  let c;
  let d;
  let e;
  try {
    a = input.type;
  } catch {
    a = THREW;
  }
  try {
    b = input.title;
  } catch {
    b = THREW;
  }
  try {
    c = input.description;
  } catch {
    c = THREW;
  }
  try {
    d = input.authorId;
  } catch {
    d = THREW;
  }
  try {
    e = input.authorName;
  } catch {
    e = THREW;
  }
  v0 = a;
  v1 = b;
  v2 = c;
  v3 = d;
  v4 = e;
}

/** Lets go of the values of the call just checked. */
function forget() {
  v0 = undefined;
  v1 = undefined;
  v2 = undefined;
  v3 = undefined;
  v4 = undefined;
}

/** The cleaned value: the fields that are strings (null and undefined are left out). */
function cleaned() {
  const value = {};
  if (typeof v0 === 'string') value.type = v0;
  if (typeof v1 === 'string') value.title = v1;
  if (typeof v2 === 'string') value.description = v2;
  if (typeof v3 === 'string') value.authorId = v3;
  if (typeof v4 === 'string') value.authorName = v4;
  return value;
}

/**
 * Whether the rules certainly find nothing wrong with one field's value (field `index` of
 * KEYS): `type` one of ACTIVITY_TYPES; `title` a string of at most TITLE_MAX_LENGTH units that
 * TITLE_PATTERN matches (it accepts exactly the titles the title rules accept, none longer; the
 * unbounded form is run, after the length);
 * `description` absent, null or a string of at most DESCRIPTION_MAX_LENGTH UTF-16 units; an
 * author absent, null or a string. False means "ask the rules", not "invalid".
 */
function surelyValid(index, value) {
  switch (index) {
    case 0:
      return typeof value === 'string' && types.includes(value);
    case 1:
      return typeof value === 'string' && value.length <= titleMax && titleShape.test(value);
    case 2:
      return value == null || (typeof value === 'string' && value.length <= descriptionMax);
    default:
      return value == null || typeof value === 'string';
  }
}

/**
 * Writes `text` as UTF-8 at `at` of the wasm memory; the bytes written. The caller has made room
 * for three bytes per UTF-16 unit. Like TextEncoder, a lone surrogate becomes U+FFFD. Short
 * strings are encoded by this loop; long ones by TextEncoder.encodeInto, whose fixed cost (small
 * in Node, large in Chromium) then pays off.
 */
function put(text, at) {
  const n = text.length;
  const out = bytes;
  if (n > 256) return encoder.encodeInto(text, out.subarray(at, at + 3 * n)).written;
  let p = at;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          out[p++] = 0xf0 | (c >> 18);
          out[p++] = 0x80 | ((c >> 12) & 0x3f);
          out[p++] = 0x80 | ((c >> 6) & 0x3f);
          out[p++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p - at;
}

/** Bytes the scratch buffer needs for `value` as field `i`: three per UTF-16 unit of a text. */
function room(value, i) {
  return typeof value === 'string' && readsText & (1 << i) ? 3 * value.length : 0;
}

/** The start of a scratch buffer of at least `need` bytes (grown by Rust when it is smaller). */
function scratch(need) {
  views();
  if (need > words[meta + BYTES_CAP]) {
    reserveExport(need);
    views();
  }
  return words[meta + BYTES_AT];
}

// Where the next text goes in the scratch buffer (texts follow one another).
let textEnd = 0;

/**
 * The kind of `value` for field `i`, shifted into its place in the kinds word; a string is
 * written as the rules want it: a `type` that is one of ACTIVITY_TYPES by its index there, else
 * its text at `base + textEnd` (and its offset and length in the meta words), or its length.
 */
function kindOf(value, i, base) {
  let kind;
  if (value === undefined) {
    kind = ABSENT;
  } else if (value === null) {
    kind = NULL;
  } else if (typeof value === 'string') {
    const listed = i === 0 ? types.indexOf(value) : -1;
    if (listed >= 0) {
      words[meta + 1] = listed;
      kind = LISTED;
    } else if (readsText & (1 << i)) {
      const written = put(value, base + textEnd);
      words[meta + 2 * i] = textEnd;
      words[meta + 2 * i + 1] = written;
      textEnd += written;
      kind = STRING;
    } else {
      words[meta + 2 * i + 1] = value.length;
      kind = LENGTH;
    }
  } else {
    kind = value === THREW ? UNREADABLE : OTHER;
  }
  return kind << (3 * i);
}

/** Writes v0 … v4 for the rules: their kinds word. */
function writeValues() {
  const base = scratch(room(v0, 0) + room(v1, 1) + room(v2, 2) + room(v3, 3) + room(v4, 4));
  textEnd = 0;
  return kindOf(v0, 0, base) | kindOf(v1, 1, base) | kindOf(v2, 2, base) | kindOf(v3, 3, base) | kindOf(v4, 4, base);
}

/** The UTF-8 text at [at, at + len) of the wasm memory. */
function text(at, len) {
  return decoder.decode(bytes.subarray(at, at + len));
}

/**
 * The `count` issues the rules wrote, as plain objects: `field`, `code`, `message`, then the
 * code's parameters. Layout (src/wasm/validation.rs, `Answer`): the count, then per issue its
 * field, code, message slot and three parameter words; the messages new to this side (slot,
 * address, length); then the lists of characters and option texts parameters point into.
 */
export function issuesAt(count) {
  if (count === 0) return [];
  // Arrays of their final length, filled by index: cheaper than growing them by `push`.
  const issues = new Array(count);
  views();
  const base = (words[meta + OUT_AT] >>> 2) + 1;
  let at = base + ISSUE_WORDS * count;
  const newMessages = words[at++];
  for (let k = 0; k < newMessages; k++, at += 3) messages[words[at]] = text(words[at + 1], words[at + 2]);
  const lists = at;
  for (let k = 0, i = base; k < count; k++, i += ISSUE_WORDS) {
    const code = words[i + 1];
    const issue = { field: fieldNames[words[i]], code: codeNames[code], message: messages[words[i + 2]] };
    const a = words[i + 3];
    const b = words[i + 4];
    const c = words[i + 5];
    if (code === TOO_LONG) {
      issue.max = a;
      issue.actual = b;
    } else if (code === INVALID_CHARACTERS) {
      const characters = new Array(b);
      for (let n = 0; n < b; n++) characters[n] = String.fromCodePoint(words[lists + a + n]);
      issue.characters = characters;
    } else if (code === INVALID_OPTION) {
      let options = optionLists[a];
      if (a === AS_TEXT) {
        options = [];
        for (let n = 0; n < c; n++) options.push(text(words[lists + b + 2 * n], words[lists + b + 2 * n + 1]));
      }
      issue.options = options.slice();
    } else if (code === INVALID_TYPE) {
      issue.expected = a === AS_TEXT ? text(b, c) : expectedNames[a];
    }
    issues[k] = issue;
  }
  return issues;
}

// The rules' issues with input that holds no string (no object at all, or every field absent,
// null, of another type or unreadable), by kinds word: the rules see nothing else of such input,
// so they are asked once per kinds word (there are at most 4^5 + 1) and each call gets copies.
const remembered = new Map();

/** The issues of input holding no string, whose kinds word is `kinds`: fresh copies. */
function issuesOfKinds(kinds) {
  let issues = remembered.get(kinds);
  if (issues === undefined) {
    issues = issuesAt(checkInputExport(kinds));
    remembered.set(kinds, issues);
  }
  const copies = [];
  for (let i = 0; i < issues.length; i++) copies.push({ ...issues[i] });
  return copies;
}

/** Checks an activity input; see the doc comment of validateActivity in validation.d.ts. */
function validateActivity(input) {
  let issues;
  if (!isRecord(input)) {
    issues = issuesOfKinds(NOT_AN_OBJECT);
  } else {
    readAll(input);
    if (surelyValid(0, v0) && surelyValid(1, v1) && surelyValid(2, v2) && surelyValid(3, v3) && surelyValid(4, v4)) {
      issues = [];
    } else {
      const kinds = writeValues();
      const strings =
        typeof v0 === 'string' ||
        typeof v1 === 'string' ||
        typeof v2 === 'string' ||
        typeof v3 === 'string' ||
        typeof v4 === 'string';
      issues = strings ? issuesAt(checkInputExport(kinds)) : issuesOfKinds(kinds);
    }
  }
  const result = issues.length === 0 ? { valid: true, value: cleaned(), issues } : { valid: false, issues };
  forget();
  return result;
}

/** Checks one field's value; see the doc comment of validateField in validation.d.ts. */
function validateField(field, value) {
  const index = KEYS.indexOf(field);
  if (index < 0) return issuesAt(checkFieldExport(NOT_AN_OBJECT));
  if (surelyValid(index, value)) return [];
  const base = scratch(room(value, index));
  textEnd = 0;
  return issuesAt(checkFieldExport((index << 3) | (kindOf(value, index, base) >>> (3 * index))));
}

/**
 * For the client's `create` and `update`: reads the five fields of `input` into `out` (an array)
 * and writes their strings for the rules, as validateActivity does: the kinds word, or
 * NOT_AN_OBJECT.
 */
export function readFields(input, out) {
  if (!isRecord(input)) return NOT_AN_OBJECT;
  readAll(input);
  out.push(v0, v1, v2, v3, v4);
  const kinds = writeValues();
  forget();
  return kinds;
}

/**
 * The rules' form constants, as `validators` was given them. For the package build only
 * (tools/build-pkg.mjs), which writes them into the package as literals: the bundle the package
 * ships leaves this function out, as nothing in it calls it.
 */
export function formConstants() {
  return {
    TITLE_MAX_LENGTH: titleMax,
    DESCRIPTION_MAX_LENGTH: descriptionMax,
    TITLE_PATTERN: titlePattern,
    ACTIVITY_TYPES: types,
  };
}

/**
 * Called once by the Rust shell: the wasm exports that run the rules, where the scratch words
 * are, which fields' text the rules read, the names results use, and the rules' facts the
 * shortcut uses. Returns the two validation functions the package exports.
 */
export function validators(
  wasmMemory,
  checkInput,
  checkField,
  reserve,
  metaAt,
  textMask,
  fields,
  codes,
  lists,
  expected,
  activityTypes,
  pattern,
  unboundedPattern,
  maxTitle,
  maxDescription,
) {
  memory = wasmMemory;
  bytes = new Uint8Array(memory.buffer);
  words = new Uint32Array(memory.buffer);
  checkInputExport = checkInput;
  checkFieldExport = checkField;
  reserveExport = reserve;
  meta = metaAt >>> 2;
  readsText = textMask;
  fieldNames = fields;
  codeNames = codes;
  optionLists = lists;
  expectedNames = expected;
  types = activityTypes;
  titlePattern = pattern;
  titleShape = new RegExp(`^(?:${unboundedPattern})$`);
  titleMax = maxTitle;
  descriptionMax = maxDescription;
  return { validateActivity, validateField };
}
