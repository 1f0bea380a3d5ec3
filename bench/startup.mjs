// Start-up: import + instantiate of the package, next to importing the alternative stacks (the
// small fetch client with zod 4 or valibot, as esbuild bundles):
//   Node 20    a fresh process per sample, timed from after the import of an empty module (which
//              starts Node's ES module loader: 5-10 ms that any app pays before any package)
//   Chromium   a fresh browser context per sample (empty cache), `await import(…)` in a page
//   workerd    when the package has a `workerd` export condition: the cold start of a Worker that
//              imports it (workerd from npm, the version wrangler 4.86 runs), from the process's
//              start to its first answer, minus the same for a Worker that imports nothing
//   node bench/startup.mjs [--smoke]   prints the figures as JSON
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, STACKS } from './lib/bundle.mjs';
import { withChromium } from './lib/chromium.mjs';
import { benchDir, closure, hasCondition, nodeEntryUrl, outDir, pkgDir, resolve, RUNTIMES } from './lib/pkg.mjs';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** ms to import `url` in a fresh Node process, after the import of the empty module `warm`. */
function nodeImport(url, warm) {
  const code = `await import(${JSON.stringify(warm)}); const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code]).toString());
}

function runNode(samples) {
  const targets = { ours: nodeEntryUrl() };
  for (const [name, entry] of STACKS) targets[name] = pathToFileURL(bundle(entry)).href;
  const empty = path.join(outDir, 'empty.mjs');
  fs.writeFileSync(empty, 'export {};\n');
  const warm = pathToFileURL(empty).href;
  const times = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let i = 0; i < samples; i++) {
    for (const [name, url] of Object.entries(targets)) times[name].push(nodeImport(url, warm));
  }
  return Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t)]));
}

async function runChromium(samples) {
  return withChromium(async (browser, url) => {
    const targets = {
      ours: '/pkg/index.js',
      ...Object.fromEntries(STACKS.map(([name, entry]) => [name, `/built/${entry}`])),
    };
    const times = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
    for (let i = 0; i < samples; i++) {
      for (const [name, target] of Object.entries(targets)) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${url}/`);
        times[name].push(
          await page.evaluate(async (u) => {
            const t = performance.now();
            await import(u);
            return performance.now() - t;
          }, target),
        );
        await context.close();
      }
    }
    return {
      version: browser.version(),
      ...Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t)])),
    };
  });
}

const WORKERD = path.join(benchDir, 'node_modules', '.bin', 'workerd');

/**
 * A directory with a workerd config serving one Worker: `worker.js`, and when `withPackage`, the
 * files of the package's workerd entry (the exports map under wrangler's conditions), the .wasm as
 * a wasm module, as wrangler bundles it. The Worker answers with one validation result.
 */
function workerDir(name, withPackage) {
  const dir = path.join(outDir, 'workerd', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const modules = [['worker.js', 'esModule']];
  if (withPackage) {
    const entry = resolve('.', RUNTIMES['workerd (wrangler)']);
    for (const file of closure(entry)) {
      const relative = path.join('pkg', path.relative(pkgDir(), file));
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.copyFileSync(file, path.join(dir, relative));
      modules.push([relative, file.endsWith('.wasm') ? 'wasm' : file.endsWith('.cjs') ? 'commonJsModule' : 'esModule']);
    }
    const specifier = `./${path.join('pkg', path.relative(pkgDir(), entry))}`;
    fs.writeFileSync(
      path.join(dir, 'worker.js'),
      `import { validateActivity } from ${JSON.stringify(specifier)};
export default { fetch() { return new Response(String(validateActivity({ type: 'Call', title: 'Cold start' }).valid)); } };
`,
    );
  } else {
    fs.writeFileSync(path.join(dir, 'worker.js'), "export default { fetch() { return new Response('true'); } };\n");
  }
  fs.writeFileSync(
    path.join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
${modules.map(([file, type]) => `    (name = ${JSON.stringify(file)}, ${type} = embed ${JSON.stringify(file)}),`).join('\n')}
  ],
  compatibilityDate = "2026-04-01",
);
`,
  );
  return dir;
}

async function freePort() {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** One GET; resolves to the body, or rejects (e.g. ECONNREFUSED while workerd is starting). */
function get(port) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
  });
}

/** ms from spawning workerd on `dir`'s config to its first answer (polled every 1 ms, up to 20 s). */
async function coldStart(dir) {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(WORKERD, ['serve', path.join(dir, 'config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  try {
    for (;;) {
      try {
        const body = await get(port);
        if (body !== 'true') throw new Error(`the Worker answered ${JSON.stringify(body)}`);
        return performance.now() - start;
      } catch (error) {
        if (error.code !== 'ECONNREFUSED' && error.code !== 'ECONNRESET') throw error;
        if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}): ${stderr}`);
        if (performance.now() - start > 20_000) throw new Error(`workerd did not answer within 20 s: ${stderr}`);
        await new Promise((r) => setTimeout(r, 1));
      }
    }
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

async function runWorkerd(samples) {
  if (!hasCondition('workerd')) return { skipped: 'the package has no workerd export condition' };
  const dirs = { ours: workerDir('package', true), empty: workerDir('empty', false) };
  const times = { ours: [], empty: [] };
  for (let i = 0; i < samples; i++) {
    const order = i % 2 ? ['empty', 'ours'] : ['ours', 'empty'];
    for (const name of order) times[name].push(await coldStart(dirs[name]));
  }
  const version = execFileSync(WORKERD, ['--version']).toString().trim();
  return {
    version,
    ours: median(times.ours),
    empty: median(times.empty),
    added: median(times.ours.map((t, i) => t - times.empty[i])),
  };
}

export async function run({ samples = 15, browserSamples = 9 } = {}) {
  return { node: runNode(samples), chromium: await runChromium(browserSamples), workerd: await runWorkerd(samples) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  console.log(JSON.stringify(await run(smoke ? { samples: 1, browserSamples: 1 } : {}), null, 1));
}
