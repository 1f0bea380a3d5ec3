// A Node process of its own for the client comparison (lib/client-core.js) against each server
// given; prints the rows as JSON. Started by client.mjs.
import { clientOverhead } from './client-core.js';

const { entry, servers, ...options } = JSON.parse(process.argv[2]);
const { ActivityLogClient } = await import(entry);
const rows = [];
for (const { server, baseUrl } of servers) {
  for (const row of await clientOverhead({ ActivityLogClient, baseUrl, ...options })) rows.push({ server, ...row });
}
console.log(JSON.stringify(rows));
