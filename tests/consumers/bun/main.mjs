// Bun, ES module: `bun main.mjs <emulator URL>`, or `bun main.mjs emulator` for the in-process one.
import * as api from 'skimmer-activity-logs';
import { createEmulator } from 'skimmer-activity-logs/emulator';
import { scenario } from './scenario.mjs';

const [target] = process.argv.slice(2);
const where = target === 'emulator' ? [undefined, { fetch: createEmulator().fetch }] : [target];
console.log(JSON.stringify(await scenario(api, ...where)));
