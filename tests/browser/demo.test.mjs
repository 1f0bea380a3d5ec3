// The demo page (www-example) in real Chromium against the real emulator, which serves the page,
// the package and the API on one origin: what a newcomer does with it after `make demo`.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS, WAIT_MS, apiRequests, demoFixture, lastSeq, loggedRequest, rowByTitle, rowIds,
  settled, textMatches, until,
} from '../support/demo-page.mjs';

const TIMEOUT = { timeout: 30_000 };
const SEEDED_1001 = ['act-1001-06', 'act-1001-05', 'act-1001-04', 'act-1001-03', 'act-1001-02', 'act-1001-01'];

describe('demo page', () => {
  let demo;
  before(async () => { demo = await demoFixture(); });
  after(async () => { await demo?.close(); });
  beforeEach(async () => { await demo.reset(); });

  const noPageErrors = (page) => assert.deepEqual(page.errors.map(String), []);

  test('the seeded log renders, newest first, system rows marked and read-only', TIMEOUT, async () => {
    const page = await demo.open();
    assert.deepEqual(await rowIds(page), SEEDED_1001);
    assert.equal(await page.inputValue('#base-url'), demo.emulator.url, 'base URL = the page origin');
    assert.equal(await page.inputValue('#api-key'), 'demo-key');
    assert.equal(await page.inputValue('#customer-id'), 'cust-1001');
    assert.deepEqual(
      await page.locator('#customer-options option').evaluateAll((o) => o.map((x) => x.value)),
      ['cust-1001', 'cust-1002', 'cust-1003'],
    );

    const system = page.locator('tr[data-id="act-1001-02"]');
    assert.match(await system.getAttribute('class'), /\bsystem\b/);
    assert.equal(await system.locator('.badge-system').textContent(), 'System');
    assert.equal(await system.locator('td.type .badge').first().textContent(), 'Invoice sent', 'a system kind in words');
    assert.equal(await page.locator('tr[data-id="act-1001-03"] td.type .badge').first().textContent(), 'Payment received');
    assert.equal(await system.locator('button').count(), 0, 'no edit/delete on a system row');
    assert.equal(await system.locator('td.actions').textContent(), 'Read-only');
    assert.equal(await system.locator('td.related .primary').textContent(), 'Invoice #123');
    assert.equal(await system.locator('td.related .secondary').textContent(), 'Job #77');
    assert.equal(await system.locator('td.created time').getAttribute('datetime'), '2026-10-02T09:00:00Z');
    assert.equal(await page.locator('tr.system button').count(), 0);
    assert.equal(await page.locator('tr.system').count(), 3);

    const manual = page.locator('tr[data-id="act-1001-06"]');
    assert.equal(await manual.locator('td.title').textContent(), 'Gate code reminder');
    assert.equal(await manual.locator('td.description').textContent(), 'Gate code changed to 4821. Texted the tech.');
    assert.deepEqual(await manual.getByRole('button').allTextContents(), ['Edit Gate code reminder', 'Delete Gate code reminder']);
    assert.match(await manual.locator('td.updated').textContent(), /^Maria Lopez/);
    const updated = manual.locator('td.updated time');
    assert.equal(await updated.getAttribute('datetime'), '2026-10-08T10:15:00Z');
    assert.equal(await updated.getAttribute('title'), '2026-10-08T10:15:00Z');
    assert.doesNotMatch(await updated.textContent(), /T10:15/, 'a readable local date, not the ISO value');

    await textMatches(page.locator('#rate-limit'), /^Rate limit: \d+\/500 left, resets in \d+\u00a0s$/);
    await textMatches(page.locator('#status'), '6 activities for cust-1001.');
    assert.equal(await page.locator('#banner').textContent(), '');

    // Another seeded customer, typed into the picker; the choice survives a reload.
    await page.fill('#customer-id', 'cust-1003');
    await page.press('#customer-id', 'Enter');
    await until(async () => (await rowIds(page))[0] === 'act-1003-06', { message: 'the log of cust-1003' });
    assert.equal(await page.locator('#log-heading').textContent(), 'Activities · cust-1003');
    assert.match(page.url(), /\?customer=cust-1003$/);
    await page.reload();
    await settled(page);
    assert.equal(await page.inputValue('#customer-id'), 'cust-1003');
    assert.equal((await rowIds(page)).length, 6);
    noPageErrors(page);
  });

  test('loading and empty states, and an unknown customer', TIMEOUT, async () => {
    await demo.emulator.addCustomer('cust-empty');
    await demo.emulator.fault({ method: 'GET', path: '/CustomerActivityLogs/cust-empty', delayMs: 1500 });
    const page = await demo.open({ query: '?customer=cust-empty', ready: false });
    await textMatches(page.locator('#log-placeholder'), 'Loading activities for cust-empty…');
    assert.equal(await page.getAttribute('#log-region', 'aria-busy'), 'true');
    await textMatches(page.locator('#log-placeholder'), 'No activities for cust-empty yet.', WAIT_MS);
    assert.equal(await page.getAttribute('#log-region', 'aria-busy'), 'false');
    assert.equal(await page.isVisible('#log-table'), false);

    await page.fill('#customer-id', 'cust-nobody');
    await page.click('#load-log');
    await textMatches(page.locator('#banner'), /^ApiError 404: No customer has the id "cust-nobody"\./);
    await textMatches(page.locator('#log-placeholder'), 'Could not load the log of cust-nobody.');
    noPageErrors(page);
  });

  test('an invalid title is reported as typed, and no submit reaches the server', TIMEOUT, async () => {
    const page = await demo.open();
    const { TITLE_PATTERN, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, ACTIVITY_TYPES } = await page.evaluate(() => import('/pkg/index.js')
      .then(({ TITLE_PATTERN, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, ACTIVITY_TYPES }) => ({ TITLE_PATTERN, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, ACTIVITY_TYPES: [...ACTIVITY_TYPES] })));
    assert.equal(await page.getAttribute('#title', 'pattern'), TITLE_PATTERN);
    assert.deepEqual(await page.locator('#type option').allTextContents(), ACTIVITY_TYPES);
    assert.equal(await page.getAttribute('#submit-activity', 'aria-disabled'), 'true', 'not ready while the title is empty');
    assert.equal(await page.textContent('#submit-reason'), 'Enter a title to add the activity.');
    assert.equal(await page.textContent('#title-message'), '', 'no message before the user types');
    assert.equal(await page.textContent('#title-count'), `0/${TITLE_MAX_LENGTH}`);
    assert.equal(await page.textContent('#description-count'), `0/${DESCRIPTION_MAX_LENGTH}`);
    const before = await lastSeq(demo.emulator);

    const title = page.locator('#title');
    await title.pressSequentially('Pump');
    assert.equal(await page.textContent('#title-count'), '4/60');
    assert.equal(await page.getAttribute('#submit-activity', 'aria-disabled'), 'false');
    assert.equal(await page.isVisible('#submit-reason'), false);
    await title.pressSequentially('_repair!');
    await textMatches(page.locator('#title-message'), 'Title may contain only letters A-Z, digits 0-9, hyphens and spaces; remove "_", "!".');
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.textContent('#title-count'), '12/60');
    assert.equal(await page.getAttribute('#submit-activity', 'aria-disabled'), 'true');
    assert.equal(await page.textContent('#submit-reason'), 'Correct the title to add the activity.');

    // Enter in the field (implicit submission), a forced requestSubmit and a click on the
    // button that says it is not ready: the page refuses all three.
    await title.press('Enter');
    await page.evaluate(() => document.getElementById('activity-form').requestSubmit());
    await page.click('#submit-activity', { force: true }); // aria-disabled: Playwright would wait
    assert.equal(await page.evaluate(() => document.activeElement.id), 'title', 'a refused submit goes to the field to correct');
    // A barrier: a list call made after the attempts; any POST would be logged before it.
    await page.click('#refresh');
    await loggedRequest(demo.emulator, { method: 'GET' }, { afterSeq: before });
    assert.deepEqual(await apiRequests(demo.emulator, { method: 'POST' }), []);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'refresh');

    // Clearing the field says it is required; the description counts to 300.
    await title.fill('');
    await textMatches(page.locator('#title-message'), 'Title is required.');
    await page.fill('#description', 'Twelve chars');
    assert.equal(await page.textContent('#description-count'), '12/300');
    // At 60 the title is still fine; one more is reported, not cut off without a word.
    await title.fill('a'.repeat(60));
    assert.equal(await page.textContent('#title-count'), '60/60');
    assert.equal(await page.textContent('#title-message'), '');
    await title.press('b');
    assert.equal((await title.inputValue()).length, 61);
    assert.equal(await page.textContent('#title-count'), '61/60');
    await textMatches(page.locator('#title-message'), 'Title must be at most 60 characters; it has 61.');
    noPageErrors(page);
  });

  test('a valid create appears in the table', TIMEOUT, async () => {
    const page = await demo.open();
    await page.selectOption('#type', 'Email');
    await page.fill('#title', 'Sent the pump quote');
    await page.fill('#description', 'Quote 311 for a variable-speed pump.');
    await page.fill('#author-name', 'Robin Test');
    await page.click('#submit-activity');

    const row = rowByTitle(page, 'Sent the pump quote');
    await row.waitFor();
    assert.equal((await rowIds(page)).length, 7);
    assert.equal(await row.locator('td.type').textContent(), 'Email');
    assert.equal(await row.locator('td.description').textContent(), 'Quote 311 for a variable-speed pump.');
    assert.match(await row.locator('td.created').textContent(), /^Robin Test/);
    assert.equal(await row.getByRole('button').count(), 2);
    const created = await loggedRequest(demo.emulator, { method: 'POST', status: 201 });
    assert.equal(created.customerId, 'cust-1001');
    assert.equal(created.authorized, true);
    assert.equal((await rowIds(page))[0], await row.getAttribute('data-id'), 'newest first');

    // The form is ready for the next entry.
    await textMatches(page.locator('#status'), 'Added “Sent the pump quote” to cust-1001.');
    assert.equal(await page.inputValue('#title'), '');
    assert.equal(await page.inputValue('#author-name'), 'Robin Test', 'the author is kept');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'title');
    assert.equal(await page.getAttribute('#submit-activity', 'aria-disabled'), 'true');
    await textMatches(page.locator('#rate-limit'), /^Rate limit: \d+\/500 left/);
    noPageErrors(page);
  });

  test('an edit persists after a reload', TIMEOUT, async () => {
    const page = await demo.open();
    const row = page.locator('tr[data-id="act-1001-01"]');
    await row.getByRole('button', { name: /^Edit/ }).click();
    assert.equal(await page.textContent('#form-heading'), 'Edit activity');
    assert.equal(await page.inputValue('#title'), 'Called about cloudy water');
    assert.equal(await page.inputValue('#type'), 'Call');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'title');
    assert.match(await row.getAttribute('class'), /\bediting\b/);

    await page.fill('#title', 'Called about green water');
    await page.selectOption('#type', 'Text');
    await page.fill('#author-name', 'Editor Two');
    await page.click('#submit-activity');
    await textMatches(row.locator('td.title'), 'Called about green water');
    const put = await loggedRequest(demo.emulator, { method: 'PUT' });
    assert.deepEqual([put.status, put.id], [200, 'act-1001-01']);
    assert.match(await row.locator('td.updated').textContent(), /^Editor Two/);
    assert.equal(await page.textContent('#form-heading'), 'New activity');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /^Edit Called about green water/);
    await textMatches(page.locator('#status'), 'Saved “Called about green water”.');

    await page.reload();
    await settled(page);
    const again = page.locator('tr[data-id="act-1001-01"]');
    assert.equal(await again.locator('td.title').textContent(), 'Called about green water');
    assert.equal(await again.locator('td.type').textContent(), 'Text');
    assert.equal(await again.locator('td.description').textContent(),
      'Customer reports cloudy water after the storm; booked a visit for Tuesday.');
    assert.match(await again.locator('td.updated').textContent(), /^Editor Two/);
    assert.ok(await again.locator('td.updated time').getAttribute('datetime'));

    // Cancelling an edit sends nothing and returns focus to the row's Edit button.
    const seq = await lastSeq(demo.emulator);
    await again.getByRole('button', { name: /^Edit/ }).click();
    await page.fill('#title', 'Not saved');
    await page.press('#title', 'Escape');
    assert.equal(await page.textContent('#form-heading'), 'New activity');
    assert.equal(await page.inputValue('#title'), '');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /^Edit Called about green water/);
    assert.equal(await lastSeq(demo.emulator), seq);
    noPageErrors(page);
  });

  test('delete asks first; cancel keeps the row, confirm removes it', TIMEOUT, async () => {
    const page = await demo.open();
    const row = page.locator('tr[data-id="act-1001-04"]');
    const deleteButton = row.getByRole('button', { name: /^Delete/ });
    await deleteButton.click();
    const dialog = page.getByRole('dialog', { name: 'Delete activity?' });
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /“Sent chemical readings” will be removed from the log of cust-1001/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'confirm-cancel', 'the safe choice has focus');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await row.count(), 1);
    assert.deepEqual(await apiRequests(demo.emulator, { method: 'DELETE' }), []);

    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    const deleted = await loggedRequest(demo.emulator, { method: 'DELETE' });
    assert.deepEqual([deleted.status, deleted.id], [204, 'act-1001-04']);
    await textMatches(page.locator('#status'), 'Deleted “Sent chemical readings”.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'log-heading');
    assert.equal((await rowIds(page)).length, 5);

    await page.reload();
    await settled(page);
    assert.ok(!(await rowIds(page)).includes('act-1001-04'));
    noPageErrors(page);
  });

  test('a wrong key shows the 401 banner; the right key clears it', TIMEOUT, async () => {
    const page = await demo.open();
    await page.fill('#api-key', 'not-the-key');
    await page.click('#apply-connection');
    const banner = page.getByRole('alert');
    await textMatches(banner, /^ApiError 401: The skimmer-api-key header does not hold a valid API key\./);
    assert.match(await banner.textContent(), /GET http:\/\/127\.0\.0\.1:\d+\/CustomerActivityLogs\/cust-1001 · trace id \S+/);
    assert.doesNotMatch(await banner.textContent(), /not-the-key/, 'the key is never shown');
    const refused = await loggedRequest(demo.emulator, { status: 401 });
    assert.equal(refused.authorized, false);
    assert.equal((await rowIds(page)).length, 6, 'the last good log stays');
    await textMatches(page.locator('#log-note'), /^Not refreshed: showing the log as loaded at/);
    await textMatches(page.locator('#rate-limit'), /^Rate limit: \d+\/500/);

    // The banner points to where the key is set.
    await banner.getByRole('button', { name: 'Check the API key under Connection' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'api-key');
    await page.fill('#api-key', 'demo-key');
    await page.click('#apply-connection');
    await until(async () => !(await page.isVisible('#log-note')), { message: 'the log again' });
    assert.equal((await rowIds(page)).length, 6);
    assert.equal(await page.textContent('#banner'), '');
    assert.equal(await banner.count(), 0, 'the empty banner is not shown');
    noPageErrors(page);
  });

  test('server-side 400 errors are shown against their fields', TIMEOUT, async () => {
    const page = await demo.open();
    // The page validates first, so only a server that disagrees answers 400. Make the server
    // see a title and a description the rules refuse: the emulator's own validation answers.
    await page.route('**/CustomerActivityLogs/cust-1001', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData());
      return route.continue({
        postData: JSON.stringify({ ...body, title: `${body.title}_!`, description: 'x'.repeat(301) }),
      });
    });
    await page.fill('#title', 'Valid here');
    await page.fill('#description', 'Short');
    await page.click('#submit-activity');

    await textMatches(page.getByRole('alert'), /^ApiError 400: One or more validation errors occurred\./);
    const refused = await loggedRequest(demo.emulator, { method: 'POST' });
    assert.equal(refused.status, 400);
    await textMatches(page.locator('#title-message'), 'Title may contain only letters A-Z, digits 0-9, hyphens and spaces; remove "_", "!".');
    await textMatches(page.locator('#description-message'), 'Description must be at most 300 characters; it has 301.');
    assert.equal(await page.getAttribute('#title', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#description', 'aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'title', 'focus on the first field in error');
    assert.equal((await rowIds(page)).length, 6, 'nothing added');

    // Editing a field replaces the server's message with live validation.
    await page.locator('#title').pressSequentially(' again');
    assert.equal(await page.textContent('#title-message'), '');
    assert.equal(await page.getAttribute('#title', 'aria-invalid'), 'false');
    assert.match(await page.textContent('#description-message'), /at most 300/);
    noPageErrors(page);
  });

  test('keyboard only: pick a type, fill the form, submit, open and dismiss a delete', TIMEOUT, async () => {
    const page = await demo.open();
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    // Tab from the top of the page to the type select.
    await until(async () => {
      await page.keyboard.press('Tab');
      return (await focused()) === 'type';
    }, { message: 'Tab to reach the type select', interval: 0 });
    await page.keyboard.press('ArrowDown'); // Call -> Text
    assert.equal(await page.inputValue('#type'), 'Text');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'title');
    await page.keyboard.type('Texted the new gate code');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'description');
    await page.keyboard.type('Code 7730.');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'author-name');
    await page.keyboard.type('Kay Board');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'submit-activity');
    await page.keyboard.press('Enter');

    const row = rowByTitle(page, 'Texted the new gate code');
    await row.waitFor();
    assert.equal(await row.locator('td.type').textContent(), 'Text');
    assert.match(await row.locator('td.created').textContent(), /^Kay Board/);
    assert.equal(await focused(), 'title', 'back in the form for the next entry');

    // The new row's Delete button, reached by Tab, opens the dialog; Escape closes it.
    await row.getByRole('button', { name: /^Delete/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    assert.match(await focused(), /^Delete Texted the new gate code/);
    assert.equal(await row.count(), 1);
    noPageErrors(page);
  });

  test('a full-page screenshot is written to tests/artifacts/demo.png', TIMEOUT, async () => {
    const page = await demo.open();
    await page.fill('#author-name', 'Maria Lopez');
    await page.fill('#title', 'Booked the filter clean');
    await page.click('#submit-activity');
    await rowByTitle(page, 'Booked the filter clean').waitFor();
    await page.locator('#title').pressSequentially('Chlorine top-up_');
    await textMatches(page.locator('#title-message'), /remove "_"/);
    // Let the row highlight finish, so the picture is stable.
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'demo.png');
    await page.screenshot({ path: file, fullPage: true });
    const size = fs.statSync(file).size;
    assert.ok(size > 10_000, `${size} bytes`);
    console.log(`demo screenshot: ${path.relative(process.cwd(), file)}`);
    noPageErrors(page);
  });
});
