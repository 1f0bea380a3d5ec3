// The five defects a new user hit on the demo page (issue 14), each reproduced in Chromium
// against the real emulator. Each test fails on the page as it was before the fix.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { API_KEY } from '../support/emulator.mjs';
import {
  WAIT_MS,
  apiRequests,
  demoFixture,
  loggedRequest,
  rowByTitle,
  rowIds,
  settled,
  textMatches,
  until,
} from '../support/demo-page.mjs';

const TIMEOUT = { timeout: 30_000 };
const SEEDED_1001 = ['act-1001-06', 'act-1001-05', 'act-1001-04', 'act-1001-03', 'act-1001-02', 'act-1001-01'];
const LIST_1001 = '/CustomerActivityLogs/cust-1001';

describe('demo page defects', () => {
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

  const noPageErrors = (page) => assert.deepEqual(page.errors.map(String), []);
  const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

  test('1: cancelling an edit with Escape leaves no false error and no stale status', TIMEOUT, async () => {
    const page = await demo.open();
    const row = page.locator('tr[data-id="act-1001-01"]');
    await row.getByRole('button', { name: /^Edit/ }).click();
    await textMatches(page.locator('#status'), /^Editing “Called about cloudy water”/);
    assert.equal(await focusedId(page), 'title');

    await page.press('#title', 'Escape');
    assert.equal(await page.textContent('#form-heading'), 'New activity');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /^Edit Called about cloudy water/);
    assert.equal(await page.inputValue('#title'), '');
    assert.equal(
      await page.textContent('#title-message'),
      '',
      'no "Title is required." on a form the user did not touch',
    );
    assert.equal(await page.getAttribute('#title', 'aria-invalid'), 'false');
    assert.doesNotMatch(await page.textContent('#status'), /Editing/);
    noPageErrors(page);
  });

  test('2: Tab out of the title the page focused after Add shows no error', TIMEOUT, async () => {
    const page = await demo.open();
    await page.fill('#title', 'Checked the heater');
    await page.click('#submit-activity');
    await rowByTitle(page, 'Checked the heater').waitFor();
    await until(async () => (await focusedId(page)) === 'title', { message: 'focus back in the title' });

    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'description');
    assert.equal(await page.textContent('#title-message'), '');
    assert.equal(await page.getAttribute('#title', 'aria-invalid'), 'false');

    // A title the user did type and then cleared is still reported.
    await page.focus('#title');
    await page.keyboard.type('x');
    await page.keyboard.press('Backspace');
    await textMatches(page.locator('#title-message'), 'Title is required.');
    noPageErrors(page);
  });

  test('3: a failed refresh keeps the last good log, marked stale, with the error beside it', TIMEOUT, async () => {
    const page = await demo.open();
    assert.deepEqual(await rowIds(page), SEEDED_1001);
    const note = page.locator('#log-note');
    assert.equal(await note.isVisible(), false);
    const failures = [
      { fault: { status: 503, times: 3 }, banner: /^ApiError 503/ },
      { fault: { status: 401, times: 1 }, banner: /^ApiError 401/ },
      // Chromium itself retries a GET whose reused connection closes without an answer.
      { fault: { drop: true, times: 10 }, banner: /^NetworkError/ },
      { fault: { body: 'invalid-json', times: 1 }, banner: /^DecodeError/ },
    ];
    for (const { fault, banner } of failures) {
      await demo.emulator.clearFaults();
      await demo.emulator.fault({ method: 'GET', path: LIST_1001, ...fault });
      await page.click('#refresh');
      await textMatches(page.locator('#banner'), banner);
      await settled(page);
      assert.deepEqual(await rowIds(page), SEEDED_1001, `the rows stay after ${JSON.stringify(fault)}`);
      assert.equal(await page.isVisible('#log-table'), true);
      await textMatches(note, /^Not refreshed: showing the log as loaded at \d/);
      assert.equal(await note.isVisible(), true);
      assert.equal(await page.isVisible('#log-placeholder'), false);
    }
    // The next good refresh clears both.
    await demo.emulator.clearFaults();
    await page.click('#refresh');
    await until(async () => !(await note.isVisible()), { message: 'the stale note to go' });
    assert.equal(await page.textContent('#banner'), '');
    assert.deepEqual(await rowIds(page), SEEDED_1001);
    noPageErrors(page);
  });

  test('4: deleting a row that was already deleted elsewhere removes it', TIMEOUT, async () => {
    const page = await demo.open();
    const gone = await fetch(`${demo.emulator.url}${LIST_1001}/act-1001-04`, {
      method: 'DELETE',
      headers: { 'skimmer-api-key': API_KEY },
    });
    assert.equal(gone.status, 204);

    const row = page.locator('tr[data-id="act-1001-04"]');
    await row.getByRole('button', { name: /^Delete/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    const refused = await loggedRequest(demo.emulator, { method: 'DELETE', status: 404 });
    assert.equal(refused.id, 'act-1001-04');
    await row.waitFor({ state: 'detached' });
    await textMatches(page.locator('#status'), '“Sent chemical readings” was already deleted.');
    assert.deepEqual(
      await rowIds(page),
      SEEDED_1001.filter((id) => id !== 'act-1001-04'),
    );
    assert.equal(await page.textContent('#banner'), '', 'nothing went wrong for the user');
    noPageErrors(page);
  });

  test('5: Add before the package has loaded does not submit the page natively', TIMEOUT, async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      const errors = [];
      page.on('pageerror', (error) => errors.push(error));
      // A slow link: 300 ms latency, 400 kb/s.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 300,
        downloadThroughput: 50_000,
        uploadThroughput: 50_000,
      });
      await page.goto(`${demo.emulator.url}/`, { waitUntil: 'commit' });
      // A native submission would replace this document, and the mark with it.
      await page.evaluate(() => {
        window.sameDocument = true;
      });
      // The page's script has not run yet when the user acts: the type list is still empty.
      const scriptHasRun = () => page.evaluate(() => document.getElementById('type').options.length > 0);
      await page.fill('#title', 'Typed while loading');
      await page.press('#title', 'Enter');
      await page.click('#submit-activity', { force: true });
      assert.equal(await scriptHasRun(), false, 'acted before the package had loaded');

      // The package arrives; the page is the same page, the text is still there.
      await settled(page).catch(() => {}); // may take longer than one wait on this link
      await until(async () => (await rowIds(page)).length === 6, {
        timeout: 20_000,
        message: 'the log over the slow link',
      });
      assert.equal(await page.evaluate(() => window.sameDocument), true, 'no native form submission');
      assert.doesNotMatch(page.url(), /title=/);
      assert.equal(await page.inputValue('#title'), 'Typed while loading');
      assert.deepEqual(await apiRequests(demo.emulator, { method: 'POST' }), []);

      // Now Add works.
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await page.click('#submit-activity');
      await rowByTitle(page, 'Typed while loading').waitFor();
      assert.deepEqual(errors.map(String), []);
    } finally {
      await context.close();
    }
  });
});
