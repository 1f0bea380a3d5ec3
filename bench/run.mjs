#!/usr/bin/env node
// `make bench`: every benchmark in one run on this machine, printed as one table (markdown).
//   node bench/run.mjs            the full run (a few minutes)
//   node bench/run.mjs --smoke    a quick pass that only checks the harness works (make test)
//   node bench/run.mjs --json     the figures as JSON as well
import os from 'node:os';
import * as size from './size.mjs';
import * as validation from './validation.mjs';
import * as client from './client.mjs';
import * as startup from './startup.mjs';
import * as browser from './browser.mjs';

const smoke = process.argv.includes('--smoke');
const quick = { trials: 3, trialMs: 20, samples: 2, sizes: [100, 1_000], getRepeat: 5 };
const full = {};
const options = smoke ? quick : full;

const figures = {};
figures.size = size.run();
figures.validation = validation.run(options);
figures.client = await client.run(options);
figures.startup = startup.run(options);
figures.browser = await browser.run(options);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ops = (n) => `${Math.round(n).toLocaleString('en')}/s`;
const ms = (n) => `${n.toFixed(n < 1 ? 3 : 2)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const lines = [];
const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
lines.push(`Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${figures.browser.version ? `Chromium ${figures.browser.version}` : ''}${smoke ? ' (smoke run: figures meaningless)' : ''}`);
lines.push('');
row('measure', 'skimmer-activity-logs', 'alternative', 'ratio', 'target');
row('---', '---', '---', '---', '---');
const [ours, zodStack, valibotStack] = figures.size.rows;
row('size, wasm + JS (gzip)', kb(ours.gzip), `zod stack ${kb(zodStack.gzip)}; valibot stack ${kb(valibotStack.gzip)}`, ratio(ours.gzip, zodStack.gzip), '≤ 40 KB');
row('size, wasm + JS (brotli)', kb(ours.brotli), `zod stack ${kb(zodStack.brotli)}; valibot stack ${kb(valibotStack.brotli)}`, ratio(ours.brotli, zodStack.brotli), '');
const v = figures.validation;
row(`validateActivity, Node (mix of ${v.mix})`, ops(v.validate.ours), `zod 4 ${ops(v.validate.zod)}; valibot ${ops(v.validate.valibot)}`, ratio(v.validate.ours, v.validate.zod), '≥ 1.0× zod 4');
row('validateField per keystroke, Node', `${Math.round(v.keystroke.ours)} ns`, `zod 4 ${Math.round(v.keystroke.zod)} ns; valibot ${Math.round(v.keystroke.valibot)} ns`, ratio(v.keystroke.ours, v.keystroke.zod), '');
const b = figures.browser;
row('validateActivity, Chromium', ops(b.validate.ours), `zod 4 ${ops(b.validate.zod)}; valibot ${ops(b.validate.valibot)}`, ratio(b.validate.ours, b.validate.zod), '≥ 1.0× zod 4');
for (const [where, rows] of [['Node', figures.client], ['Chromium', b.client]]) {
  for (const r of rows) {
    const target = r.name === 'get' ? '≤ 1.1×' : r.name.endsWith('10,000') ? '≤ 1.2×' : '';
    row(`client ${r.name}, ${where}`, ms(r.client_ms), `raw fetch + json ${ms(r.raw_ms)}`, `${r.ratio.toFixed(2)}×`, target);
  }
}
row('import + instantiate, Node', ms(figures.startup.ours), `zod stack ${ms(figures.startup.zod)}`, ratio(figures.startup.ours, figures.startup.zod), '≤ 10 ms');
row('import + instantiate, Chromium', ms(b.startup.ours), `zod stack ${ms(b.startup.zod)}`, ratio(b.startup.ours, b.startup.zod), '');
console.log(lines.join('\n'));
if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
