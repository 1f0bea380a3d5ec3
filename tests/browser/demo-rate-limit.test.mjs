// Rate-limit waits on the demo page, against an emulator allowing 3 requests per 20 s window:
// the page says what it waits for, counts down, and Cancel aborts the call through its signal.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { apiRequests, demoFixture, loggedRequest, rowIds, textMatches, until } from '../support/demo-page.mjs';

const TIMEOUT = { timeout: 30_000 };
const WAITING = /^Waiting (\d+)\u00a0s for the rate limit…$/;

describe('demo page rate-limit waits', () => {
  let demo;
  before(async () => {
    demo = await demoFixture({ args: ['--rate-limit', '3', '--rate-window-secs', '20'] });
  });
  after(async () => {
    await demo?.close();
  });
  beforeEach(async () => {
    await demo.reset();
  });

  const noPageErrors = (page) => assert.deepEqual(page.errors.map(String), []);
  const secondsShown = async (locator) => Number(WAITING.exec(await locator.textContent())?.[1]);

  /** Opens the page (1 request) and refreshes twice: the window's 3 requests are used. */
  async function exhausted() {
    const page = await demo.open();
    for (const left of [1, 0]) {
      await page.click('#refresh');
      await textMatches(page.locator('#rate-limit'), `Rate limit: ${left}/3 left`);
    }
    return page;
  }

  test('a list waiting for the rate limit counts down, and Cancel stops it', TIMEOUT, async () => {
    const page = await demo.open();
    const line = page.locator('#rate-limit');
    const reset = Number(
      /resets in (\d+)\u00a0s$/.exec(await textMatches(line, /^Rate limit: 2\/3 left, resets in \d+\u00a0s$/))[1],
    );
    await textMatches(line, `resets in ${reset - 1}\u00a0s`, 2_500); // the reset counts down
    await page.click('#refresh');
    await textMatches(line, 'Rate limit: 1/3 left');
    await page.click('#refresh');
    await textMatches(line, 'Rate limit: 0/3 left');

    await page.click('#refresh');
    const wait = page.locator('#log-wait');
    const text = wait.locator('.wait-text');
    await textMatches(text, WAITING);
    const first = await secondsShown(text);
    assert.ok(first >= 1 && first <= 20, `waiting ${first} s`);
    await loggedRequest(demo.emulator, { method: 'GET', status: 429 });
    await until(async () => (await secondsShown(text)) < first, { timeout: 2_500, message: 'the countdown' });
    // The rows stay readable while it waits; the status says what is going on.
    assert.deepEqual((await rowIds(page)).length, 6);
    assert.equal(await page.textContent('#status'), 'Loading the log of cust-1001…');
    assert.match(await page.textContent('#announcer'), /^Rate limit reached: waiting \d+ seconds/);

    await wait.getByRole('button', { name: 'Cancel' }).click();
    await wait.waitFor({ state: 'hidden' });
    await textMatches(page.locator('#status'), 'Refresh cancelled.');
    await textMatches(page.locator('#log-note'), /^Not refreshed \(cancelled\): showing the log as loaded at/);
    assert.equal(await page.getAttribute('#log-region', 'aria-busy'), 'false');
    assert.equal((await rowIds(page)).length, 6);
    assert.equal(await page.textContent('#banner'), '', 'a cancel is not an error');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'refresh');
    noPageErrors(page);
  });

  test('an Add waiting for the rate limit shows it in the form, and Cancel keeps the text', TIMEOUT, async () => {
    const page = await exhausted();
    await page.fill('#title', 'Waited for the limit');
    await page.click('#submit-activity');
    const wait = page.locator('#form-wait');
    await textMatches(wait.locator('.wait-text'), WAITING);
    assert.equal(await page.textContent('#submit-activity'), 'Adding…');
    await loggedRequest(demo.emulator, { method: 'POST', status: 429 });

    await wait.getByRole('button', { name: 'Cancel' }).click();
    await wait.waitFor({ state: 'hidden' });
    await textMatches(page.locator('#form-error'), 'Cancelled: the activity was not added.');
    assert.equal(await page.textContent('#submit-activity'), 'Add activity');
    assert.equal(await page.inputValue('#title'), 'Waited for the limit');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'submit-activity');
    assert.deepEqual(
      (await apiRequests(demo.emulator, { method: 'POST' })).map((r) => r.status),
      [429],
    );
    noPageErrors(page);
  });

  test('a short wait ends by itself and the call goes through', TIMEOUT, async () => {
    const page = await demo.open();
    await demo.emulator.fault({
      method: 'GET',
      path: '/CustomerActivityLogs/cust-1001',
      status: 429,
      retryAfter: '2',
      times: 1,
    });
    await page.click('#refresh');
    const wait = page.locator('#log-wait');
    await textMatches(wait.locator('.wait-text'), /^Waiting [12]\u00a0s for the rate limit…$/);
    await wait.waitFor({ state: 'hidden', timeout: 4_000 });
    await textMatches(page.locator('#status'), '6 activities for cust-1001.');
    assert.equal(await page.isVisible('#log-note'), false);
    assert.deepEqual(
      (await apiRequests(demo.emulator, { method: 'GET' })).map((r) => r.status),
      [200, 429, 200],
    );
    noPageErrors(page);
  });
});
