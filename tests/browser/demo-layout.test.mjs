// The demo page's layout, measured in Chromium: on a phone (390 px) the log comes first as
// stacked cards with no sideways scrolling and targets of at least 44 × 44 px; on a laptop
// (1280 px) the log is a table beside the forms. Geometry a user sees, not class names.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, demoFixture, textMatches } from '../support/demo-page.mjs';

const TIMEOUT = { timeout: 30_000 };

/** The boxes of the elements matching `selector` that are rendered. */
function boxes(page, selector) {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0)
      .map(({ e, r }) => ({
        name: e.textContent.trim() || e.id,
        x: r.x,
        y: r.y + window.scrollY,
        width: r.width,
        height: r.height,
      })),
  );
}

/** The height of the table's column headings. */
function headingsHeight(page) {
  return page.locator('#log-table thead').evaluate((e) => e.getBoundingClientRect().height);
}

/** The lines a text node takes, as the top offsets of each character's box. */
function lineOfEachCharacter(page, selector) {
  return page.locator(selector).evaluate((element) => {
    const node = element.firstChild;
    const range = document.createRange();
    return [...node.textContent].map((_, i) => {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return Math.round(range.getBoundingClientRect().top);
    });
  });
}

describe('demo page layout', () => {
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

  test('390 px: the log first, as cards, nothing sideways, 44 px targets', TIMEOUT, async () => {
    const page = await demo.open({ viewport: PHONE });
    const width = PHONE.width;
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, 'no sideways page scroll');
    const region = await page.locator('#log-region').evaluate((e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(region[0] <= region[1], `no sideways scroll in the log: ${region}`);

    // The log before the forms, its first row on the first screen.
    const [log] = await boxes(page, '#log-card');
    const [form] = await boxes(page, '#activity-form');
    assert.ok(log.y < form.y, 'the log comes before the form');
    const [firstRow] = await boxes(page, '#log-body tr');
    assert.ok(firstRow.y + 100 < PHONE.height, `the first row starts at ${firstRow.y} px`);
    // Rows are stacked cards: each as wide as the log, its cells one under another.
    const rows = await boxes(page, '#log-body tr');
    assert.equal(rows.length, 6);
    for (const row of rows) assert.ok(row.x >= 0 && row.x + row.width <= width, `${row.name} fits`);
    assert.ok((await headingsHeight(page)) <= 1, 'no column headings over cards (kept for screen readers)');

    // Every button is at least 44 × 44 and inside the screen, with a banner, a rate-limit
    // wait and an edit in progress showing theirs too.
    await demo.emulator.fault({
      method: 'GET',
      path: '/CustomerActivityLogs/cust-1001',
      status: 429,
      retryAfter: '30',
    });
    await page.click('#refresh');
    await page.locator('#log-wait').waitFor();
    const waitCancel = await boxes(page, '#log-wait button');
    await page.locator('#log-wait button').click();
    await demo.emulator.fault({ method: 'GET', path: '/CustomerActivityLogs/cust-1001', status: 401 });
    await page.click('#refresh');
    await textMatches(page.locator('#banner'), /^ApiError 401/);
    await page.locator('tr[data-id="act-1001-01"]').getByRole('button', { name: /^Edit/ }).click();
    const buttons = [...waitCancel, ...(await boxes(page, 'button'))];
    const names = buttons.map((b) => b.name);
    for (const name of [
      'Cancel',
      'Check the API key under Connection',
      'Dismiss',
      'Cancel edit',
      'Save changes',
      'Refresh',
      'Show log',
      'Apply',
    ]) {
      assert.ok(names.includes(name), `${name} among ${names}`);
    }
    for (const b of buttons) {
      assert.ok(b.width >= 44 && b.height >= 44, `${b.name}: ${b.width} × ${b.height}`);
      assert.ok(b.x >= 0 && b.x + b.width <= width, `${b.name} on screen`);
    }
    // Inputs too.
    for (const b of await boxes(page, 'input, select')) assert.ok(b.height >= 44, `${b.name}: ${b.height} high`);
    await page.keyboard.press('Escape');

    // "resets in 60 s": the unit never wraps away from its number.
    const text = await textMatches(page.locator('#rate-limit'), /\d\u00a0s$/);
    const lines = await lineOfEachCharacter(page, '#rate-limit');
    assert.equal(lines.at(-1), lines.at(-3), `"${text}": "s" on the line of its number`);

    // The dialog keeps a margin on both sides.
    await page
      .locator('tr[data-id="act-1001-04"]')
      .getByRole('button', { name: /^Delete/ })
      .click();
    const [dialog] = await boxes(page, '#confirm-delete');
    assert.ok(dialog.x >= 12 && dialog.x + dialog.width <= width - 12, `dialog at ${dialog.x}, ${dialog.width} wide`);
    for (const b of await boxes(page, '#confirm-delete button'))
      assert.ok(b.height >= 44, `${b.name}: ${b.height} high`);
    assert.deepEqual(page.errors.map(String), []);
  });

  test('1280 px: the log is a table beside the forms, with no sideways scrolling', TIMEOUT, async () => {
    const page = await demo.open({ viewport: DESKTOP });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= DESKTOP.width);
    const region = await page.locator('#log-region').evaluate((e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(region[0] <= region[1], `no sideways scroll in the log: ${region}`);
    assert.ok((await headingsHeight(page)) > 20, 'column headings');
    const [log] = await boxes(page, '#log-card');
    const [form] = await boxes(page, '#activity-form');
    assert.ok(form.x > log.x + log.width, 'the form is beside the log');
    // A row's cells side by side, Edit and Delete inside the table.
    const cells = await boxes(page, 'tr[data-id="act-1001-06"] > td');
    assert.equal(cells.length, 7);
    assert.ok(
      cells.every((c, i) => i === 0 || c.x > cells[i - 1].x),
      'cells in one row',
    );
    for (const b of await boxes(page, 'button'))
      assert.ok(b.width >= 24 && b.height >= 24, `${b.name}: ${b.width} × ${b.height}`);
    assert.deepEqual(page.errors.map(String), []);
  });
});
