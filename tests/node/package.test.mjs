// The built package in Node: it imports with no init call (through the exports map), validates,
// and exports the form constants that its .d.ts declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import {
  validateActivity,
  validateField,
  TITLE_MAX_LENGTH,
  DESCRIPTION_MAX_LENGTH,
  TITLE_PATTERN,
  ACTIVITY_TYPES,
} from 'skimmer-activity-logs';
import { titleSamples } from '../support/title-samples.mjs';

const require = createRequire(import.meta.url);
const pkgDir = require.resolve('skimmer-activity-logs/package.json').replace(/package\.json$/, '');

test('a valid input gives the cleaned value, ready to send', () => {
  const result = validateActivity({
    type: 'Call',
    title: 'Called about the pump',
    description: undefined,
    authorId: null,
    authorName: 'Ana',
    unknown: 'dropped',
  });
  assert.deepEqual(result, {
    valid: true,
    value: { type: 'Call', title: 'Called about the pump', authorName: 'Ana' },
    issues: [],
  });
  assert.deepEqual(structuredClone(result), result);
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
});

test('an invalid input lists every issue, in field order, with codes and parameters', () => {
  const result = validateActivity({ type: 'Fax', title: 'Pool_'.repeat(13), description: 7 });
  assert.equal(result.valid, false);
  assert.deepEqual(
    result.issues.map((i) => [i.field, i.code]),
    [
      ['type', 'invalid_option'],
      ['title', 'too_long'],
      ['title', 'invalid_characters'],
      ['description', 'invalid_type'],
    ],
  );
  const [option, long, chars, type] = result.issues;
  assert.deepEqual(option.options, ['Call', 'Text', 'Email', 'Other']);
  assert.deepEqual([long.max, long.actual], [60, 65]);
  assert.deepEqual(chars.characters, ['_']);
  assert.equal(type.expected, 'string');
  for (const issue of result.issues) {
    assert.equal(Object.getPrototypeOf(issue), Object.prototype, 'plain objects, not Maps');
    assert.match(issue.message, /^[A-Z].*\.$/);
  }
  assert.deepEqual(structuredClone(result), result);
});

test('validateField agrees with validateActivity for each field', () => {
  const input = { type: 'call', title: ' ', description: 'x'.repeat(301), authorId: 5, authorName: 'A' };
  const all = validateActivity(input).issues;
  for (const field of ['type', 'title', 'description', 'authorId', 'authorName']) {
    assert.deepEqual(
      validateField(field, input[field]),
      all.filter((i) => i.field === field),
      field,
    );
  }
  assert.deepEqual(
    validateField('nope', 'x').map((i) => [i.field, i.code]),
    [['input', 'invalid_option']],
  );
});

test('lengths count UTF-16 code units, as maxlength does', () => {
  assert.deepEqual(
    validateField('title', 'a'.repeat(59) + '😀').map((i) => i.code),
    ['too_long', 'invalid_characters'],
  );
  assert.equal(validateField('description', '😀'.repeat(150)).length, 0);
  assert.equal(validateField('description', '😀'.repeat(150) + 'x')[0].actual, 301);
});

test('the constants have the values the .d.ts declares', () => {
  assert.equal(TITLE_MAX_LENGTH, 60);
  assert.equal(DESCRIPTION_MAX_LENGTH, 300);
  assert.deepEqual(ACTIVITY_TYPES, ['Call', 'Text', 'Email', 'Other']);
  assert.ok(Object.isFrozen(ACTIVITY_TYPES));
  const dts = fs.readFileSync(`${pkgDir}skimmer_activity_logs.d.ts`, 'utf8');
  const declared = (name) => new RegExp(`export declare const ${name}: ([^;]+);`).exec(dts)?.[1];
  assert.equal(declared('TITLE_MAX_LENGTH'), String(TITLE_MAX_LENGTH));
  assert.equal(declared('DESCRIPTION_MAX_LENGTH'), String(DESCRIPTION_MAX_LENGTH));
  assert.equal(declared('ACTIVITY_TYPES'), `readonly [${ACTIVITY_TYPES.map((t) => `"${t}"`).join(', ')}]`);
  for (const type of ACTIVITY_TYPES) assert.deepEqual(validateField('type', type), []);
});

test('TITLE_PATTERN, compiled as browsers compile it, agrees with validateField', () => {
  const pattern = new RegExp(`^(?:${TITLE_PATTERN})$`, 'v');
  const unicode = new RegExp(`^(?:${TITLE_PATTERN})$`, 'u');
  for (const title of titleSamples()) {
    if (title === '') continue; // an empty value is the `required` attribute's business
    const valid = validateField('title', title).length === 0;
    assert.equal(pattern.test(title), valid, JSON.stringify(title));
    assert.equal(unicode.test(title), valid, JSON.stringify(title));
  }
});

test('a getter that validates again while being read does not disturb the outer call', () => {
  const input = {
    type: 'Email',
    get title() {
      const inner = validateActivity({ type: 'Call', title: 'Inner title', authorId: 'inner' });
      assert.deepEqual(inner.value, { type: 'Call', title: 'Inner title', authorId: 'inner' });
      return 'Outer title';
    },
    description: 'outer description',
  };
  assert.deepEqual(validateActivity(input), {
    valid: true,
    value: { type: 'Email', title: 'Outer title', description: 'outer description' },
    issues: [],
  });
});

test('strings longer than the scratch buffer and non-ASCII text are read exactly', () => {
  const long = 'é'.repeat(5000); // 10,000 bytes of UTF-8
  const result = validateActivity({ type: 'Other', title: 'Long', description: long, authorName: '中文 😀' });
  assert.deepEqual(
    result.issues.map((i) => [i.code, i.actual]),
    [['too_long', 5000]],
  );
  const ok = validateActivity({ type: 'Other', title: 'Fine', description: 'ü'.repeat(300), authorName: 'Zoë 😀' });
  assert.equal(ok.valid, true);
  assert.equal(ok.value.authorName, 'Zoë 😀');
  assert.deepEqual(validateField('title', 'Lone \uD800 surrogate')[0].characters, ['\uFFFD']);
});

test('text of every kind reaches the rules exactly (UTF-8 copies into wasm memory)', () => {
  // A deterministic mix of ASCII, 2-, 3- and 4-byte characters and lone surrogates, in lengths
  // on both sides of the copy's 64-unit switch between its loop and TextEncoder.
  const alphabet = ['a', 'Z', '-', ' ', 'é', 'ß', 'Ж', '中', '–', '😀', '🏊', '\uD800', '\uDFFF', '\u00A0', '\t'];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let round = 0; round < 400; round++) {
    const length = [3, 20, 63, 64, 65, 70, 200][round % 7];
    let text = '';
    while (text.length < length) text += alphabet[Math.floor(next() * alphabet.length)];
    if (/^\s*$/.test(text)) continue; // whitespace only: `required`, no characters listed
    const expectedChars = [
      ...new Set(
        Array.from(
          text.replace(/[\uD800-\uDFFF]/g, (c, i) => {
            const pair =
              /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text.slice(i - 1, i + 1)) ||
              /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text.slice(i, i + 2));
            return pair ? c : '\uFFFD';
          }),
        ).filter((c) => !/[A-Za-z0-9\- ]/.test(c)),
      ),
    ];
    const titleIssue = validateField('title', text).find((i) => i.code === 'invalid_characters');
    assert.deepEqual(titleIssue?.characters ?? [], expectedChars, JSON.stringify(text));
    const long = validateField('description', text + 'x'.repeat(301 - text.length));
    assert.equal(long[0]?.actual, 301, JSON.stringify(text));
  }
});
