// The package in the other runtimes web apps and API clients run on, each installed from the
// npm pack tarball with no configuration and running the shared scenario against the emulator,
// the server and the in-process one (skimmer-activity-logs/emulator): Cloudflare Workers
// (workerd, through `wrangler dev`), Deno 2 and Bun (ESM and CommonJS). The runtimes come from
// the cached toolchain (support.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../support/emulator.mjs';
import { EXPECTED, packTarball, prepare, toolchain, freePort, startServer } from './support.mjs';

let tools;
let tarball;
let emulator;

before(async () => {
  tools = toolchain();
  tarball = packTarball(path.join(tools.projects, 'runtimes-tarball'));
  emulator = await startEmulator();
});

after(async () => {
  await emulator?.stop();
});

/** Runs a command to its end and returns the JSON on the last line it printed. */
function runJson(command, args, { cwd, env = {} }) {
  const stdout = execFileSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(stdout.toString().trim().split('\n').pop());
}

test('Cloudflare Workers: wrangler bundles the .wasm, and the Worker runs in workerd (wrangler dev)', async () => {
  const dir = prepare('workerd', { into: tools.projects, tarball });
  // Wrangler keeps its own files (logs, settings) in the cache, not in the home folder, and
  // sends nothing: no metrics, no fetch of Cloudflare's `Request.cf` data (a placeholder is used).
  const env = {
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    XDG_CONFIG_HOME: path.join(tools.dir, 'xdg'),
    CI: 'true',
  };

  execFileSync(tools.bin('wrangler'), ['deploy', '--dry-run', '--outdir', 'dist'], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 60_000,
  });
  const bundled = fs.readdirSync(path.join(dir, 'dist'));
  assert.equal(
    bundled.filter((file) => file.endsWith('.wasm')).length,
    2,
    `both .wasm are uploaded with the Worker: ${bundled}`,
  );

  const [port, inspector] = [await freePort(), await freePort()];
  const server = await startServer(
    tools.bin('wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector)],
    { cwd: dir, env, ready: /Ready on http:\/\/127\.0\.0\.1/, timeoutMs: 90_000 },
  );
  try {
    const response = await fetch(`http://127.0.0.1:${port}/?api=${encodeURIComponent(emulator.url)}`, {
      signal: AbortSignal.timeout(30_000),
    });
    const outcome = await response.json();
    assert.ok(outcome.ok, `${outcome.error}\n${server.output()}`);
    assert.deepEqual(outcome.result, EXPECTED);
    const inProcess = await (
      await fetch(`http://127.0.0.1:${port}/?emulator`, { signal: AbortSignal.timeout(30_000) })
    ).json();
    assert.ok(inProcess.ok, `${inProcess.error}\n${server.output()}`);
    assert.deepEqual(inProcess.result, EXPECTED, 'the in-process emulator, in workerd');
  } finally {
    await server.stop();
  }
});

test('Deno 2: ES module import with no permission but --allow-net for the API (and --allow-read for the emulator entry)', () => {
  const dir = prepare('deno', { into: tools.projects, tarball });
  const env = { DENO_DIR: path.join(tools.dir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  const { host } = new URL(emulator.url);
  const result = runJson(tools.bin('deno'), ['run', `--allow-net=${host}`, 'main.js', emulator.url], {
    cwd: dir,
    env,
  });
  assert.deepEqual(result, EXPECTED);
  // The main entry carries its .wasm in its own text: loading and validating need no permission.
  const readOnly = runJson(tools.bin('deno'), ['run', 'main.js', emulator.url, 'read-only'], {
    cwd: dir,
    env,
  });
  assert.deepEqual(readOnly, { codes: ['invalid_characters'], refused: 'network' });
  // The in-process emulator reads its own .wasm and needs no network permission at all.
  assert.deepEqual(
    runJson(tools.bin('deno'), ['run', '--allow-read', 'main.js', '', 'emulator'], { cwd: dir, env }),
    EXPECTED,
  );
});

test('Bun: ES module import and CommonJS require, of both entries', () => {
  const dir = prepare('bun', { into: tools.projects, tarball });
  const env = { BUN_INSTALL_CACHE_DIR: path.join(tools.dir, 'bun-cache'), NO_COLOR: '1' };
  assert.deepEqual(runJson(tools.bin('bun'), ['main.mjs', emulator.url], { cwd: dir, env }), EXPECTED);
  assert.deepEqual(runJson(tools.bin('bun'), ['main.cjs', emulator.url], { cwd: dir, env }), EXPECTED);
  assert.deepEqual(
    runJson(tools.bin('bun'), ['main.mjs', 'emulator'], { cwd: dir, env }),
    EXPECTED,
    'the in-process emulator, import',
  );
  assert.deepEqual(
    runJson(tools.bin('bun'), ['main.cjs', 'emulator'], { cwd: dir, env }),
    EXPECTED,
    'the in-process emulator, require',
  );
});
