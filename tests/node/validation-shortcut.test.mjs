// validateActivity and validateField answer "valid" without asking the Rust rules when the rules'
// exported facts (ACTIVITY_TYPES, TITLE_PATTERN, the two maximum lengths) alone show an input
// valid (src/wasm/validation.js, `surelyValid`). Here that shortcut is held to the rules
// themselves: the client's `create` validates with the rules alone (no shortcut) and sends only
// what they accept, so its ValidationError, or its call to `fetch`, is the rules' verdict. Over
// the shared validation table and thousands of generated near-miss inputs, both functions agree
// with it exactly: the same verdict, the same issues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ActivityLogClient, validateActivity, validateField } from 'skimmer-activity-logs';

const table = JSON.parse(fs.readFileSync(new URL('../fixtures/validation-table.json', import.meta.url), 'utf8'));
const FIELDS = ['type', 'title', 'description', 'authorId', 'authorName'];
const SENT = new Error('sent: the rules found the input valid');

let sent = false;
const client = new ActivityLogClient({
  apiKey: 'k',
  baseUrl: 'http://127.0.0.1:9',
  retry: false,
  fetch: () => {
    sent = true;
    return Promise.reject(SENT);
  },
});

/** The rules' issues with `input` (empty: valid), as `create` finds them before sending. */
async function rulesIssues(input) {
  sent = false;
  try {
    await client.create('c1', input);
  } catch (error) {
    if (error.name === 'ValidationError') {
      assert.equal(sent, false);
      return error.issues;
    }
  }
  assert.equal(sent, true, 'create either sends or rejects with a ValidationError');
  return [];
}

/** Checks both functions against the rules on `input`; whether the rules found it valid. */
async function agree(input, name) {
  const expected = await rulesIssues(input);
  const result = validateActivity(input);
  assert.deepEqual(result.issues, expected, name);
  assert.equal(result.valid, expected.length === 0, name);
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    for (const field of FIELDS) {
      let fieldValue;
      try {
        fieldValue = input[field];
      } catch {
        continue; // a getter that throws: no value to give validateField
      }
      assert.deepEqual(
        validateField(field, fieldValue),
        expected.filter((i) => i.field === field),
        `${name}: ${field}`,
      );
    }
  }
  return result.valid;
}

test('the shortcut agrees with the rules on every row of the shared table', async () => {
  let valid = 0;
  for (const row of table) {
    if (await agree(row.input, row.name)) valid++;
  }
  assert.ok(valid >= 4, 'the table has valid rows for the shortcut to answer');
});

// A small seeded generator (mulberry32): the same inputs on every run, no dependency.
function generator(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  return { next, int, pick };
}

// Characters next to the title's alphabet: other whitespace, punctuation a pattern could let
// through, non-ASCII letters, an astral character and both halves of a surrogate pair alone.
const TITLE_CHARS = [
  'a',
  'Z',
  'm',
  '0',
  '9',
  '-',
  ' ',
  ' ',
  ' ',
  '_',
  '.',
  '$',
  '^',
  '\\',
  '\t',
  '\n',
  '\r',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '\u180e',
  'é',
  'ß',
  'İ',
  '\u0301',
  '😀',
  '\ud83d',
  '\ude00',
  '–',
  '\0',
];
const TYPES = [
  'Call',
  'Text',
  'Email',
  'Other',
  'call',
  'CALL',
  ' Call',
  'Call ',
  'Call\n',
  'Fax',
  'Othe',
  'Others',
  '',
  ' ',
  'toString',
  '__proto__',
  'constructor',
  'Call\0',
];
const OTHERS = [undefined, null, 0, 1, true, false, {}, [], ['Call'], 10n, Symbol('x'), () => 'Call'];

function title(g, near) {
  const length = near ? g.pick([0, 1, 2, 5, 30, 58, 59, 60, 60, 61, 62, 70]) : 1 + g.int(60);
  if (near && g.next() < 0.15) return ' '.repeat(length);
  let text = '';
  while (text.length < length) text += near ? g.pick(TITLE_CHARS) : g.pick(TITLE_CHARS.slice(0, 7));
  return text;
}

function description(g, near) {
  const length = near ? g.pick([0, 10, 150, 298, 299, 300, 300, 301, 302, 400]) : g.int(300);
  const chars = ['a', ' ', 'é', '😀', '\ud83d', '\ude00', '\n', '中'];
  let text = '';
  while (text.length < length) text += g.next() < 0.9 ? 'a' : g.pick(chars);
  return g.next() < 0.5 ? text.slice(0, length) : text;
}

// Each field: most often a value the rules accept, else one next to it, another kind of value,
// or a String object (not a string).
function value(g, make) {
  const r = g.next();
  if (r < 0.85) return make(g, false);
  if (r < 0.93) return make(g, true);
  if (r < 0.95) return Object(make(g, false));
  return g.pick(OTHERS);
}

function input(g) {
  const object = {};
  const fields = [
    ['type', () => value(g, (_, near) => (near ? g.pick(TYPES) : g.pick(TYPES.slice(0, 4))))],
    ['title', () => value(g, title)],
    ['description', () => value(g, description)],
    ['authorId', () => value(g, () => g.pick([null, '', 'u-1', '😀', '\ud83d', 'x'.repeat(500)]))],
    ['authorName', () => value(g, () => g.pick([null, '', 'Ana Lima', '\ude00']))],
  ];
  for (const [name, make] of fields) {
    const r = g.next();
    if (r < 0.05) continue; // absent
    if (r < 0.06) {
      Object.defineProperty(object, name, {
        enumerable: true,
        get() {
          throw new Error('getter');
        },
      });
      continue;
    }
    object[name] = make();
  }
  if (g.next() < 0.02) return g.pick([null, 'Call', 42, [object]]);
  return object;
}

test('the shortcut agrees with the rules on 3,000 generated near-miss inputs', async () => {
  const g = generator(0x5eed);
  let valid = 0;
  const count = 3000;
  for (let n = 0; n < count; n++) {
    if (await agree(input(g), `generated input ${n}`)) valid++;
  }
  // Both answers occur often: the shortcut's "yes" and the rules' issues.
  assert.ok(valid > count / 10 && valid < count - count / 10, `${valid} of ${count} valid`);
});
