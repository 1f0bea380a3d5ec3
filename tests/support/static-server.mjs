// A small static file server on 127.0.0.1 for the browser tests: mounts directories at URL
// prefixes, serves .wasm as application/wasm, and can add headers (a CSP, say) to every answer.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Starts a server. `mounts` maps URL prefixes ('/', '/pkg/') to directories; `pages` maps exact
 * paths to inline HTML. Resolves to { url, close }.
 */
export async function serveStatic({ mounts = {}, pages = {}, headers = {}, port = 0 } = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (pages[pathname] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(pages[pathname]);
      return;
    }
    for (const prefix of prefixes) {
      if (!pathname.startsWith(prefix)) continue;
      const root = path.resolve(mounts[prefix]);
      let file = path.resolve(root, `.${pathname.slice(prefix.length - 1)}`);
      if (!file.startsWith(root)) break;
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) break;
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
