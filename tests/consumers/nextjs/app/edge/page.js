// A route on the edge runtime (the `edge-light` export condition), rendered on each request: the
// shared scenario, run on the server, its outcome in the page.
import * as api from 'skimmer-activity-logs';
import { scenario } from '../../scenario.mjs';

export const runtime = 'edge';
export const dynamic = 'force-dynamic';

export default async function EdgePage() {
  let outcome;
  try {
    const result = await scenario(api, process.env.SKIMMER_BASE_URL, { apiKey: process.env.SKIMMER_API_KEY });
    outcome = { ok: true, result };
  } catch (error) {
    outcome = { ok: false, error: `${error?.name}: ${error?.message}` };
  }
  return <output id="result">{JSON.stringify(outcome)}</output>;
}
