// Deno 2: `deno run --allow-net=<emulator address> main.js <emulator URL>`. The package resolves
// through package.json and node_modules, as Deno does for npm projects; its main entry carries
// its .wasm in its own text and needs no permission. Mode `read-only` (no permission at all):
// validation works and a call is refused. Mode `emulator`: the in-process emulator instead,
// with --allow-read for its .wasm and no network permission.
import * as api from 'skimmer-activity-logs';
import { scenario } from './scenario.mjs';

const [baseUrl, mode] = Deno.args;
if (mode === 'emulator') {
  const { createEmulator } = await import('skimmer-activity-logs/emulator');
  console.log(JSON.stringify(await scenario(api, undefined, { fetch: createEmulator().fetch })));
} else if (mode === 'read-only') {
  // No permission at all: validation works; a call is refused as a typed NetworkError.
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
