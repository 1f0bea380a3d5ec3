// skimmer-activity-logs/emulator in Chromium: a page and a module worker import it and run the
// client against it; a page that imports only the main entry, and the demo page on a server,
// never fetch the emulator's files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from '../support/static-server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { PKG, demoFixture, settled } from '../support/demo-page.mjs';

const SCENARIO = `
  import { ActivityLogClient } from '/pkg/index.js';
  import { createEmulator } from '/pkg/emulator/index.js';
  export async function run() {
    const emulator = createEmulator();
    const client = new ActivityLogClient({ apiKey: 'demo-key', fetch: emulator.fetch });
    const made = await client.create('cust-1002', { type: 'Other', title: 'Made in process' });
    const listed = await client.list('cust-1002');
    let dropped = null;
    try {
      await emulator.fetch('https://publicapi.getskimmer.com/CustomerActivityLogs/cust-1002', {
        headers: { 'skimmer-api-key': 'demo-key', 'x-emulator-fault': 'drop' },
      });
    } catch (error) {
      dropped = error.name;
    }
    return { title: made.title, listed: listed.some((a) => a.id === made.id), stored: emulator.activities('cust-1002').length,
      dropped, log: emulator.requests().map((r) => r.status) };
  }`;
const EXPECTED = { title: 'Made in process', listed: true, stored: 6, dropped: 'TypeError', log: [201, 200, null] };

const pages = {
  '/main.html': `<!doctype html><meta charset="utf-8"><output id="result"></output>
    <script type="module">
      import { validateActivity } from '/pkg/index.js';
      document.getElementById('result').textContent = JSON.stringify(validateActivity({ type: 'Call', title: 'Hi' }).valid);
    </script>`,
  '/emulator.html': `<!doctype html><meta charset="utf-8"><output id="result"></output><output id="worker"></output>
    <script type="module">
      import { run } from '/scenario.js';
      run().then((r) => { document.getElementById('result').textContent = JSON.stringify(r); },
        (e) => { document.getElementById('result').textContent = JSON.stringify(String(e)); });
      const worker = new Worker('/worker.js', { type: 'module' });
      worker.onmessage = (event) => { document.getElementById('worker').textContent = JSON.stringify(event.data); };
    </script>`,
};

// The scenario and the worker, as JS files (the static server's inline pages are HTML).
const scripts = {
  '/scenario.js': SCENARIO,
  '/worker.js': "import { run } from '/scenario.js'; run().then((r) => postMessage(r), (e) => postMessage(String(e)));",
};

let server;
let browser;

before(async () => {
  server = await serveStatic({ mounts: { '/pkg/': PKG }, pages });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` (with `scripts` served); returns the page's requests and the texts of `selectors`. */
async function visit(path, selectors) {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route('**/*.js', (route) => {
    const body = scripts[new URL(route.request().url()).pathname];
    return body ? route.fulfill({ contentType: 'text/javascript', body }) : route.continue();
  });
  await page.goto(`${server.url}${path}`);
  const texts = [];
  for (const selector of selectors) {
    await page.waitForFunction((s) => document.querySelector(s)?.textContent, selector, { timeout: 20_000 });
    texts.push(JSON.parse(await page.textContent(selector)));
  }
  await page.close();
  assert.deepEqual(errors, []);
  return { requests, texts };
}

test('a page and a module worker run the client on the in-process emulator', { timeout: 30_000 }, async () => {
  const {
    requests,
    texts: [page, worker],
  } = await visit('/emulator.html', ['#result', '#worker']);
  assert.deepEqual(page, EXPECTED);
  assert.deepEqual(worker, EXPECTED);
  assert.ok(requests.includes('/pkg/emulator/skimmer_emulator_bg.wasm'));
  assert.ok(!requests.some((p) => p.includes('CustomerActivityLogs')), 'no API request reached the network');
});

test('a page importing the main entry fetches its .wasm and nothing of the emulator', { timeout: 30_000 }, async () => {
  const {
    requests,
    texts: [valid],
  } = await visit('/main.html', ['#result']);
  assert.equal(valid, true);
  assert.ok(requests.includes('/pkg/skimmer_activity_logs_bg.wasm'), String(requests));
  assert.deepEqual(
    requests.filter((p) => p.includes('emulator')),
    [],
  );
});

test('the demo page on a server uses it and never loads the in-browser emulator', { timeout: 30_000 }, async () => {
  const demo = await demoFixture();
  try {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${demo.emulator.url}/`);
    await settled(page);
    assert.equal(await page.inputValue('#api-where'), 'server');
    assert.ok((await demo.emulator.requests()).some((r) => r.path === '/CustomerActivityLogs/cust-1001'));
    assert.ok(requests.includes('/pkg/skimmer_activity_logs_bg.wasm'));
    assert.deepEqual(
      requests.filter((p) => p.includes('emulator')),
      [],
    );
  } finally {
    await demo.close();
  }
});
