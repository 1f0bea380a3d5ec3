// No bundler: the package's browser entry straight from node_modules, and its emulator entry.
import * as api from './node_modules/skimmer-activity-logs/index.js';
import { createEmulator } from './node_modules/skimmer-activity-logs/emulator/index.js';
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

// The same from inside a dedicated (module) worker.
const worker = new Worker(new URL(`./worker.js${location.search}`, import.meta.url), { type: 'module' });
worker.onmessage = (event) => {
  document.getElementById('worker-result').textContent = JSON.stringify(event.data);
};
worker.onerror = (event) => {
  document.getElementById('worker-result').textContent = JSON.stringify({ ok: false, error: event.message });
};
