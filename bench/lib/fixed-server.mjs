// A tiny HTTP server on 127.0.0.1 that replays recorded answers (lib/fixtures.mjs) byte for byte:
// the same status, headers and body as the emulator gave, with nothing computed per request. It
// answers CORS as the emulator does, so a page of another origin can call it. Runs as a process of
// its own (so its work never shares the measured process's thread):
//   node bench/lib/fixed-server.mjs '{"names":["get","list-1000"]}'   prints "listening on URL"
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fixturesDir } from './fixtures.mjs';

const { names } = JSON.parse(process.argv[2]);
const answers = new Map(
  names.map((name) => {
    const meta = JSON.parse(fs.readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8'));
    const body = fs.readFileSync(path.join(fixturesDir, `${name}.body`));
    const headers = Object.fromEntries(meta.headers);
    headers['content-length'] = String(body.length);
    headers['access-control-allow-origin'] = '*';
    headers['access-control-expose-headers'] =
      'ratelimit-limit,ratelimit-remaining,ratelimit-reset,retry-after,location';
    return [meta.path, { status: meta.status, headers, body }];
  }),
);

const server = http.createServer((req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,POST,PUT,DELETE',
      'access-control-allow-headers': 'skimmer-api-key,content-type,accept',
      'access-control-max-age': '600',
    });
    res.end();
    return;
  }
  const answer = req.method === 'GET' && answers.get(req.url);
  if (!answer) {
    res.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    res.end('not recorded');
    return;
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
