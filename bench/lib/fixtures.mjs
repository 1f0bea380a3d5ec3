// Real answers of the emulator, recorded once so a tiny server can replay them byte for byte
// (lib/fixed-server.mjs): the fastest local server there is, so what the client adds is not
// hidden behind the server's own time.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, API_KEY } from '../../tests/support/emulator.mjs';
import { outDir } from './pkg.mjs';

export const fixturesDir = path.join(outDir, 'fixtures');

// Headers that belong to one connection or one moment, not to the answer.
const DROP = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * Starts an emulator (optimised build unless EMULATOR_PROFILE says otherwise), gives each of
 * `customers` its number of activities (added in chunks: one bulk request may be capped), and
 * returns it with `capture(name, path)`, which records the emulator's answer to GET `path` (status,
 * headers, body) under fixtures/`name`.
 */
export async function emulatorWith(customers, flags = []) {
  process.env.EMULATOR_PROFILE ??= 'emulator';
  const emulator = await startEmulator(['--rate-limit', '100000000', '--no-seed', ...flags]);
  try {
    for (const [customer, count] of Object.entries(customers)) {
      for (let added = 0; added < count; added += 10_000) {
        const chunk = Math.min(10_000, count - added);
        const response = await fetch(
          `${emulator.url}/__emulator/customers/${encodeURIComponent(customer)}/bulk?count=${chunk}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
          },
        );
        if (!response.ok) throw new Error(`bulk ${customer}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      }
    }
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  emulator.capture = async (name, urlPath) => {
    const response = await fetch(`${emulator.url}${urlPath}`, {
      headers: { 'skimmer-api-key': API_KEY, accept: 'application/json' },
    });
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) throw new Error(`GET ${urlPath}: ${response.status} ${body}`);
    const headers = [...response.headers].filter(([k]) => !DROP.has(k) && !k.startsWith('access-control-'));
    fs.mkdirSync(fixturesDir, { recursive: true });
    fs.writeFileSync(path.join(fixturesDir, `${name}.body`), body);
    fs.writeFileSync(
      path.join(fixturesDir, `${name}.json`),
      JSON.stringify({ path: urlPath, status: response.status, headers }),
    );
    return { path: urlPath, bytes: body.length, json: () => JSON.parse(body) };
  };
  return emulator;
}

/** The recorded answers `names`: [{ path, status, headers, body (bytes) }]. */
export function readRecorded(names) {
  return names.map((name) => ({
    ...JSON.parse(fs.readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8')),
    body: new Uint8Array(fs.readFileSync(path.join(fixturesDir, `${name}.body`))),
  }));
}

/** Starts lib/fixed-server.mjs replaying fixtures `names`; resolves to { url, stop }. */
export async function startFixedServer(names) {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixed-server.mjs');
  const child = spawn(process.execPath, [script, JSON.stringify({ names })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fixed server did not start within 10 s')), 10_000);
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fixed server exited (${code})`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
