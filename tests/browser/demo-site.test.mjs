// The demo with no server: `make demo-site`'s files (tools/demo-site.mjs, built here afresh into
// target/demo-site/) behind a plain static file server, under a sub-path as a GitHub Pages project
// site has it, with no emulator process. No API answers the page's origin, so the page runs the
// emulator in the browser: the log, create, edit, delete, every validation message and the
// API's errors all work, and no API request leaves the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildDemoSite } from '../../tools/demo-site.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { ROOT, WAIT_MS, rowByTitle, rowIds, settled, textMatches } from '../support/demo-page.mjs';

const SITE = path.join(ROOT, 'target', 'demo-site');
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TIMEOUT = { timeout: 60_000 };
let server;
let browser;
let files;

before(async () => {
  files = buildDemoSite({ out: SITE });
  server = await serveStatic({ mounts: { '/skimmer-demo/': SITE } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page on the site, with every request it makes and its errors recorded. */
async function open(query = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.errors = [];
  page.requests = [];
  page.on('pageerror', (error) => page.errors.push(error));
  page.on('request', (request) => page.requests.push(request.url()));
  await page.goto(`${server.url}/skimmer-demo/${query}`);
  await settled(page);
  return page;
}

test("the site is the page, the package's browser files and both .wasm", () => {
  for (const file of [
    'index.html',
    'app.js',
    'style.css',
    'pkg/index.js',
    'pkg/skimmer_activity_logs_bg.wasm',
    'pkg/emulator/index.js',
    'pkg/emulator/skimmer_emulator_bg.wasm',
  ]) {
    assert.ok(files.includes(file), `${file} in ${files}`);
  }
  assert.ok(!files.some((f) => f.startsWith('pkg/cjs/')), 'nothing a browser does not load');
});

test('with no server, the log runs on the emulator in the page: list, create, edit, delete', TIMEOUT, async () => {
  const page = await open();
  assert.equal(await page.inputValue('#api-where'), 'browser');
  assert.equal(await page.isVisible('#base-url'), false, 'no base URL to fill in');
  assert.match(await page.textContent('#api-where-hint'), /inside this page/);
  assert.deepEqual(await rowIds(page), [
    'act-1001-06',
    'act-1001-05',
    'act-1001-04',
    'act-1001-03',
    'act-1001-02',
    'act-1001-01',
  ]);
  await textMatches(page.locator('#status'), '6 activities for cust-1001.');
  await textMatches(page.locator('#rate-limit'), /^Rate limit: 499\/500 left/);
  assert.equal(await page.locator('tr.system').count(), 3, 'system rows, read-only');
  await page.evaluate(AXE_SOURCE);
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' '))}`),
    [],
    'axe, in-browser mode',
  );

  await page.fill('#title', 'Checked the heater');
  await page.fill('#description', 'Pilot light was out');
  await page.fill('#author-name', 'Ana');
  await page.click('#submit-activity');
  const added = rowByTitle(page, 'Checked the heater');
  await added.waitFor();
  assert.match(await added.locator('td.created').textContent(), /^Ana/);

  await added.getByRole('button', { name: /^Edit/ }).click();
  await page.fill('#title', 'Relit the heater');
  await page.click('#submit-activity');
  const edited = rowByTitle(page, 'Relit the heater');
  await edited.waitFor();
  await textMatches(page.locator('#status'), 'Saved “Relit the heater”.');

  await edited.getByRole('button', { name: /^Delete/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await edited.waitFor({ state: 'detached' });
  await textMatches(page.locator('#status'), 'Deleted “Relit the heater”.');

  // The store kept every change: a refresh lists what the emulator holds.
  await page.click('#refresh');
  await settled(page);
  assert.equal((await rowIds(page)).length, 6);

  // Another customer, an unknown one, a wrong key: the API's own answers, in the page.
  await page.fill('#customer-id', 'cust-1003');
  await page.click('#load-log');
  await textMatches(page.locator('#status'), /activities for cust-1003\./);
  await page.fill('#customer-id', 'cust-0000');
  await page.click('#load-log');
  await textMatches(page.locator('#banner'), /^ApiError 404: /);
  await page.fill('#customer-id', 'cust-1001');
  await page.fill('#api-key', 'not-the-key');
  await page.click('#apply-connection');
  await textMatches(
    page.locator('#banner'),
    /^ApiError 401: The skimmer-api-key header does not hold a valid API key\./,
  );

  const origin = new URL(server.url).origin;
  const apiCalls = page.requests.filter((url) => new URL(url).pathname.includes('/CustomerActivityLogs'));
  assert.deepEqual(apiCalls, [`${origin}/CustomerActivityLogs`], 'only the look for a server left the page');
  assert.ok(
    page.requests.every((url) => url.startsWith(origin)),
    'nothing but its own origin',
  );
  assert.ok(page.requests.some((url) => url.endsWith('/skimmer-demo/pkg/emulator/skimmer_emulator_bg.wasm')));
  assert.deepEqual(page.errors.map(String), []);
  await page.context().close();
});

test("every validation message shows as the user types, from the package's own rules", TIMEOUT, async () => {
  const page = await open();
  const expected = (field, value) =>
    page.evaluate(
      async ([f, v]) => {
        const { validateField } = await import('./pkg/index.js');
        return validateField(f, v)
          .map((issue) => issue.message)
          .join(' ');
      },
      [field, value],
    );
  const cases = [
    ['title', '#title', '#title-message', 'Café_pool!'],
    ['title', '#title', '#title-message', 'A'.repeat(61)],
    ['title', '#title', '#title-message', '   '],
    ['description', '#description', '#description-message', 'x'.repeat(301)],
  ];
  for (const [field, input, message, value] of cases) {
    await page.fill(input, value);
    const want = await expected(field, value);
    assert.notEqual(want, '', `${field}: ${value.slice(0, 10)}… is refused`);
    await textMatches(page.locator(message), want);
  }
  // An empty title on submit: required, and nothing is sent.
  await page.fill('#title', '');
  await page.fill('#description', '');
  await page.focus('#submit-activity'); // aria-disabled, yet reachable: Enter says why
  await page.keyboard.press('Enter');
  await textMatches(page.locator('#title-message'), await expected('title', ''));
  assert.equal((await rowIds(page)).length, 6);
  assert.deepEqual(page.errors.map(String), []);
  await page.context().close();
});

test('a reload starts the in-page emulator over; a server can still be chosen', TIMEOUT, async () => {
  const page = await open('?customer=cust-1002');
  await page.fill('#title', 'Only until a reload');
  await page.click('#submit-activity');
  await rowByTitle(page, 'Only until a reload').waitFor();
  await page.reload();
  await settled(page);
  assert.equal(await rowByTitle(page, 'Only until a reload').count(), 0);
  assert.equal(await page.inputValue('#customer-id'), 'cust-1002');

  await page.selectOption('#api-where', 'server');
  assert.equal(await page.isVisible('#base-url'), true);
  assert.equal(await page.textContent('#api-where-hint'), 'Calls go to the base URL below.');
  await page.click('#apply-connection');
  await textMatches(page.locator('#banner'), /^(ApiError 404|DecodeError)/); // a static host is no API
  assert.deepEqual(page.errors.map(String), []);
  await page.context().close();
});
