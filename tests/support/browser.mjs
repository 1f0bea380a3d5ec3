// Headless Chromium through playwright-core, with the machine's Debian chromium (never a
// downloaded browser) and the flags this closed network needs.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Launches Chromium; `extraArgs` adds flags (e.g. `--js-flags=--expose-gc`). */
export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** A new page that fails the test on any uncaught page error. */
export async function newPage(browser, errors = []) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error));
  return page;
}
