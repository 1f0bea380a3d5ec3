// What the demo page says about an error: the banner text, the fields of a server's 400, and
// the message for a customer id the client refused.
import { isActivityLogError } from './pkg/index.js';

/**
 * The banner text of an error: a summary naming the error kind and status ("ApiError 401: …"),
 * a detail line (the request, the trace id …) that never repeats the summary, and an `action`
 * (`{ label, focus }`: a button that moves focus to the control that can fix it), or null.
 */
export function describeError(error, label) {
  if (!isActivityLogError(error)) {
    const name = label ?? error?.name ?? 'Error';
    return { summary: `${name}: ${error?.message ?? String(error)}`, detail: null, action: null };
  }
  const request = `${error.method} ${error.url}`;
  switch (error.kind) {
    case 'api': {
      const reason = error.problem?.detail ?? error.problem?.title ?? error.statusText;
      const detail = [
        request,
        error.traceId && `trace id ${error.traceId}`,
        error.retryAfterSeconds !== null && `retry after ${error.retryAfterSeconds} s`,
      ]
        .filter(Boolean)
        .join(' · ');
      const action = error.status === 401 ? { label: 'Check the API key under Connection', focus: 'api-key' } : null;
      return { summary: `${error.name} ${error.status}: ${reason}`, detail, action };
    }
    case 'validation':
      return {
        summary: `${error.name}: ${error.issues.map((issue) => issue.message).join(' ')}`,
        detail: null,
        action: null,
      };
    case 'network':
      return {
        summary: `${error.name}: the server could not be reached.`,
        detail: `${request} · check the base URL and that the server is running.`,
        action: { label: 'Check the base URL under Connection', focus: 'base-url' },
      };
    case 'timeout':
      return { summary: `${error.name}: no answer within ${error.timeoutMs / 1000} s.`, detail: request, action: null };
    case 'decode': {
      // The message starts with the request; the detail line names it once.
      const prefix = `${request}: `;
      const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
      return { summary: `${error.name} ${error.status}: ${message}`, detail: request, action: null };
    }
    default:
      return { summary: `${error.name}: ${error.message}`, detail: null, action: null };
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
    const bare = key
      .replace(/^\$?\./, '')
      .replace(/^(input|activity)\./i, '')
      .toLowerCase();
    const name = names.find((n) => n.toLowerCase() === bare);
    const list = [messages].flat().map(String);
    if (name) fields[name] = [...(fields[name] ?? []), ...list];
    else other.push(...list);
  }
  return { fields, other };
}

/**
 * What to say under the customer id field when the client refused `customerId` before sending
 * anything, or null when `error` is something else. The client's own message for `.` and `..`
 * ("Customer id is required.") would read as a contradiction next to a filled-in field.
 */
export function customerIdMessage(error, customerId) {
  if (!isActivityLogError(error) || error.kind !== 'validation') return null;
  const issue = error.issues.find((i) => i.field === 'customerId');
  if (!issue) return null;
  if (customerId.trim() === '') return 'Enter a customer id.';
  if (/^\.{1,2}$/.test(customerId.trim())) {
    return `“${customerId.trim()}” can't be a customer id: in a URL, “.” and “..” mean this folder and the folder above.`;
  }
  return issue.message;
}

/** Whether `error` is an ApiError with this status. */
export function isStatus(error, status) {
  return isActivityLogError(error) && error.kind === 'api' && error.status === status;
}
