// The emulator entry's types, in a consumer's strict build: createEmulator's options and object,
// its fetch as the client's `fetch` option, the stored activities as the main entry's Activity.
import { ActivityLogClient } from 'skimmer-activity-logs';
import type { Activity } from 'skimmer-activity-logs';
import { createEmulator } from 'skimmer-activity-logs/emulator';
import type {
  Emulator,
  EmulatorFault,
  EmulatorOptions,
  EmulatorRequest,
  FaultKind,
} from 'skimmer-activity-logs/emulator';

const kinds: FaultKind[] = ['503', 'drop'];
const options: EmulatorOptions = { apiKey: 'demo-key', rateLimit: 10, faultKinds: kinds, now: () => Date.now() };
const emulator: Emulator = createEmulator(options);
const client = new ActivityLogClient({ apiKey: 'demo-key', fetch: emulator.fetch });
const fault: EmulatorFault = { method: 'GET', status: 503, times: 2 };
emulator.fault(fault);

export async function check(): Promise<number> {
  const response: Response = await emulator.fetch(
    new URL('https://publicapi.getskimmer.com/CustomerActivityLogs/cust-1001'),
  );
  const stored: Activity[] | null = emulator.activities('cust-1001');
  const log: EmulatorRequest[] = emulator.requests();
  const status: number | null = log[0]?.status ?? null;
  await client.list('cust-1001');
  emulator.reset();
  return response.status + (stored?.length ?? 0) + (status ?? 0) + emulator.customerIds().length;
}

// @ts-expect-error: fault kinds are named
createEmulator({ faultKinds: ['404'] });
// @ts-expect-error: the key is a string
createEmulator({ apiKey: 42 });
