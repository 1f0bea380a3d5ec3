// How the demo page writes dates, durations and activity kinds for people.
import { h } from './dom.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * A `<time>` in the reader's locale and time zone (date and time kept whole when the line
 * wraps), with the API's ISO value as its machine value and tooltip.
 */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return h('time', { datetime: iso, title: iso }, iso);
  return h(
    'time',
    { datetime: iso, title: iso },
    h('span', {}, dateFormat.format(date)),
    ', ',
    h('span', {}, timeFormat.format(date)),
  );
}

/** A wall-clock time with seconds ("10:32:05 AM"), for "loaded at …". */
export function clockTime(date) {
  return clockFormat.format(date);
}

/** "20 s", with a no-break space so the unit never wraps onto a line of its own. */
export function seconds(n) {
  return `${n}\u00a0s`;
}

/**
 * An activity kind as words: system kinds come as PascalCase identifiers (`PaymentReceived`
 * → "Payment received", `SMSSent` → "SMS sent"); anything else is shown as it came.
 */
export function kindLabel(kind) {
  const text = String(kind);
  const words = text.match(/[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+/g);
  if (!words || words.join('') !== text) return text;
  return words
    .map((word, i) => (i === 0 || (word.length > 1 && word === word.toUpperCase()) ? word : word.toLowerCase()))
    .join(' ');
}
