// The same scenario on the in-process emulator: `import` of skimmer-activity-logs/emulator.
import * as api from 'skimmer-activity-logs';
import { createEmulator } from 'skimmer-activity-logs/emulator';
import { scenario } from './scenario.mjs';

console.log(JSON.stringify(await scenario(api, undefined, { fetch: createEmulator().fetch })));
