// The package as users meet it: `npm pack` of pkg/, installed into tiny consumer projects (each
// copied to target/consumers/ and given scenario.mjs), each running the shared scenario
// (validate, then list, create, get, update, delete against the emulator server, and again on the
// in-process emulator of skimmer-activity-logs/emulator) — in Node (ESM and CommonJS), a plain
// page under a strict CSP, a module worker, Vite (build and dev server) and webpack 5, all with no
// configuration; and TypeScript with moduleResolution bundler and node16.
// The runtimes, Next.js and react-hook-form have test files of their own beside this one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../support/emulator.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import {
  EXPECTED as expected,
  root,
  packTarball,
  prepare as prepareIn,
  freePort,
  inPage as inPageOf,
  checkOutcome as check,
} from './support.mjs';

const work = path.join(root, 'target', 'consumers');
const CSP = "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'";
// Each page runs the scenario twice: on the emulator server, and on the in-process emulator.
const BOTH = ['#result', '#emulator-result'];
let tarball;
let emulator;
let browser;

before(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  tarball = packTarball(work);
  emulator = await startEmulator();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await emulator?.stop();
});

/**
 * A fresh copy of a consumer project with the tarball (and its own devDependencies, or `deps`
 * instead, e.g. another Vite) installed.
 */
function prepare(name, { as = name, deps = [] } = {}) {
  return prepareIn(name, { into: work, tarball, as, deps });
}

function bin(dir, name) {
  return path.join(dir, 'node_modules', '.bin', name);
}

function checkOutcome(outcome, where) {
  check(outcome, expected, where);
}

function inPage(url, selectors) {
  return inPageOf(browser, url, selectors);
}

function nodeRun(dir, file) {
  const stdout = execFileSync('node', [file], {
    cwd: dir,
    env: { ...process.env, EMULATOR_URL: emulator.url },
    timeout: 30_000,
  });
  return JSON.parse(stdout.toString());
}

test('Node ESM: import (and the in-process emulator)', () => {
  const dir = prepare('node-esm');
  assert.deepEqual(nodeRun(dir, 'main.js'), expected);
  assert.deepEqual(nodeRun(dir, 'emulator.js'), expected);
});

test('Node CommonJS: require (and ./web through require, and the in-process emulator)', () => {
  const dir = prepare('node-cjs');
  assert.deepEqual(nodeRun(dir, 'main.js'), expected);
  assert.deepEqual(nodeRun(dir, 'emulator.js'), expected);
});

test('a plain page with <script type="module"> under a strict CSP, and a module worker', async () => {
  const dir = prepare('plain-html');
  const server = await serveStatic({ mounts: { '/': dir }, headers: { 'content-security-policy': CSP } });
  try {
    const {
      results: [page, worker, inProcess],
      problems,
    } = await inPage(`${server.url}/index.html?api=${emulator.url}`, ['#result', '#worker-result', '#emulator-result']);
    checkOutcome(page, 'page');
    checkOutcome(worker, 'worker');
    checkOutcome(inProcess, 'the in-process emulator in the page');
    assert.equal(worker.inWorker, true);
    assert.deepEqual(problems, [], 'no CSP violation or error');
  } finally {
    await server.close();
  }
});

test('Vite: vite build, loaded in Chromium', async () => {
  const dir = prepare('vite');
  execFileSync(bin(dir, 'vite'), ['build', '--logLevel', 'warn'], { cwd: dir, stdio: 'inherit', timeout: 120_000 });
  const assets = fs.readdirSync(path.join(dir, 'dist', 'assets'));
  assert.ok(
    assets.some((f) => f.endsWith('.wasm')),
    `the .wasm is emitted as an asset: ${assets}`,
  );
  const server = await serveStatic({ mounts: { '/': path.join(dir, 'dist') } });
  try {
    const {
      results: [outcome, inProcess],
      problems,
    } = await inPage(`${server.url}/?api=${emulator.url}`, BOTH);
    checkOutcome(outcome, 'vite build');
    checkOutcome(inProcess, 'vite build, the in-process emulator');
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});

/** Starts Vite's dev server in `dir` and checks the scenario in Chromium. */
async function viteDev(dir, where) {
  const port = await freePort();
  const vite = spawn(bin(dir, 'vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('vite dev did not start in 60 s')), 60_000);
      vite.stdout.on('data', (chunk) => {
        if (String(chunk).includes(String(port))) {
          clearTimeout(timer);
          resolve();
        }
      });
      vite.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`vite exited ${code}`));
      });
    });
    // The first visit may make Vite optimize dependencies and reload the page: try again then.
    let last;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        last = await inPage(`http://127.0.0.1:${port}/?api=${emulator.url}`, BOTH);
        break;
      } catch (error) {
        last = { error };
      }
    }
    assert.ok(last.results, String(last.error));
    checkOutcome(last.results[0], where);
    checkOutcome(last.results[1], `${where}, the in-process emulator`);
    // The dependency really was pre-bundled (away from its .wasm), the case the entry handles.
    assert.ok(fs.existsSync(path.join(dir, 'node_modules', '.vite', 'deps', 'skimmer-activity-logs.js')));
  } finally {
    vite.kill('SIGTERM');
  }
}

test('Vite: the dev server', async () => {
  await viteDev(prepare('vite'), 'vite dev');
});

test('Vite 7: the dev server (its optimizer leaves the .wasm behind)', async () => {
  await viteDev(prepare('vite', { as: 'vite7', deps: ['vite@7.3.8'] }), 'vite 7 dev');
});

test('webpack 5: a production build with no configuration, loaded in Chromium', async () => {
  const dir = prepare('webpack');
  execFileSync(bin(dir, 'webpack'), ['--mode', 'production'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 120_000,
  });
  fs.copyFileSync(path.join(dir, 'index.html'), path.join(dir, 'dist', 'index.html'));
  assert.ok(
    fs.readdirSync(path.join(dir, 'dist')).some((f) => f.endsWith('.wasm')),
    'the .wasm is emitted',
  );
  const server = await serveStatic({
    mounts: { '/': path.join(dir, 'dist') },
    headers: { 'content-security-policy': CSP },
  });
  try {
    const {
      results: [outcome, inProcess],
      problems,
    } = await inPage(`${server.url}/?api=${emulator.url}`, BOTH);
    checkOutcome(outcome, 'webpack');
    checkOutcome(inProcess, 'webpack, the in-process emulator');
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});

test('TypeScript: tsc --strict with moduleResolution bundler and node16', () => {
  const dir = prepare('typescript');
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
  for (const config of ['tsconfig.bundler.json', 'tsconfig.node16.json']) {
    execFileSync(tsc, ['-p', config], { cwd: dir, stdio: 'inherit' });
  }
});
