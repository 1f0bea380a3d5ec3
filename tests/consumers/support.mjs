// Shared by the consumer tests: the npm pack tarball, consumer projects installed from it, the
// heavy toolchains (installed once, cached), servers they start, and pages in Chromium.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export { EXPECTED } from './scenario.mjs';

/**
 * `npm pack` of pkg/ into `dir` (emptied first): the tarball's path. CONSUMER_TARBALL=file tests
 * another build instead (e.g. an older one, to see a test fail without a fix).
 */
export function packTarball(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (process.env.CONSUMER_TARBALL) {
    const copy = path.join(dir, path.basename(process.env.CONSUMER_TARBALL));
    fs.copyFileSync(process.env.CONSUMER_TARBALL, copy);
    return copy;
  }
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: path.join(root, 'pkg') });
  return path.join(dir, packed.toString().trim().split('\n').pop());
}

/**
 * A fresh copy of the consumer project `name` (a folder beside this file) in `into`/`as`, with
 * scenario.mjs beside its files and the tarball installed, with `deps` (its own package.json's
 * dependencies are installed too).
 */
export function prepare(name, { into, tarball, as = name, deps = [] }) {
  const dir = path.join(into, as);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(here, name), dir, { recursive: true });
  fs.copyFileSync(path.join(here, 'scenario.mjs'), path.join(dir, 'scenario.mjs'));
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', tarball, ...deps];
  execFileSync('npm', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

const toolchainSource = path.join(here, 'toolchain');

/**
 * The heavy toolchains of toolchain/package.json (Next.js, wrangler and workerd, Deno, Bun, Vite
 * with React and react-hook-form), installed with `npm ci` once into
 * target/consumers-cache/<hash of the lock>/ and reused until the lock changes. Projects that
 * need them are prepared in its `projects/` folder, so Node's resolution (and Next.js's root,
 * found by the lock file) reaches its node_modules.
 */
export function toolchain() {
  const lock = fs.readFileSync(path.join(toolchainSource, 'package-lock.json'));
  const key = createHash('sha256').update(lock).digest('hex').slice(0, 16);
  const cache = path.join(root, 'target', 'consumers-cache');
  const dir = path.join(cache, key);
  const installed = () => fs.existsSync(path.join(dir, 'node_modules', '.package-lock.json'));
  fs.mkdirSync(cache, { recursive: true });
  // One installer at a time (test files run in parallel); the others wait for it.
  const mutex = path.join(cache, `${key}.lock`);
  const deadline = Date.now() + 15 * 60_000;
  while (!installed()) {
    try {
      fs.mkdirSync(mutex);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock older than npm ci's time limit was left by a run that died.
      if (Date.now() - (fs.statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 11 * 60_000) {
        fs.rmSync(mutex, { recursive: true, force: true });
      }
      if (Date.now() > deadline) throw new Error(`the toolchain install (${mutex}) did not finish in 15 minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      continue;
    }
    try {
      if (!installed()) install(key, cache, dir);
    } finally {
      fs.rmSync(mutex, { recursive: true, force: true });
    }
  }
  return {
    dir,
    projects: path.join(dir, 'projects'),
    bin: (name) => path.join(dir, 'node_modules', '.bin', name),
  };
}

function install(key, cache, dir) {
  // Installed beside, then renamed: nobody sees half of it.
  const temporary = path.join(cache, `${key}.installing`);
  fs.rmSync(temporary, { recursive: true, force: true });
  fs.mkdirSync(temporary, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    fs.copyFileSync(path.join(toolchainSource, file), path.join(temporary, file));
  }
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: temporary,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(temporary, dir);
  // Toolchains of earlier locks are not needed any more.
  for (const name of fs.readdirSync(cache)) {
    if (!name.startsWith(key)) fs.rmSync(path.join(cache, name), { recursive: true, force: true });
  }
}

export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a long-running command in its own process group and resolves once its output matches
 * `ready`. `stop()` ends the group (the command and whatever it started, e.g. workerd).
 */
export async function startServer(command, args, { cwd, env = {}, ready, timeoutMs = 60_000 }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${path.basename(command)} was not ready in ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const onData = (chunk) => {
        output += chunk;
        if (ready.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.setEncoding('utf8').on('data', onData);
      child.stderr.setEncoding('utf8').on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${path.basename(command)} exited (${code}):\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, output: () => output, stop };
}

/** Loads `url` in Chromium and returns the JSON each selector's element ends up holding. */
export async function inPage(browser, url, selectors = ['#result']) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  try {
    await page.goto(url);
    const results = [];
    for (const selector of selectors) {
      await page.waitForFunction((s) => document.querySelector(s)?.textContent, selector, { timeout: 20_000 });
      results.push(JSON.parse(await page.textContent(selector)));
    }
    return { results, problems };
  } finally {
    await page.close();
  }
}

/** A scenario outcome reported by a page or a worker: it ran, and as expected. */
export function checkOutcome(outcome, expected, where) {
  assert.ok(outcome.ok, `${where}: ${outcome.error}`);
  assert.deepEqual(outcome.result, expected, where);
}
