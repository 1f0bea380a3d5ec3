// Rate-limit waits the user can see and cancel, and the rate-limit line that counts down. The
// client does the waiting; the page only watches its attempts through the client's `fetch`
// option and cancels through the call's `signal`.
import { setText } from './dom.js';
import { seconds } from './format.js';

/**
 * The wait a `Retry-After` value asks for, in whole seconds (a number of seconds or an HTTP
 * date), or null when absent or unreadable.
 */
export function retryAfterSeconds(value, now = Date.now()) {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * A `fetch` for the client's `fetch` option: it calls `base` (the global fetch, or the in-page
 * emulator's) and tells `observer` about each attempt, `observer.started(method)` before it and
 * `observer.limited(method, seconds)` when the answer is a 429 (`seconds` from `Retry-After`, or
 * null).
 */
export function observingFetch(observer, base = (input, init) => globalThis.fetch(input, init)) {
  return (input, init) => {
    const method = String(init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    observer.started(method);
    return base(input, init).then((response) => {
      if (response.status === 429) {
        observer.limited(method, retryAfterSeconds(response.headers.get('retry-after')));
      }
      return response;
    });
  };
}

/**
 * A notice beside the thing that waits: "Waiting 17 s for the rate limit…", counting down each
 * second, with a Cancel button that calls `onCancel`. `element` holds a `.wait-text` and a
 * `.wait-cancel`; `announce(text)` tells screen readers once when a wait starts (the countdown
 * itself is not announced every second).
 */
export class WaitNotice {
  constructor(element, { onCancel, announce }) {
    this.element = element;
    this.text = element.querySelector('.wait-text');
    this.cancel = element.querySelector('.wait-cancel');
    this.announce = announce;
    this.timer = null;
    this.deadline = 0;
    this.cancel.addEventListener('click', () => {
      const hadFocus = this.element.contains(document.activeElement);
      this.hide();
      onCancel({ hadFocus });
    });
  }

  /** Shows the notice for a wait of `secs` seconds (null: of unknown length). */
  show(secs) {
    this.stop();
    this.element.hidden = false;
    if (secs === null) {
      setText(this.text, 'Waiting for the rate limit…');
      this.announce('Rate limit reached: waiting before trying again. Cancel is beside the message.');
      return;
    }
    this.deadline = Date.now() + secs * 1000;
    this.render();
    this.announce(`Rate limit reached: waiting ${secs} seconds before trying again. Cancel is beside the message.`);
    this.timer = setInterval(() => this.render(), 1000);
  }

  /** Hides the notice and stops its countdown. */
  hide() {
    this.stop();
    this.element.hidden = true;
  }

  /** Whether the notice is shown. */
  get shown() {
    return !this.element.hidden;
  }

  render() {
    const left = Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
    setText(this.text, left > 0 ? `Waiting ${seconds(left)} for the rate limit…` : 'Trying again…');
    if (left === 0) this.stop();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * The "Rate limit: 2/3 left, resets in 14 s" line, counting the reset down each second from
 * the latest response's figures until the window is over.
 */
export class RateLimitLine {
  constructor(element) {
    this.element = element;
    this.timer = null;
  }

  /** Shows `rate` (`client.rateLimit`: `{ limit, remaining, resetSeconds }` or null). */
  update(rate) {
    clearInterval(this.timer);
    this.timer = null;
    if (!rate) {
      setText(this.element, 'Rate limit: not reported');
      return;
    }
    const end = Date.now() + rate.resetSeconds * 1000;
    const render = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      setText(
        this.element,
        left > 0
          ? `Rate limit: ${rate.remaining}/${rate.limit} left, resets in ${seconds(left)}`
          : `Rate limit: ${rate.limit} per window; the last window is over`,
      );
      if (left === 0) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
    render();
    if (this.timer === null && rate.resetSeconds > 0) this.timer = setInterval(render, 1000);
  }
}
