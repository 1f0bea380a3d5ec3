// Answers GET /?api=<emulator URL> with the outcome of the shared scenario, run inside workerd;
// GET /?emulator with the same scenario on the in-process emulator (its own `workerd` entry).
import * as api from 'skimmer-activity-logs';
import { createEmulator } from 'skimmer-activity-logs/emulator';
import { scenario } from '../scenario.mjs';

export default {
  async fetch(request) {
    const params = new URL(request.url).searchParams;
    try {
      const result = params.has('emulator')
        ? await scenario(api, undefined, { fetch: createEmulator().fetch })
        : await scenario(api, params.get('api'));
      return Response.json({ ok: true, result });
    } catch (error) {
      return Response.json({ ok: false, error: `${error?.name}: ${error?.message}` });
    }
  },
};
