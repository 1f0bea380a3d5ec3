import * as api from 'skimmer-activity-logs';
import { scenario } from './scenario.mjs';

console.log(JSON.stringify(await scenario(api, process.env.EMULATOR_URL)));
