// Bun, CommonJS: `bun main.cjs <emulator URL>`, or `bun main.cjs emulator` for the in-process one.
const api = require('skimmer-activity-logs');
const { createEmulator } = require('skimmer-activity-logs/emulator');

const target = process.argv[2];
import('./scenario.mjs')
  .then(({ scenario }) =>
    target === 'emulator' ? scenario(api, undefined, { fetch: createEmulator().fetch }) : scenario(api, target),
  )
  .then(
    (result) => console.log(JSON.stringify(result)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
