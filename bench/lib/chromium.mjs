// Headless Chromium for the benchmarks (the tests' launcher: Debian's chromium, no downloads) and
// a page server on 127.0.0.1 with the package at /pkg/, bench/ at /bench/ and the bundles of the
// alternatives at /built/. The page is cross-origin isolated (COOP + COEP), which gives it a 5 µs
// `performance.now()` instead of 100 µs; its fetches to the API servers are CORS requests, which
// isolation allows.
import { launchBrowser } from '../../tests/support/browser.mjs';
import { serveStatic } from '../../tests/support/static-server.mjs';
import { bundle, STACKS } from './bundle.mjs';
import { benchDir, outDir, pkgDir } from './pkg.mjs';

export const PAGE = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>';

/** Starts the page server and the browser; `use(browser, url)` runs with both, then both stop. */
export async function withChromium(use) {
  for (const [, entry] of STACKS) bundle(entry);
  const server = await serveStatic({
    mounts: { '/pkg/': pkgDir(), '/bench/': benchDir, '/built/': outDir },
    pages: { '/': PAGE },
    headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
  });
  const browser = await launchBrowser();
  try {
    return await use(browser, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Runs `fn(arg)` in a new page of a new browser context (a renderer of its own), then closes it;
 * fails after `timeoutMs`.
 */
export async function inFreshPage(browser, url, fn, arg, { timeoutMs = 300_000 } = {}) {
  const context = await browser.newContext();
  let timer;
  try {
    const page = await context.newPage();
    await page.goto(`${url}/`);
    if (!(await page.evaluate(() => globalThis.crossOriginIsolated)))
      throw new Error('the benchmark page is not cross-origin isolated');
    return await Promise.race([
      page.evaluate(fn, arg),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the benchmark page took over ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await context.close();
  }
}
