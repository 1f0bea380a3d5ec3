// The inputs the validation benchmark times: one input per class (what a form, an import or an
// API client meets), and workloads that mix them in given proportions. Plain data, loaded both by
// Node and by the benchmark page in Chromium.

const x60 = 'Pump check - filter clean - chlorine 3 ppm - gate code 4412 -'.slice(0, 60);
const d300 = 'Customer called about the variable-speed pump. '.repeat(7).slice(0, 300);

/**
 * One input per class: `valid` says what the package's rules (docs/contract.md §4) answer, and `codes` the
 * issue codes they give, by field (checked before any timing, against all three validators).
 */
export const CLASSES = [
  { name: 'valid, short', valid: true, input: { type: 'Call', title: 'Called about the pump' } },
  {
    name: 'valid, every field',
    valid: true,
    input: {
      type: 'Email',
      title: 'Sent the 2026 quote - pump',
      description: 'Quote for the new pump, sent by email',
      authorId: 'u-1042',
      authorName: 'Ana Silva',
    },
  },
  {
    name: 'valid, long (60-unit title, 300-unit description)',
    valid: true,
    input: { type: 'Other', title: x60, description: d300 },
  },
  {
    name: 'valid, non-ASCII text',
    valid: true,
    input: {
      type: 'Text',
      title: 'Gate code 4412',
      description: 'Café closed; 🏊 pool clear — 水 ok',
      authorName: 'Zoë Núñez',
    },
  },
  { name: 'required (empty title)', valid: false, input: { type: 'Call', title: '' }, codes: { title: ['required'] } },
  {
    name: 'too_long (61-unit title)',
    valid: false,
    input: { type: 'Call', title: `${x60}x` },
    codes: { title: ['too_long'] },
  },
  {
    name: 'too_long (301-unit description)',
    valid: false,
    input: { type: 'Call', title: 'Fine', description: `${d300}!` },
    codes: { description: ['too_long'] },
  },
  {
    name: 'invalid_characters',
    valid: false,
    input: { type: 'Call', title: 'Pool_party!' },
    codes: { title: ['invalid_characters'] },
  },
  {
    name: 'invalid_characters, non-ASCII',
    valid: false,
    input: { type: 'Call', title: 'Café visit' },
    codes: { title: ['invalid_characters'] },
  },
  {
    name: 'invalid_option',
    valid: false,
    input: { type: 'Fax', title: 'Wrong type' },
    codes: { type: ['invalid_option'] },
  },
  {
    name: 'invalid_type',
    valid: false,
    input: { type: 'Call', title: 'Fine', authorId: 42 },
    codes: { authorId: ['invalid_type'] },
  },
  { name: 'not an object (null)', valid: false, input: null, codes: { input: ['invalid_type'] } },
];

/**
 * A workload of `size` inputs of which `invalidShare` (0 to 1) are invalid, spread evenly; the
 * valid ones cycle through the valid classes and the invalid ones through the invalid classes.
 */
export function mix(invalidShare, size = 60) {
  const valid = CLASSES.filter((c) => c.valid).map((c) => c.input);
  const invalid = CLASSES.filter((c) => !c.valid).map((c) => c.input);
  const items = [];
  let bad = 0;
  for (let i = 0; i < size; i++) {
    // Invalid when the running share falls behind the target: an even spread.
    if (bad < Math.round((i + 1) * invalidShare)) items.push(invalid[bad++ % invalid.length]);
    else items.push(valid[(i - bad) % valid.length]);
  }
  return items;
}

/** The mixes timed: name → invalid share. */
export const MIXES = [
  ['mix, 0% invalid', 0],
  ['mix, 10% invalid', 0.1],
  ['mix, 50% invalid', 0.5],
  ['mix, 90% invalid', 0.9],
  ['mix, 100% invalid', 1],
];

/**
 * Edge inputs checked for agreement but not timed. (Not arrays: valibot's `object` takes an array
 * for an object, where the package and zod say `invalid_type`; no timed input is an array.)
 */
export const EDGES = [
  {},
  { title: 'No type' },
  { type: 'Call', title: null },
  { type: 'Call', title: '   ' },
  { type: 'Call', title: `${'x'.repeat(61)}_` },
  { type: 'Call', title: 'Fine', description: 42 },
  { type: 'Call', title: 5 },
  'a string',
  42,
  { type: 'Call', title: 'Fine', extra: true },
  { type: 'Text', title: 'Fine', description: null, authorId: null, authorName: null },
];

/** A title typed one character at a time: the inputs of validateField per keystroke. */
export const TYPED_TITLE = 'Called about the new pump - 2026 Invoice 123 follow up';
