// Deno 2: `deno run --allow-read main.js <emulator URL>` (plus --allow-net for the emulator's
// address). The package resolves through package.json and node_modules, as Deno does for npm
// projects, and needs no permission but reading its own .wasm. Mode `emulator`: the in-process
// emulator instead, with no network permission at all.
import * as api from 'skimmer-activity-logs';
import { scenario } from './scenario.mjs';

const [baseUrl, mode] = Deno.args;
if (mode === 'emulator') {
  const { createEmulator } = await import('skimmer-activity-logs/emulator');
  console.log(JSON.stringify(await scenario(api, undefined, { fetch: createEmulator().fetch })));
} else if (mode === 'read-only') {
  // No network permission: validation works; a call is refused as a typed NetworkError.
  const issues = api.activityInputSchema['~standard'].validate({ type: 'Call', title: 'Bad_title' }).issues;
  let refused = null;
  try {
    await new api.ActivityLogClient({ apiKey: 'demo-key', baseUrl, retry: false }).list('cust-1001');
  } catch (error) {
    refused = api.isActivityLogError(error) ? error.kind : String(error);
  }
  console.log(JSON.stringify({ codes: issues.map((i) => i.code), refused }));
} else {
  console.log(JSON.stringify(await scenario(api, baseUrl)));
}
