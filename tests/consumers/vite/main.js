import * as api from 'skimmer-activity-logs';
import { reportInPage } from './scenario.mjs';

reportInPage(api, (outcome) => { document.getElementById('result').textContent = JSON.stringify(outcome); });
