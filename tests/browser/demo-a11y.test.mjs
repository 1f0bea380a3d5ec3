// axe-core on the demo page in every state a user meets (first load, loading, rate-limit waits,
// errors, dialogs, banners, editing), at 1280 and at 390 px, with no violation allowed. Each
// state is also written as a screenshot to tests/artifacts/demo-<state>-<width>.png (git-ignored),
// to be looked at by a person.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ARTIFACTS, DESKTOP, PHONE, demoFixture, rowIds, textMatches } from '../support/demo-page.mjs';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LIST_1001 = '/CustomerActivityLogs/cust-1001';
const TIMEOUT = { timeout: 60_000 };

/** Runs axe-core (all its default rules) on the page; returns the violations, readably. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

/** Checks `page` with axe and writes its screenshot; `name` names the state. */
async function checkState(page, name) {
  const width = page.viewportSize().width;
  // Let animations that change colours (a new row's highlight) end, so axe sees final colours.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  const violations = await axeViolations(page);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // The whole page, or what is on screen while a modal dialog is open over it.
  const modal = await page.evaluate(() => document.querySelector('dialog[open]') !== null);
  await page.screenshot({ path: path.join(ARTIFACTS, `demo-${name}-${width}.png`), fullPage: !modal });
  assert.deepEqual(violations, [], `axe on "${name}" at ${width} px`);
  assert.deepEqual(page.errors.map(String), []);
}

for (const viewport of [DESKTOP, PHONE]) {
  describe(`demo page accessibility at ${viewport.width} px`, () => {
    let demo;
    before(async () => {
      demo = await demoFixture();
    });
    after(async () => {
      await demo?.close();
    });
    beforeEach(async () => {
      await demo.reset();
    });
    const open = (options = {}) => demo.open({ viewport, ...options });

    test('first load, and a customer still to choose', TIMEOUT, async () => {
      const page = await open();
      await checkState(page, 'first-load');
      const empty = await open({ query: '?customer=' });
      await textMatches(empty.locator('#log-placeholder'), 'Choose a customer to show their log.');
      await checkState(empty, 'no-customer');
    });

    test('loading: a first load, and a refresh over the rows', TIMEOUT, async () => {
      // Long delays, so the state holds while axe runs; closing the page drops the request.
      await demo.emulator.fault({ method: 'GET', path: LIST_1001, delayMs: 8_000 });
      const first = await open({ ready: false });
      await textMatches(first.locator('#log-placeholder'), 'Loading activities for cust-1001…');
      await checkState(first, 'loading');
      await first.close();
      const page = await open();
      await demo.emulator.fault({ method: 'GET', path: LIST_1001, delayMs: 8_000 });
      await page.click('#refresh');
      await textMatches(page.locator('#status'), 'Loading the log of cust-1001…');
      assert.equal(await page.getAttribute('#log-region', 'aria-busy'), 'true');
      await checkState(page, 'refreshing');
      assert.equal(await page.getAttribute('#log-region', 'aria-busy'), 'true', 'still loading when checked');
    });

    test('rate-limit waits: the log and the form', TIMEOUT, async () => {
      const page = await open();
      await demo.emulator.fault({ method: 'GET', path: LIST_1001, status: 429, retryAfter: '30' });
      await demo.emulator.fault({ method: 'POST', path: LIST_1001, status: 429, retryAfter: '30' });
      await page.click('#refresh');
      await page.locator('#log-wait').waitFor();
      await page.fill('#title', 'Waiting for the limit');
      await page.click('#submit-activity');
      await page.locator('#form-wait').waitFor();
      await checkState(page, 'rate-limit-wait');
      await page.locator('#log-wait').getByRole('button', { name: 'Cancel' }).click();
      await page.locator('#form-wait').getByRole('button', { name: 'Cancel' }).click();
      await textMatches(page.locator('#form-error'), 'Cancelled: the activity was not added.');
      await checkState(page, 'rate-limit-cancelled');
    });

    test('errors shown: fields, a failed save, a failed refresh with the stale log', TIMEOUT, async () => {
      const page = await open();
      await demo.emulator.fault({ method: 'GET', path: LIST_1001, status: 503, times: 3 });
      await page.click('#refresh');
      await textMatches(page.locator('#banner'), /^ApiError 503/);
      await demo.emulator.fault({ method: 'POST', path: LIST_1001, status: 500 });
      await page.fill('#title', 'Saved later');
      await page.click('#submit-activity');
      await textMatches(page.locator('#form-error'), /^ApiError 500/);
      await page.fill('#title', 'Pump_repair!');
      await page.fill('#description', 'x'.repeat(320));
      await textMatches(page.locator('#description-message'), /at most 300/);
      await page.fill('#customer-id', '..');
      await page.click('#load-log');
      await textMatches(page.locator('#customer-message'), /can't be a customer id/);
      await checkState(page, 'errors');
    });

    test('banners: a wrong key, a bad answer, an unknown customer', TIMEOUT, async () => {
      const page = await open();
      await page.fill('#api-key', 'not-the-key');
      await page.click('#apply-connection');
      await textMatches(page.locator('#banner'), /^ApiError 401/);
      await checkState(page, 'banner-401');
      await page.fill('#api-key', 'demo-key');
      await demo.emulator.fault({ method: 'GET', path: LIST_1001, body: 'invalid-json' });
      await page.click('#apply-connection');
      await textMatches(page.locator('#banner'), /^DecodeError/);
      await checkState(page, 'banner-decode');
      const unknown = await open({ query: '?customer=cust-nobody' });
      await textMatches(unknown.locator('#banner'), /^ApiError 404/);
      await checkState(unknown, 'banner-404');
    });

    test('dialogs: delete, and the real API', TIMEOUT, async () => {
      const page = await open();
      await page
        .locator('tr[data-id="act-1001-04"]')
        .getByRole('button', { name: /^Delete/ })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Delete activity?' });
      await dialog.waitFor();
      await checkState(page, 'dialog-delete');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.fill('#base-url', '');
      await page.click('#apply-connection');
      await page.getByRole('dialog', { name: "Use Skimmer's real API?" }).waitFor();
      await checkState(page, 'dialog-real-api');
      await page.keyboard.press('Escape');
    });

    test('editing a row, and a row just added', TIMEOUT, async () => {
      const page = await open();
      await page.fill('#title', 'Added for the picture');
      await page.fill('#author-name', 'Maria Lopez');
      await page.click('#submit-activity');
      await textMatches(page.locator('#status'), 'Added “Added for the picture” to cust-1001.');
      assert.equal((await rowIds(page)).length, 7);
      await page.locator('tr[data-id="act-1001-01"]').getByRole('button', { name: /^Edit/ }).click();
      await textMatches(page.locator('#status'), /^Editing/);
      await checkState(page, 'editing');
    });
  });
}
