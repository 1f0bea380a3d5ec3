import * as api from 'skimmer-activity-logs';
import { createEmulator } from 'skimmer-activity-logs/emulator';
import { reportInPage } from './scenario.mjs';

reportInPage(api, (outcome) => {
  document.getElementById('result').textContent = JSON.stringify(outcome);
});
reportInPage(
  api,
  (outcome) => {
    document.getElementById('emulator-result').textContent = JSON.stringify(outcome);
  },
  {
    fetch: createEmulator().fetch,
  },
);
