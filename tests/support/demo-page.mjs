// Helpers for the demo page tests (tests/browser/demo*.test.mjs): the emulator serving
// www-example and pkg/, a fresh browser page on it, and bounded waits on conditions.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './emulator.mjs';
import { launchBrowser } from './browser.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = path.join(ROOT, 'www-example');
export const PKG = path.join(ROOT, 'pkg');
export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');

/** How long any single wait in these tests may take. */
export const WAIT_MS = 5_000;

/** The two viewports the page is checked at: a laptop and a phone. */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** An emulator serving the demo at `/` and the package at `/pkg/`; `args` are extra flags. */
export function startDemoServer(args = []) {
  return startEmulator(['--serve', WWW, '--serve-pkg', PKG, ...args]);
}

/**
 * One emulator and one browser for a test file, reset before each test. `t` is the suite's
 * context (for `after`). Returns { emulator, browser, open }; `open(query)` gives a fresh page
 * (its own context: no shared storage) on the demo, its uncaught errors collected in
 * `page.errors`, once the first log load has finished (`ready: false`: at once). `viewport`
 * defaults to DESKTOP.
 */
export async function demoFixture({ args = [] } = {}) {
  const emulator = await startDemoServer(args);
  let browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  const contexts = new Set();
  return {
    emulator,
    browser,
    async reset() {
      for (const context of contexts) await context.close();
      contexts.clear();
      await emulator.reset();
      await emulator.clearFaults();
    },
    async open({ query = '', url = emulator.url, ready = true, viewport = DESKTOP } = {}) {
      const context = await browser.newContext({ viewport });
      contexts.add(context);
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      page.errors = [];
      page.on('pageerror', (error) => page.errors.push(error));
      await page.goto(`${url}/${query}`);
      if (ready) await settled(page);
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      await emulator.stop();
    },
  };
}

/** Waits until the log region is no longer busy and shows rows or a placeholder. */
export async function settled(page) {
  await page.waitForFunction(
    () => {
      const region = document.getElementById('log-region');
      const rows = document.querySelectorAll('#log-body tr').length;
      const placeholder = document.getElementById('log-placeholder');
      return region?.getAttribute('aria-busy') === 'false' && (rows > 0 || !placeholder.hidden);
    },
    null,
    { timeout: WAIT_MS },
  );
}

/**
 * Polls `check` (sync or async) until it returns a truthy value, which is returned; throws with
 * `message` and the last value or error after `timeout` ms.
 */
export async function until(check, { timeout = WAIT_MS, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout} ms waiting for ${message}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Waits until an element's text matches `pattern` (a RegExp or a substring); returns the text. */
export function textMatches(locator, pattern, timeout = WAIT_MS) {
  const test = (text) => (pattern instanceof RegExp ? pattern.test(text) : text.includes(pattern));
  return until(
    async () => {
      const text = (await locator.textContent({ timeout })) ?? '';
      return test(text) ? text : false;
    },
    { timeout, message: `text matching ${pattern} in ${locator}` },
  );
}

/** The data-id of every row of the table, top to bottom. */
export function rowIds(page) {
  return page.locator('#log-body tr').evaluateAll((rows) => rows.map((row) => row.dataset.id));
}

/** The row of the activity titled `title` (exact text of its title cell). */
export function rowByTitle(page, title) {
  return page.locator('#log-body tr').filter({
    has: page.locator('td.title', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  });
}

/** The emulator's request log entries for the activity routes that match `where`. */
export async function apiRequests(emulator, where = {}) {
  const all = await emulator.requests();
  return all.filter((entry) => Object.entries(where).every(([key, value]) => entry[key] === value));
}

/**
 * Waits until the emulator has logged a request matching `where` (after `afterSeq`, if given);
 * returns it. A barrier: anything the page sent before it is in the log too.
 */
export function loggedRequest(emulator, where, { afterSeq = 0, timeout = WAIT_MS } = {}) {
  return until(async () => (await apiRequests(emulator, where)).find((entry) => entry.seq > afterSeq), {
    timeout,
    message: `a logged request ${JSON.stringify(where)}`,
  });
}

/** The seq of the latest logged request (0 when none). */
export async function lastSeq(emulator) {
  const all = await emulator.requests();
  return all.reduce((max, entry) => Math.max(max, entry.seq), 0);
}
