// The server-side proxy: the page calls this route; the route calls Skimmer with the key from the
// environment (SKIMMER_API_KEY; SKIMMER_BASE_URL points elsewhere than Skimmer's API, here the
// emulator). The key never reaches the browser. Runs on the Node.js runtime, Next's default.
import { ActivityLogClient, isActivityLogError } from 'skimmer-activity-logs';

function client() {
  return new ActivityLogClient({
    apiKey: process.env.SKIMMER_API_KEY,
    baseUrl: process.env.SKIMMER_BASE_URL || undefined,
  });
}

export async function GET(_request, { params }) {
  const { customerId } = await params;
  return answer(() => client().list(customerId));
}

export async function POST(request, { params }) {
  const { customerId } = await params;
  const input = await request.json();
  return answer(() => client().create(customerId, input), 201);
}

async function answer(call, status = 200) {
  try {
    return Response.json(await call(), { status });
  } catch (error) {
    if (!isActivityLogError(error)) throw error;
    const code = error.kind === 'validation' ? 400 : error.kind === 'api' ? error.status : 502;
    return Response.json({ kind: error.kind, message: error.message, issues: error.issues ?? null }, { status: code });
  }
}
