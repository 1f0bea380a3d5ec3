// The Standard Schema object in a form library, as users would wire it: a Vite + React page with
// react-hook-form and @hookform/resolvers' standardSchemaResolver(activityInputSchema), built by
// `vite build` and driven in Chromium. Errors appear per field with the package's own messages;
// a valid submit creates the activity through the client against the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, API_KEY } from '../support/emulator.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { packTarball, prepare, toolchain } from './support.mjs';

let tools;
let tarball;
let emulator;
let browser;

before(async () => {
  tools = toolchain();
  tarball = packTarball(path.join(tools.projects, 'react-hook-form-tarball'));
  emulator = await startEmulator();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await emulator?.stop();
});

test('react-hook-form with standardSchemaResolver(activityInputSchema): per-field messages, then a created activity', async () => {
  const dir = prepare('react-hook-form', { into: tools.projects, tarball });
  execFileSync(tools.bin('vite'), ['build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  const { validateField } = await import(
    pathToFileURL(path.join(dir, 'node_modules', 'skimmer-activity-logs', 'node.js')).href
  );
  const message = (field, value) => validateField(field, value)[0].message;

  const server = await serveStatic({ mounts: { '/': path.join(dir, 'dist') } });
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (entry) => {
    if (entry.type() === 'error') problems.push(entry.text());
  });
  const errorOf = (field) => page.textContent(`#${field}-error`);
  try {
    await page.goto(`${server.url}/?api=${encodeURIComponent(emulator.url)}`);

    // Nothing filled in: the package's `required` messages, each under its field.
    await page.click('#save');
    await page.waitForFunction(() => document.querySelector('#title-error')?.textContent, null, { timeout: 20_000 });
    assert.equal(await errorOf('type'), message('type', ''));
    assert.equal(await errorOf('title'), message('title', ''));
    assert.equal(await errorOf('description'), '');

    // Wrong values: the messages change with them (react-hook-form re-validates on change).
    await page.selectOption('#type', 'Text');
    await page.fill('#title', 'Pump_check #2');
    await page.fill('#description', 'x'.repeat(301));
    await page.click('#save');
    await page.waitForFunction(
      (expected) => document.querySelector('#title-error').textContent === expected,
      message('title', 'Pump_check #2'),
      { timeout: 10_000 },
    );
    assert.equal(await errorOf('type'), '');
    assert.equal(await errorOf('description'), message('description', 'x'.repeat(301)));
    assert.equal(await page.$('#created'), null, 'nothing is sent while the form is invalid');

    // Valid: submitted through the client, created in the emulator.
    await page.fill('#title', 'Pump checked');
    await page.fill('#description', 'Replaced the seal');
    await page.click('#save');
    await page.waitForSelector('#created, #failure', { timeout: 20_000 });
    assert.equal(await page.$('#failure'), null, await page.textContent('#failure').catch(() => ''));
    const created = JSON.parse(await page.textContent('#created'));
    assert.deepEqual([created.type, created.title, created.description], ['Text', 'Pump checked', 'Replaced the seal']);
    assert.deepEqual([await errorOf('type'), await errorOf('title'), await errorOf('description')], ['', '', '']);
    const stored = await fetch(`${emulator.url}/CustomerActivityLogs/cust-1001/${encodeURIComponent(created.id)}`, {
      headers: { 'skimmer-api-key': API_KEY },
    });
    assert.equal(stored.status, 200);
    assert.equal((await stored.json()).title, 'Pump checked');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
    await server.close();
  }
});
