// The app under test (tests/consumers/vitest/msw.spec.js): its own fetch calls to Skimmer, and
// the package's client with its defaults. Nothing in it knows about tests.
import { ActivityLogClient } from 'skimmer-activity-logs';

const SKIMMER = 'https://publicapi.getskimmer.com';

/** The titles of a customer's activities, newest first. */
export async function recentTitles(customerId, apiKey) {
  const response = await fetch(`${SKIMMER}/CustomerActivityLogs/${encodeURIComponent(customerId)}`, {
    headers: { 'skimmer-api-key': apiKey, accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`Skimmer answered ${response.status}`);
  const activities = await response.json();
  return activities.map((activity) => activity.title).reverse();
}

/** Records a phone call in a customer's log. */
export function logCall(customerId, title, apiKey) {
  return new ActivityLogClient({ apiKey }).create(customerId, { type: 'Call', title });
}
