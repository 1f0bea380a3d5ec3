// Starts the real emulator binary on a free loopback port for a test, and talks to its test-only
// control endpoints (/__emulator/…).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EMULATOR_BIN =
  process.env.SKIMMER_EMULATOR ??
  path.join(root, 'target', process.env.EMULATOR_PROFILE ?? 'debug', 'skimmer-emulator');
export const API_KEY = 'demo-key';

/** Starts an emulator; `args` are extra flags. Resolves once it prints its URL. */
export async function startEmulator(args = []) {
  const child = spawn(EMULATOR_BIN, ['--port', '0', '--quiet', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 10 s')), 10_000);
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
      reject(new Error(`the emulator exited (${code}): ${seen}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  child.stdout.resume();
  // Control requests that change something must declare JSON, body or not (the emulator
  // refuses anything a cross-site form could send).
  const control = async (method, route, body) => {
    const response = await fetch(`${url}/__emulator/${route}`, {
      method,
      headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /__emulator/${route}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    child,
    /** The request log: [{ seq, method, path, customerId, id, status, fault, faultSource, authorized, proxied, contentType }]. */
    requests: () => control('GET', 'requests'),
    clearRequests: () => control('DELETE', 'requests'),
    reset: () => control('POST', 'reset'),
    /** Queues a scripted fault: { method, path, times, status, retryAfter, delayMs, drop, body }. */
    fault: (spec) => control('POST', 'faults', spec),
    clearFaults: () => control('DELETE', 'faults'),
    addCustomer: (id) => control('PUT', `customers/${encodeURIComponent(id)}`),
    bulk: (id, count) => control('POST', `customers/${encodeURIComponent(id)}/bulk?count=${count}`),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
