// A fixed sample of titles for checking TITLE_PATTERN against validateField('title', …): the
// edges of the rules (lengths 59/60/61, blank, every allowed character class) and the characters
// that trip patterns (non-ASCII letters, emoji, tabs, NBSP and other spaces, dashes, underscores,
// line breaks, the Kelvin sign, fullwidth digits, zero-width and format characters).
const ODD = [
  'é',
  'ß',
  'Ж',
  '中',
  'İ',
  'K',
  'ſ',
  '０',
  '😀',
  '🏊',
  '\t',
  '\u00A0',
  '\u2003',
  '\u3000',
  '\u200B',
  '\uFEFF',
  '–',
  '—',
  '‐',
  '_',
  '.',
  ',',
  "'",
  '/',
  '\\',
  '"',
  '\n',
  '\r',
  '^',
  '$',
  '[',
  ']',
  '(',
  ')',
  '|',
  '*',
  '+',
  '?',
  '{',
  '}',
];
const FILLS = ['a', 'Z', '7', '-', ' ', 'Ab1- '];

function fill(pattern, length) {
  return pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);
}

export function titleSamples() {
  const samples = new Set([
    '',
    ' ',
    '  ',
    '-',
    '--',
    'a',
    'Z',
    '0',
    'Call back',
    'Pump-repair 2',
    ' leading',
    'trailing ',
    'Invoice 123 sent',
    'a-b-c',
    '\t',
    '\u00A0',
    ' \u00A0 ',
    'Ω',
    'Hello, world',
    "O'Brien",
  ]);
  for (const length of [1, 2, 30, 59, 60, 61, 62, 100]) {
    for (const f of FILLS) samples.add(fill(f, length));
  }
  for (const odd of ODD) {
    for (const length of [5, 59, 60]) {
      const base = fill('Ab1- ', length);
      samples.add(odd + base.slice(1));
      samples.add(base.slice(0, length >> 1) + odd + base.slice((length >> 1) + 1));
      samples.add(base.slice(0, -1) + odd);
    }
    samples.add(odd);
    samples.add(odd.repeat(3));
  }
  return [...samples];
}
