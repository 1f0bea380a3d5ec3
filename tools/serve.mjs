#!/usr/bin/env node
// Serves the demo page (www-example/) and the built package (pkg/, at /pkg/) on 127.0.0.1.
// Usage: node tools/serve.mjs [port]   (default 8080; 0 picks a free port)
import { serveStatic } from '../tests/support/static-server.mjs';

const port = Number(process.argv[2] ?? 8080);
const server = await serveStatic({ mounts: { '/': 'www-example', '/pkg/': 'pkg' }, port });
console.log(`demo: open ${server.url}/  (Ctrl-C stops it)`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => { await server.close(); process.exit(0); });
}
