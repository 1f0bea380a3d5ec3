// Bun, CommonJS: `bun main.cjs <emulator URL>`.
const api = require('skimmer-activity-logs');

import('./scenario.mjs')
  .then(({ scenario }) => scenario(api, process.argv[2]))
  .then((result) => console.log(JSON.stringify(result)), (error) => { console.error(error); process.exit(1); });
