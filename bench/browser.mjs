// The same comparisons in headless Chromium: start-up (import + instantiate, a fresh browser
// context each sample), validation next to zod 4 and valibot, and the client next to raw fetch
// against the emulator.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../tests/support/static-server.mjs';
import { launchBrowser } from '../tests/support/browser.mjs';
import { startEmulator, API_KEY } from '../tests/support/emulator.mjs';
import { median } from './lib/measure.mjs';
import { bundle } from './size.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const PAGE = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>';

export async function run({ samples = 9, trials = 15, trialMs = 300, sizes = [1_000, 10_000], getRepeat = 50 } = {}) {
  const built = path.join(root, 'target', 'bench');
  bundle('entry-zod.js', path.join(built, 'entry-zod.js'));
  bundle('entry-valibot.js', path.join(built, 'entry-valibot.js'));
  process.env.EMULATOR_PROFILE ??= 'emulator';
  const emulator = await startEmulator(['--rate-limit', '100000000']);
  const server = await serveStatic({
    mounts: { '/pkg/': path.join(root, 'pkg'), '/bench/': here, '/built/': built },
    pages: { '/': PAGE },
  });
  const browser = await launchBrowser();
  try {
    // Start-up: a new context (empty cache) per sample.
    const startup = { ours: [], zod: [] };
    for (let i = 0; i < samples; i++) {
      for (const [name, url] of [['ours', '/pkg/index.js'], ['zod', '/built/entry-zod.js']]) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${server.url}/`);
        startup[name].push(await page.evaluate(async (u) => {
          const t = performance.now();
          await import(u);
          return performance.now() - t;
        }, url));
        await context.close();
      }
    }

    for (const count of sizes) await emulator.bulk(`bench-${count}`, count);
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const measured = await page.evaluate(async ({ baseUrl, apiKey, trials, trialMs, sizes, getRepeat }) => {
      const ours = await import('/pkg/index.js');
      const zod = await import('/built/entry-zod.js');
      const valibot = await import('/built/entry-valibot.js');
      const { MIX } = await import('/bench/alternatives/mix.js');
      const { rates, compare } = await import('/bench/lib/measure.mjs');
      for (const input of MIX) {
        const expected = ours.validateActivity(input).valid;
        if (zod.rules.validate(input).valid !== expected || valibot.rules.validate(input).valid !== expected) {
          throw new Error(`the validators disagree on ${JSON.stringify(input)}`);
        }
      }
      const options = { trials, trialMs };
      const validate = rates({
        ours: (input) => ours.validateActivity(input),
        zod: (input) => zod.rules.activityInput.safeParse(input),
        valibot: (input) => valibot.rules.validate(input),
      }, MIX, options);
      const client = new ours.ActivityLogClient({ apiKey, baseUrl });
      const headers = { 'skimmer-api-key': apiKey, accept: 'application/json' };
      const rows = [];
      for (const count of sizes) {
        const url = `${baseUrl}/CustomerActivityLogs/bench-${count}`;
        rows.push(await compare(`list ${count.toLocaleString('en')}`, () => client.list(`bench-${count}`),
          () => fetch(url, { headers }).then((r) => r.json()), { trials, repeat: count >= 10_000 ? 1 : 5 }));
      }
      const [first] = await client.list(`bench-${sizes[0]}`);
      const getUrl = `${baseUrl}/CustomerActivityLogs/bench-${sizes[0]}/${encodeURIComponent(first.id)}`;
      rows.push(await compare('get', () => client.get(`bench-${sizes[0]}`, first.id),
        () => fetch(getUrl, { headers }).then((r) => r.json()), { trials, repeat: getRepeat }));
      return { validate, client: rows };
    }, { baseUrl: emulator.url, apiKey: API_KEY, trials, trialMs, sizes, getRepeat });
    return {
      version: browser.version(),
      startup: { ours: median(startup.ours), zod: median(startup.zod) },
      ...measured,
    };
  } finally {
    await browser.close();
    await server.close();
    await emulator.stop();
  }
}
