// Two servers on 127.0.0.1 for the redirect tests (tests/node/redirect.test.mjs,
// tests/browser/redirect.test.mjs):
//   - the base: a client's baseUrl is `${base.url}/r{status}-{where}`; every API request under
//     it is answered with that redirect status and a Location on the other server (`port`) or on
//     the base itself (`same`, a relative Location). Anything under /elsewhere/ is a request that
//     followed such a redirect. `static` mounts (e.g. { '/pkg/': 'pkg' }) and `pages` serve a
//     test page and the package from the same origin.
//   - the target: another port; any request there followed a redirect.
// Both record every request they get (method, path, whether it carried the key, its body).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const REDIRECT_STATUSES = [300, 301, 302, 303, 307, 308];

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json' };

function listen(handler) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const record = {
        method: req.method,
        path: req.url,
        key: req.headers['skimmer-api-key'] ?? null,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      if (handler(req, res, record) !== 'static') requests.push(record);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(done);
          }),
      }),
    );
  });
}

/** Starts the target and the base; resolves to { base, target, close }. */
export async function startRedirectServers({ mounts = {}, pages = {} } = {}) {
  const target = await listen((_req, res) => {
    // If anything gets here, a redirect was followed: answer as the API would, so the test sees
    // the request, not a failure that could pass for a refusal.
    res.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
      'access-control-allow-methods': '*',
    });
    res.end('[]');
  });
  const base = await listen((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (pages[pathname] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pages[pathname]);
      return 'static';
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!pathname.startsWith(prefix)) continue;
      const root = path.resolve(dir);
      const file = path.resolve(root, `.${pathname.slice(prefix.length - 1)}`);
      if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        fs.createReadStream(file).pipe(res);
        return 'static';
      }
    }
    const match = /^\/r(\d{3})-(port|same)(\/.*)$/.exec(pathname);
    if (!match) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
      return undefined;
    }
    const [, status, where, rest] = match;
    const location = where === 'port' ? `${target.url}/elsewhere${rest}` : `/elsewhere${rest}`;
    res.writeHead(Number(status), { location, 'content-type': 'text/plain' });
    res.end(`see ${location}`);
    return undefined;
  });
  return {
    base,
    target,
    /** The requests that followed a redirect: any at the target, and /elsewhere/ at the base. */
    followed: () => [...target.requests, ...base.requests.filter((r) => r.path.startsWith('/elsewhere/'))],
    close: async () => {
      await base.close();
      await target.close();
    },
  };
}
