// Next.js 16 (App Router) with the package from the npm pack tarball and no configuration, built
// with Turbopack (the default) and with webpack, then served by `next start` and driven in
// Chromium against the emulator:
// - a client component, prerendered at build time and hydrated, validating live with validateField;
// - a route handler on the Node.js runtime that calls the API with the key from an environment
//   variable (the server-side proxy), which the form posts to;
// - a page on the edge runtime running the shared scenario (and, with Turbopack, a route handler).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '../support/emulator.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { EXPECTED, packTarball, prepare, toolchain, freePort, startServer, inPage, checkOutcome } from './support.mjs';

// Not the emulator's documented default: a secret the browser must never see.
const API_KEY = `next-secret-${randomBytes(8).toString('hex')}`;
let tools;
let tarball;
let emulator;
let browser;

before(async () => {
  tools = toolchain();
  tarball = packTarball(path.join(tools.projects, 'nextjs-tarball'));
  emulator = await startEmulator(['--api-key', API_KEY]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await emulator?.stop();
});

/** Every file under `dir`. */
function files(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

for (const [bundler, buildArgs] of [
  ['Turbopack', ['build']],
  ['webpack', ['build', '--webpack']],
]) {
  test(`Next.js 16, ${bundler}: next build, next start, driven in Chromium`, async () => {
    const dir = prepare('nextjs', { into: tools.projects, tarball, as: `nextjs-${bundler.toLowerCase()}` });
    // Next.js 16.4.6's webpack build fails on any edge route handler, this package or not
    // ("ENOENT … route_client-reference-manifest.js"): there, the edge page stands for both.
    const edgeHandler = bundler === 'Turbopack';
    if (!edgeHandler) fs.rmSync(path.join(dir, 'app', 'api', 'edge'), { recursive: true });
    const env = { NEXT_TELEMETRY_DISABLED: '1' };
    execFileSync(tools.bin('next'), buildArgs, {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 400_000,
    });
    const { validateField } = await import(
      pathToFileURL(path.join(dir, 'node_modules', 'skimmer-activity-logs', 'node.js')).href
    );
    const edgeFunctions = JSON.parse(
      fs.readFileSync(path.join(dir, '.next', 'server', 'middleware-manifest.json'), 'utf8'),
    ).functions;
    assert.ok(
      Object.keys(edgeFunctions).some((name) => name.startsWith('/edge')),
      'the /edge page is built for the edge runtime',
    );
    if (edgeHandler)
      assert.ok(
        Object.keys(edgeFunctions).some((name) => name.startsWith('/api/edge')),
        'so is /api/edge',
      );

    const port = await freePort();
    const server = await startServer(tools.bin('next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: dir,
      env: { ...env, SKIMMER_API_KEY: API_KEY, SKIMMER_BASE_URL: emulator.url },
      ready: /Ready in/,
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      // Prerendered: the form as the server rendered it at build time, validateField included.
      const html = await (await fetch(`${base}/`)).text();
      assert.match(html, /<form data-hydrated="no">/);
      assert.match(html, /<li data-code="required">/);

      // Hydrated in the browser, then validated live on every keystroke.
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      const seen = [];
      page.on('response', (response) => {
        seen.push(response);
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      try {
        await page.goto(`${base}/`);
        await page.waitForSelector('form[data-hydrated="yes"]', { timeout: 30_000 });
        await page.fill('#title', 'Bad_title');
        await page.waitForSelector('#title-issues li[data-code="invalid_characters"]', { timeout: 10_000 });
        assert.equal(await page.textContent('#title-issues li'), validateField('title', 'Bad_title')[0].message);
        assert.equal(await page.isDisabled('#add'), true);
        await page.fill('#title', 'Checked the pump');
        await page.waitForFunction(() => document.querySelectorAll('#title-issues li').length === 0, null, {
          timeout: 10_000,
        });
        await page.selectOption('#type', 'Email');

        // Submitted to the route handler, which creates it with the key from its environment.
        await page.click('#add');
        await page.waitForSelector('#answer', { timeout: 30_000 });
        const answer = JSON.parse(await page.textContent('#answer'));
        assert.equal(answer.status, 201, JSON.stringify(answer));
        assert.equal(answer.body.title, 'Checked the pump');
        assert.equal(answer.body.type, 'Email');
        const stored = await fetch(`${emulator.url}/CustomerActivityLogs/cust-1001/${answer.body.id}`, {
          headers: { 'skimmer-api-key': API_KEY },
        });
        assert.equal(stored.status, 200, 'the activity is in the emulator');
        assert.deepEqual(problems, [], 'no hydration mismatch or other error');

        // The key stayed on the server: in nothing the browser received.
        for (const response of seen) {
          const body = await response.body().catch(() => Buffer.alloc(0));
          assert.ok(!body.includes(API_KEY), `${response.url()} holds the API key`);
          assert.ok(
            !JSON.stringify(await response.allHeaders()).includes(API_KEY),
            `${response.url()}: a header holds the API key`,
          );
        }
      } finally {
        await page.close();
      }
      for (const file of files(path.join(dir, '.next', 'static'))) {
        assert.ok(!fs.readFileSync(file).includes(API_KEY), `${file} (served to browsers) holds the API key`);
      }

      // The edge runtime page: the shared scenario on the server.
      const {
        results: [outcome],
        problems: edgeProblems,
      } = await inPage(browser, `${base}/edge`);
      checkOutcome(outcome, EXPECTED, `${bundler}, edge runtime page`);
      assert.deepEqual(edgeProblems, []);
      if (edgeHandler) {
        const response = await fetch(`${base}/api/edge`, { signal: AbortSignal.timeout(30_000) });
        checkOutcome(await response.json(), EXPECTED, `${bundler}, edge runtime route handler`);
      }
    } finally {
      await server.stop();
    }
  });
}
