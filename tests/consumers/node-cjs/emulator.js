// The same scenario on the in-process emulator: `require` of skimmer-activity-logs/emulator.
const api = require('skimmer-activity-logs');
const { createEmulator } = require('skimmer-activity-logs/emulator');

(async () => {
  const { scenario } = await import('./scenario.mjs');
  console.log(JSON.stringify(await scenario(api, undefined, { fetch: createEmulator().fetch })));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
