// Bun, ES module: `bun main.mjs <emulator URL>`.
import * as api from 'skimmer-activity-logs';
import { scenario } from './scenario.mjs';

console.log(JSON.stringify(await scenario(api, process.argv[2])));
