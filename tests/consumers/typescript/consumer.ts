// An ES module consumer: the package's main entry and its ./web entry.
import { ActivityLogClient, validateActivity, TITLE_MAX_LENGTH, isActivityLogError } from 'skimmer-activity-logs';
import type { Activity, ActivityLogError, ValidationResult } from 'skimmer-activity-logs';
import init, { initSync, validateField } from 'skimmer-activity-logs/web';

const result: ValidationResult = validateActivity({ type: 'Call', title: 'x' });
const max: 60 = TITLE_MAX_LENGTH;
const client = new ActivityLogClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:8787' });
export async function firstTitle(): Promise<string | null> {
  await init();
  try {
    const log: Activity[] = await client.list('cust-1001');
    return log[0]?.title ?? null;
  } catch (error) {
    if (isActivityLogError(error)) {
      const e: ActivityLogError = error;
      return e.kind;
    }
    throw error;
  }
}
void [result, max, initSync, validateField('title', 'x')];
