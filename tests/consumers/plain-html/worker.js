import * as api from './node_modules/skimmer-activity-logs/index.js';
import { reportInPage } from './scenario.mjs';

reportInPage(api, (outcome) => postMessage({ ...outcome, inWorker: typeof document === 'undefined' }));
