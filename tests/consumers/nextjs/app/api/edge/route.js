// A route handler on the edge runtime: the shared scenario, its outcome as JSON. (Only in the
// Turbopack build: Next.js 16.4.6's webpack build fails on any edge route handler, with or
// without this package, so nextjs.test.mjs removes this file there.)
import * as api from 'skimmer-activity-logs';
import { scenario } from '../../../scenario.mjs';

export const runtime = 'edge';

export async function GET() {
  try {
    const result = await scenario(api, process.env.SKIMMER_BASE_URL, {
      apiKey: process.env.SKIMMER_API_KEY,
      customerId: 'cust-1002',
    });
    return Response.json({ ok: true, result });
  } catch (error) {
    return Response.json({ ok: false, error: `${error?.name}: ${error?.message}` });
  }
}
