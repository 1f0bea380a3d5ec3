// The demo page (www-example) in real Chromium against the real emulator, which serves the page,
// the package and the API on one origin: what a newcomer does with it after `make demo`.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  WAIT_MS,
  apiRequests,
  demoFixture,
  lastSeq,
  loggedRequest,
  rowByTitle,
  rowIds,
  settled,
  textMatches,
  until,
} from '../support/demo-page.mjs';

const TIMEOUT = { timeout: 30_000 };
const SEEDED_1001 = ['act-1001-06', 'act-1001-05', 'act-1001-04', 'act-1001-03', 'act-1001-02', 'act-1001-01'];

describe('demo page', () => {
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

  test('the seeded log renders, newest first, system rows marked and read-only', TIMEOUT, async () => {
    const page = await demo.open();
    assert.deepEqual(await rowIds(page), SEEDED_1001);
    assert.equal(await page.inputValue('#base-url'), demo.emulator.url, 'base URL = the page origin');
    assert.equal(await page.inputValue('#api-key'), 'demo-key');
    assert.equal(await page.inputValue('#customer-id'), 'cust-1001');
    assert.deepEqual(await page.locator('#customer-options option').evaluateAll((o) => o.map((x) => x.value)), [
      'cust-1001',
      'cust-1002',
      'cust-1003',
    ]);

    const system = page.locator('tr[data-id="act-1001-02"]');
    assert.match(await system.getAttribute('class'), /\bsystem\b/);
    assert.equal(await system.locator('.badge-system').textContent(), 'System');
    assert.equal(
      await system.locator('td.type .badge').first().textContent(),
      'Invoice sent',
      'a system kind in words',
    );
    assert.equal(
      await page.locator('tr[data-id="act-1001-03"] td.type .badge').first().textContent(),
      'Payment received',
    );
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
    assert.deepEqual(await manual.getByRole('button').allTextContents(), [
      'Edit Gate code reminder',
      'Delete Gate code reminder',
    ]);
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
    const { TITLE_PATTERN, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, ACTIVITY_TYPES } = await page.evaluate(() =>
      import('/pkg/index.js').then(({ TITLE_PATTERN, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, ACTIVITY_TYPES }) => ({
        TITLE_PATTERN,
        TITLE_MAX_LENGTH,
        DESCRIPTION_MAX_LENGTH,
        ACTIVITY_TYPES: [...ACTIVITY_TYPES],
      })),
    );
    assert.equal(await page.getAttribute('#title', 'pattern'), TITLE_PATTERN);
    assert.deepEqual(await page.locator('#type option').allTextContents(), ACTIVITY_TYPES);
    assert.equal(
      await page.getAttribute('#submit-activity', 'aria-disabled'),
      'true',
      'not ready while the title is empty',
    );
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
    await textMatches(
      page.locator('#title-message'),
      'Title may contain only letters A-Z, digits 0-9, hyphens and spaces; remove "_", "!".',
    );
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.textContent('#title-count'), '12/60');
    assert.equal(await page.getAttribute('#submit-activity', 'aria-disabled'), 'true');
    assert.equal(await page.textContent('#submit-reason'), 'Correct the title to add the activity.');

    // Enter in the field (implicit submission), a forced requestSubmit and a click on the
    // button that says it is not ready: the page refuses all three.
    await title.press('Enter');
    await page.evaluate(() => document.getElementById('activity-form').requestSubmit());
    await page.click('#submit-activity', { force: true }); // aria-disabled: Playwright would wait
    assert.equal(
      await page.evaluate(() => document.activeElement.id),
      'title',
      'a refused submit goes to the field to correct',
    );
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
    assert.equal(
      await again.locator('td.description').textContent(),
      'Customer reports cloudy water after the storm; booked a visit for Tuesday.',
    );
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
    assert.match(
      await banner.textContent(),
      /GET http:\/\/127\.0\.0\.1:\d+\/CustomerActivityLogs\/cust-1001 · trace id \S+/,
    );
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
    await textMatches(
      page.locator('#title-message'),
      'Title may contain only letters A-Z, digits 0-9, hyphens and spaces; remove "_", "!".',
    );
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
    await until(
      async () => {
        await page.keyboard.press('Tab');
        return (await focused()) === 'type';
      },
      { message: 'Tab to reach the type select', interval: 0 },
    );
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

  test('the status and the heading follow what the page is doing', TIMEOUT, async () => {
    const page = await demo.open();
    await page
      .locator('tr[data-id="act-1001-04"]')
      .getByRole('button', { name: /^Delete/ })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await textMatches(page.locator('#status'), 'Deleted “Sent chemical readings”.');
    await demo.emulator.fault({ method: 'GET', path: '/CustomerActivityLogs/cust-1001', status: 503, times: 3 });
    await page.click('#refresh');
    await textMatches(page.locator('#banner'), /^ApiError 503/);
    assert.equal(await page.textContent('#status'), '', 'no "Deleted …" beside a later error');

    // While cust-1002 loads, the card is about cust-1002, with none of cust-1001's rows.
    await demo.emulator.fault({ method: 'GET', path: '/CustomerActivityLogs/cust-1002', delayMs: 2_500 });
    await page.fill('#customer-id', 'cust-1002');
    await page.click('#load-log');
    await textMatches(page.locator('#log-heading'), 'Activities · cust-1002');
    assert.equal(await page.textContent('#status'), 'Loading the log of cust-1002…');
    assert.deepEqual(await rowIds(page), []);
    assert.equal(await page.textContent('#log-placeholder'), 'Loading activities for cust-1002…');
    assert.equal(await page.isVisible('#log-note'), false, 'the stale note was about cust-1001');
    assert.equal(await page.textContent('#banner'), '', 'the old error is gone');
    await textMatches(page.locator('#status'), /^\d+ activities for cust-1002\.$/);
    assert.ok((await rowIds(page)).every((id) => id.startsWith('act-1002-')));
    noPageErrors(page);
  });

  test('customer ids: ".." is explained, and an empty ?customer= is no error', TIMEOUT, async () => {
    const page = await demo.open({ query: '?customer=' });
    assert.equal(await page.inputValue('#customer-id'), '');
    assert.equal(await page.textContent('#log-placeholder'), 'Choose a customer to show their log.');
    assert.equal(await page.textContent('#banner'), '');
    assert.equal(await page.textContent('#customer-message'), '');
    assert.deepEqual(await apiRequests(demo.emulator), [], 'nothing asked of the server');
    await page.click('#load-log');
    await textMatches(page.locator('#customer-message'), 'Enter a customer id.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'customer-id');

    await page.fill('#customer-id', 'cust-1002');
    await page.press('#customer-id', 'Enter');
    await textMatches(page.locator('#status'), /^\d+ activities for cust-1002\.$/);
    assert.equal(await page.textContent('#customer-message'), '');
    const rows = await rowIds(page);

    for (const id of ['..', '.', ' .. ']) {
      await page.fill('#customer-id', id);
      await page.press('#customer-id', 'Enter');
      await textMatches(
        page.locator('#customer-message'),
        `“${id.trim()}” can't be a customer id: in a URL, “.” and “..” mean this folder and the folder above.`,
      );
      assert.equal(await page.getAttribute('#customer-id', 'aria-invalid'), 'true');
      assert.equal(await page.textContent('#log-heading'), 'Activities · cust-1002', 'still the log it was showing');
      assert.deepEqual(await rowIds(page), rows);
      assert.equal(await page.textContent('#banner'), '');
    }
    assert.equal((await apiRequests(demo.emulator)).length, 1, 'only the cust-1002 list was sent');
    await page.locator('#customer-id').pressSequentially('x');
    assert.equal(await page.textContent('#customer-message'), '', 'typing clears the message');

    // A ".." sent while a log loads leaves that load to finish.
    await demo.emulator.fault({ method: 'GET', path: '/CustomerActivityLogs/cust-1003', delayMs: 1_000 });
    await page.fill('#customer-id', 'cust-1003');
    await page.press('#customer-id', 'Enter');
    await textMatches(page.locator('#status'), 'Loading the log of cust-1003…');
    await page.fill('#customer-id', '..');
    await page.press('#customer-id', 'Enter');
    await textMatches(page.locator('#customer-message'), /can't be a customer id/);
    await textMatches(page.locator('#status'), /^\d+ activities for cust-1003\.$/);
    assert.equal(await page.textContent('#log-heading'), 'Activities · cust-1003');
    assert.ok((await rowIds(page)).every((id) => id.startsWith('act-1003-')));
    assert.match(await page.textContent('#customer-message'), /can't be a customer id/, 'the message stays');
    noPageErrors(page);
  });

  test('a paste over the limits is kept and reported, not cut off', TIMEOUT, async () => {
    const page = await demo.open();
    await page.focus('#title');
    await page.keyboard.insertText('Pasted title '.repeat(5)); // 65 characters
    assert.equal((await page.inputValue('#title')).length, 65);
    assert.equal(await page.textContent('#title-count'), '65/60');
    await textMatches(page.locator('#title-message'), 'Title must be at most 60 characters; it has 65.');
    await page.focus('#description');
    await page.keyboard.insertText('d'.repeat(320));
    assert.equal((await page.inputValue('#description')).length, 320);
    await textMatches(page.locator('#description-message'), 'Description must be at most 300 characters; it has 320.');
    assert.equal(
      await page.textContent('#submit-reason'),
      'Correct the title and the description to add the activity.',
    );
    noPageErrors(page);
  });

  test('the title hint says which letters, and a refused one is named', TIMEOUT, async () => {
    const page = await demo.open();
    assert.match(await page.textContent('#title-hint'), /Letters A–Z without accents \(so not é or ñ\)/);
    await page.locator('#title').pressSequentially('Café');
    await textMatches(page.locator('#title-message'), 'remove "é"');
    noPageErrors(page);
  });

  test("an empty base URL asks before calling Skimmer's real API", TIMEOUT, async () => {
    const page = await demo.open();
    const outside = [];
    await page.route(
      (url) => !url.href.startsWith(demo.emulator.url),
      (route) => {
        outside.push(route.request());
        return route.abort('internetdisconnected'); // never leaves this machine
      },
    );
    await page.fill('#base-url', '');
    assert.match(await page.textContent('#base-url-hint'), /^Empty: calls go to Skimmer's real API/);
    const before = await lastSeq(demo.emulator);
    await page.click('#apply-connection');
    const dialog = page.getByRole('dialog', { name: "Use Skimmer's real API?" });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'real-api-cancel', 'the safe choice has focus');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await until(async () => (await page.evaluate(() => document.activeElement.id)) === 'base-url', {
      message: 'focus on the base URL',
    });
    await page.click('#refresh');
    await loggedRequest(demo.emulator, { method: 'GET' }, { afterSeq: before }); // still the emulator
    assert.deepEqual(outside, []);

    await page.click('#apply-connection');
    await dialog.getByRole('button', { name: 'Use the real API' }).click();
    await textMatches(page.locator('#banner'), /^NetworkError/);
    // (A GET that fails to connect is retried: one to three attempts.)
    assert.deepEqual([...new Set(outside.map((r) => new URL(r.url()).pathname))], ['/CustomerActivityLogs/cust-1001']);
    assert.equal(new URL(outside[0].url()).protocol, 'https:');
    noPageErrors(page);
  });

  test('a DecodeError banner names the request once', TIMEOUT, async () => {
    const page = await demo.open();
    await demo.emulator.fault({ method: 'GET', path: '/CustomerActivityLogs/cust-1001', body: 'invalid-json' });
    await page.click('#refresh');
    const text = await textMatches(page.locator('#banner'), /^DecodeError 200: the response body is not valid JSON/);
    const url = `${demo.emulator.url}/CustomerActivityLogs/cust-1001`;
    assert.equal(text.split(url).length - 1, 1, text);
    noPageErrors(page);
  });

  test('the Add button is reached by keyboard and says why it is not ready', TIMEOUT, async () => {
    const page = await demo.open();
    await page.focus('#author-name');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'submit-activity');
    assert.equal(await page.getAttribute('#submit-activity', 'aria-disabled'), 'true');
    assert.equal(await page.isVisible('#submit-reason'), true);
    const description = await page.evaluate(() => {
      const button = document.getElementById('submit-activity');
      return button
        .getAttribute('aria-describedby')
        .split(' ')
        .map((id) => document.getElementById(id).textContent)
        .join(' ');
    });
    assert.equal(description, 'Enter a title to add the activity.');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'title');
    await textMatches(page.locator('#title-message'), 'Title is required.');
    assert.deepEqual(await apiRequests(demo.emulator, { method: 'POST' }), []);
    noPageErrors(page);
  });

  test('saving an activity deleted elsewhere keeps what was typed', TIMEOUT, async () => {
    const page = await demo.open();
    await page.locator('tr[data-id="act-1001-01"]').getByRole('button', { name: /^Edit/ }).click();
    const gone = await fetch(`${demo.emulator.url}/CustomerActivityLogs/cust-1001/act-1001-01`, {
      method: 'DELETE',
      headers: { 'skimmer-api-key': 'demo-key' },
    });
    assert.equal(gone.status, 204);
    await page.fill('#title', 'Called about clear water');
    await page.click('#submit-activity');
    await textMatches(page.locator('#form-error'), /^“Called about cloudy water” was deleted elsewhere/);
    await page.locator('tr[data-id="act-1001-01"]').waitFor({ state: 'detached' });
    assert.equal(await page.textContent('#form-heading'), 'New activity');
    assert.equal(await page.inputValue('#title'), 'Called about clear water');
    await page.click('#submit-activity');
    await rowByTitle(page, 'Called about clear water').waitFor();
    noPageErrors(page);
  });

  test('the page runs under a strict Content-Security-Policy', TIMEOUT, async () => {
    // No inline script or style, no eval, no form posting anywhere: the page works when its
    // server sends this policy (the emulator does not, today).
    const policy =
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
      "connect-src 'self'; img-src data:; form-action 'none'; base-uri 'none'";
    const page = await demo.open({ ready: false, query: '?strict' });
    const violations = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.route(`${demo.emulator.url}/?strict`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
    });
    await page.reload();
    await settled(page);
    assert.equal((await rowIds(page)).length, 6);
    await page.fill('#title', 'Added under a strict policy');
    await page.click('#submit-activity');
    await rowByTitle(page, 'Added under a strict policy').waitFor();
    assert.deepEqual(violations, []);
    noPageErrors(page);
  });
});
