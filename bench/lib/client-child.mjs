// A Node process of its own for the client comparison (lib/client-core.js) against each server
// given (or, for `recorded`, the in-memory fetch of those fixtures); prints the rows as JSON.
// Started by client.mjs.
import { createClient as createHandWritten } from '../alternatives/client.js';
import * as handRules from '../alternatives/rules-valibot.js';
import { clientOverhead, memoryFetch } from './client-core.js';
import { readRecorded } from './fixtures.mjs';

const { entry, servers, ...options } = JSON.parse(process.argv[2]);
const { ActivityLogClient } = await import(entry);
const sides = { ActivityLogClient, createHandWritten, handRules };
const rows = [];
for (const { server, baseUrl, recorded } of servers) {
  const fetch = recorded ? memoryFetch(readRecorded(recorded)) : undefined;
  for (const row of await clientOverhead({ ...sides, baseUrl, fetch, ...options })) rows.push({ server, ...row });
}
console.log(JSON.stringify(rows));
