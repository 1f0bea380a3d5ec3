// Small DOM and formatting helpers for the demo page. Text is always set as text, never as HTML:
// activity fields come from a server.
import { isActivityLogError } from '/pkg/index.js';

export const byId = (id) => document.getElementById(id);

/**
 * Creates an element. `props`: `class` (a string or an array, falsy parts skipped), `dataset`,
 * `on…` listeners, anything else as an attribute (skipped when null, undefined or false).
 * Children: nodes, strings, arrays of them; falsy ones are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') {
      const names = [value].flat().filter(Boolean);
      if (names.length > 0) element.className = names.join(' ');
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false && child !== ''));
  return element;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/**
 * A `<time>` in the reader's locale and time zone (date and time kept whole when the line
 * wraps), with the API's ISO value as its machine value and tooltip.
 */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return h('time', { datetime: iso, title: iso }, iso);
  return h('time', { datetime: iso, title: iso },
    h('span', {}, dateFormat.format(date)), ', ', h('span', {}, timeFormat.format(date)));
}

/**
 * The banner text of an error: a summary naming the error kind and status ("ApiError 401: …")
 * and a detail line (the trace id, the URL that could not be reached …).
 */
export function describeError(error, label) {
  if (!isActivityLogError(error)) {
    const name = label ?? error?.name ?? 'Error';
    return { summary: `${name}: ${error?.message ?? String(error)}`, detail: null };
  }
  switch (error.kind) {
    case 'api': {
      const reason = error.problem?.detail ?? error.problem?.title ?? error.statusText;
      const detail = [
        `${error.method} ${error.url}`,
        error.traceId && `trace id ${error.traceId}`,
        error.retryAfterSeconds !== null && `retry after ${error.retryAfterSeconds} s`,
      ].filter(Boolean).join(' · ');
      return { summary: `${error.name} ${error.status}: ${reason}`, detail };
    }
    case 'validation':
      return { summary: `${error.name}: ${error.issues.map((issue) => issue.message).join(' ')}`, detail: null };
    case 'network':
      return {
        summary: `${error.name}: the server could not be reached.`,
        detail: `${error.method} ${error.url} · check the base URL and that the server is running.`,
      };
    case 'timeout':
      return {
        summary: `${error.name}: no answer within ${error.timeoutMs / 1000} s.`,
        detail: `${error.method} ${error.url}`,
      };
    case 'decode':
      return { summary: `${error.name} ${error.status}: ${error.message}`, detail: `${error.method} ${error.url}` };
    default:
      return { summary: `${error.name}: ${error.message}`, detail: null };
  }
}

/**
 * The field errors of a 400 answer, keyed by form field: `{ fields: { title: [...] }, other:
 * [...] }`, or null when the error has none. Keys are matched without regard to case or a JSON
 * path prefix (`Title`, `$.title` and `title` all mean the title), as ASP.NET servers vary.
 */
export function serverFieldErrors(error, names) {
  const errors = isActivityLogError(error) && error.kind === 'api' ? error.problem?.errors : null;
  if (!errors) return null;
  const fields = {};
  const other = [];
  for (const [key, messages] of Object.entries(errors)) {
    const bare = key.replace(/^\$?\./, '').replace(/^(input|activity)\./i, '').toLowerCase();
    const name = names.find((n) => n.toLowerCase() === bare);
    const list = [messages].flat().map(String);
    if (name) fields[name] = [...(fields[name] ?? []), ...list];
    else other.push(...list);
  }
  return { fields, other };
}
