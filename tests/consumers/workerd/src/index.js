// Answers GET /?api=<emulator URL> with the outcome of the shared scenario, run inside workerd.
import * as api from 'skimmer-activity-logs';
import { scenario } from '../scenario.mjs';

export default {
  async fetch(request) {
    const baseUrl = new URL(request.url).searchParams.get('api');
    try {
      return Response.json({ ok: true, result: await scenario(api, baseUrl) });
    } catch (error) {
      return Response.json({ ok: false, error: `${error?.name}: ${error?.message}` });
    }
  },
};
