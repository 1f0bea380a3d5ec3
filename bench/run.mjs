#!/usr/bin/env node
// `make bench`: every benchmark in one run on this machine, printed as one table (markdown) with
// the targets of the performance issue, and written to target/bench/latest.{md,json}; then the
// twiggy breakdown of the .wasm, also written into bench/README.md between its markers.
//   node bench/run.mjs                 the full run (several minutes)
//   node bench/run.mjs --runs 2        two full runs, each table, and the spread between them
//                                      (target/bench/run-N.*, target/bench/spread.md)
//   node bench/run.mjs --only a,b      only these sections: size, validation, client, startup,
//                                      large, twiggy
//   node bench/run.mjs --smoke         a quick pass that only checks the harness works (make
//                                      test): tiny inputs, figures meaningless, README untouched
// BENCH_PKG=dir measures another build of the package (see lib/pkg.mjs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as size from './size.mjs';
import * as validation from './validation.mjs';
import * as client from './client.mjs';
import * as startup from './startup.mjs';
import * as large from './large.mjs';
import * as twiggy from './twiggy.mjs';
import { CLASSES } from './alternatives/inputs.js';
import { outDir, pkgDir, root } from './lib/pkg.mjs';

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const runs = Math.max(1, Number(argv[argv.indexOf('--runs') + 1]) || 1);
const SECTIONS = ['size', 'validation', 'client', 'startup', 'large', 'twiggy'];
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : SECTIONS;
for (const name of only)
  if (!SECTIONS.includes(name)) throw new Error(`unknown section ${name}; sections: ${SECTIONS.join(', ')}`);

const OPTIONS = smoke
  ? {
      validation: { trials: 1, trialMs: 2, warmMs: 5, smoke: true },
      client: { trials: 2, getTrials: 3, sizes: [20, 100], getRepeat: 3 },
      startup: { samples: 1, browserSamples: 1 },
      large: { count: 1_000, samples: 1 },
    }
  : { validation: {}, client: {}, startup: {}, large: {} };

// The targets of the performance issue.
const TARGET = {
  sizeGzipBytes: 36 * 1024,
  validNs: 350,
  speedVsZod: 1.0,
  speedVsValibot: 0.8,
  getRatio: 1.15,
  getAddedUs: 25,
  list10kRatio: 1.2,
  nodeStartupMs: 8,
  largeTime: 1.2,
  largeMemory: 1.5,
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(n < 0.1 ? 3 : n < 10 ? 2 : 1)} ms`;
const ns = (n) => `${Math.round(n).toLocaleString('en')} ns`;
const us = (n) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(Math.abs(n) < 100 ? 1 : 0)} µs`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const x = (n) => `${n.toFixed(2)}×`;

function gitState() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--', 'src', 'pkg-template', 'tools', 'Cargo.toml', 'Cargo.lock'],
      { cwd: root },
    )
      .toString()
      .trim();
    return dirty ? `${commit} + uncommitted changes` : commit;
  } catch {
    return 'unknown commit';
  }
}

/** Runs the chosen sections once; returns the figures. */
async function measureAll() {
  const figures = { started: new Date().toISOString(), loadBefore: os.loadavg(), commit: gitState() };
  const step = async (name, fn) => {
    if (!only.includes(name)) return;
    const start = performance.now();
    process.stderr.write(`bench: ${name}…`);
    figures[name] = await fn();
    process.stderr.write(` ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
  };
  await step('size', () => size.run());
  await step('validation', () => validation.run(OPTIONS.validation));
  await step('client', () => client.run(OPTIONS.client));
  await step('startup', () => startup.run(OPTIONS.startup));
  await step('large', () => large.run(OPTIONS.large));
  await step('twiggy', () => {
    // A smoke run installs nothing: it runs twiggy only when it is already there.
    if (smoke && !twiggy.twiggy({ install: false }))
      return { skipped: 'twiggy is not installed (make bench installs it)' };
    const { markdown, total, shippedBytes, differences, areas } = twiggy.breakdown();
    return { markdown, total, shippedBytes, differences, areas };
  });
  figures.loadAfter = os.loadavg();
  return figures;
}

/**
 * The table's rows: { id (the same across runs), measure, where, ours, alternative, ratio,
 * target, met (true, false, or undefined: no target), value and ratioValue (numbers, for the
 * spread between runs) }.
 */
function rowsOf(f) {
  const rows = [];
  const row = (r) => rows.push({ id: `${r.measure} · ${r.where}`, ...r });

  if (f.size) {
    const [zod, valibot] = f.size.stacks;
    for (const e of f.size.entries) {
      const page = e.entry.startsWith('. ') && e.runtimes.includes('browser');
      row({
        measure: `size, wasm + JS, gzip (brotli): ${e.entry}`,
        where: e.runtimes.join(', '),
        ours: `${kb(e.gzip)} (${kb(e.brotli)}); wasm ${kb(e.wasmGzip)} + JS ${kb(e.jsGzip)}`,
        alternative: `zod stack ${kb(zod.gzip)} (${kb(zod.brotli)}); valibot stack ${kb(valibot.gzip)} (${kb(valibot.brotli)})`,
        ratio: `${x(e.gzip / zod.gzip)} zod stack; ${x(e.gzip / valibot.gzip)} valibot stack`,
        target: page ? `≤ ${kb(TARGET.sizeGzipBytes)} gzip` : '',
        met: page ? e.gzip <= TARGET.sizeGzipBytes : undefined,
        value: e.gzip,
        ratioValue: e.gzip / zod.gzip,
      });
    }
  }

  if (f.validation) {
    const validity = new Map(CLASSES.map((c) => [c.name, c.valid]));
    for (const [where, data] of [
      ['Node', f.validation.node],
      ['Chromium', f.validation.chromium],
    ]) {
      const modes = [
        ['monomorphic', data.mono],
        ['mixed', data.mixed],
      ];
      for (const [mode, list] of modes) {
        for (const r of list) {
          const keystroke = r.name.startsWith('validateField');
          const vsZod = r.ns.zod / r.ns.ours;
          const vsValibot = r.ns.valibot / r.ns.ours;
          const valid = validity.get(r.name) === true || r.name === 'mix, 0% invalid';
          const met = keystroke
            ? undefined
            : vsZod >= TARGET.speedVsZod &&
              vsValibot >= TARGET.speedVsValibot &&
              (!valid || r.ns.ours <= TARGET.validNs);
          row({
            measure: keystroke ? `${r.name} (the prefixes of a typed title)` : `validateActivity: ${r.name} (${mode})`,
            where,
            ours: ns(r.ns.ours),
            alternative: `zod 4 ${ns(r.ns.zod)}; valibot ${ns(r.ns.valibot)}`,
            ratio: `speed ${x(vsZod)} zod 4; ${x(vsValibot)} valibot`,
            target: keystroke
              ? ''
              : `${valid ? `≤ ${TARGET.validNs} ns; ` : ''}≥ ${x(TARGET.speedVsZod)} zod 4; ≥ ${x(TARGET.speedVsValibot)} valibot`,
            met,
            value: r.ns.ours,
            ratioValue: vsZod,
          });
        }
      }
    }
  }

  if (f.client) {
    for (const [where, list] of [
      ['Node', f.client.node],
      ['Chromium', f.client.chromium],
    ]) {
      for (const r of list) {
        const isGet = r.op === 'get';
        const is10k = r.op === 'list 10,000';
        // With no network the raw side takes microseconds, so only the µs added is a target there.
        const memory = r.server === 'memory';
        const server = memory ? 'in-memory fetch, no network' : `${r.server} server`;
        let target = '';
        let met;
        if (isGet && memory) [target, met] = [`≤ ${TARGET.getAddedUs} µs added`, r.added_us <= TARGET.getAddedUs];
        else if (isGet)
          [target, met] = [
            `≤ ${x(TARGET.getRatio)} and ≤ ${TARGET.getAddedUs} µs added`,
            r.ratio <= TARGET.getRatio && r.added_us <= TARGET.getAddedUs,
          ];
        else if (is10k && !memory) [target, met] = [`≤ ${x(TARGET.list10kRatio)}`, r.ratio <= TARGET.list10kRatio];
        row({
          measure: `client ${r.op} (${server})`,
          where,
          ours: ms(r.client_ms),
          alternative:
            `raw fetch + json ${ms(r.raw_ms)}` +
            (r.guarded_ms === undefined ? '' : `; the same with a timeout and redirect: 'manual' ${ms(r.guarded_ms)}`) +
            (r.hand_ms === undefined ? '' : `; a hand-written client with valibot ${ms(r.hand_ms)}`),
          ratio:
            `${x(r.ratio)}; ${us(r.added_us)} per call (quartiles ${us(r.added_us_q1)}, ${us(r.added_us_q3)})` +
            (r.guarded_ms === undefined
              ? ''
              : `; the timeout and manual redirect alone ${us(r.guarded_added_us)}, the client over them ${us(r.client_over_guarded_us)}`) +
            (r.hand_ms === undefined
              ? ''
              : `; the hand-written client ${us(r.hand_added_us)}, the client over it ${us(r.client_over_hand_us)}`),
          target,
          met,
          value: r.added_us,
          unit: 'µs',
          ratioValue: r.ratio,
        });
      }
    }
  }

  if (f.startup) {
    const { node, chromium, workerd } = f.startup;
    row({
      measure: 'import + instantiate',
      where: 'Node (fresh process)',
      ours: ms(node.ours),
      alternative: `zod stack ${ms(node.zod)}; valibot stack ${ms(node.valibot)}`,
      ratio: `${x(node.ours / node.zod)} zod stack`,
      target: `≤ ${TARGET.nodeStartupMs} ms`,
      met: node.ours <= TARGET.nodeStartupMs,
      value: node.ours,
      ratioValue: node.ours / node.zod,
    });
    row({
      measure: 'import + instantiate',
      where: 'Chromium (fresh context)',
      ours: ms(chromium.ours),
      alternative: `zod stack ${ms(chromium.zod)}; valibot stack ${ms(chromium.valibot)}`,
      ratio: `${x(chromium.ours / chromium.zod)} zod stack`,
      target: '',
      met: undefined,
      value: chromium.ours,
      ratioValue: chromium.ours / chromium.zod,
    });
    row(
      workerd.skipped
        ? {
            measure: 'Worker cold start',
            where: 'workerd',
            ours: `not measured: ${workerd.skipped}`,
            alternative: '',
            ratio: '',
            target: '',
            met: undefined,
          }
        : {
            measure: 'Worker cold start (process start to first answer)',
            where: `workerd ${workerd.version.replace(/^workerd\s*/, '')}`,
            ours: ms(workerd.ours),
            alternative: `a Worker importing nothing ${ms(workerd.empty)}`,
            ratio: `+${ms(workerd.added)} for the package`,
            target: '',
            met: undefined,
            value: workerd.added,
            unit: 'ms',
            ratioValue: workerd.ours / workerd.empty,
          },
    );
  }

  if (f.large) {
    const { count, bytes, samples, ratio, client: c, raw } = f.large;
    const what = `list of ${count.toLocaleString('en')} (${(bytes / 1e6).toFixed(1)} MB of JSON)`;
    row({
      measure: `${what}: time`,
      where: 'Node (fresh process)',
      ours: ms(c.ms),
      alternative: `raw fetch + json ${ms(raw.ms)}`,
      ratio: `${x(ratio)} (median of ${samples === 1 ? "1 pair's ratio" : `${samples} pairs' ratios`}; ${x(c.ms / raw.ms)} of the medians)`,
      target: `≤ ${x(TARGET.largeTime)}`,
      met: ratio <= TARGET.largeTime,
      value: c.ms,
      ratioValue: ratio,
    });
    row({
      measure: `${what}: peak RSS (raised by the call)`,
      where: 'Node (fresh process)',
      ours: `${mb(c.peakRss)} (+${mb(c.raised)})`,
      alternative: `raw fetch + json ${mb(raw.peakRss)} (+${mb(raw.raised)})`,
      ratio: `${x(c.peakRss / raw.peakRss)} peak; ${x(c.raised / raw.raised)} raised`,
      target: `≤ ${x(TARGET.largeMemory)} peak`,
      met: c.peakRss / raw.peakRss <= TARGET.largeMemory,
      value: c.peakRss,
      ratioValue: c.peakRss / raw.peakRss,
    });
  }
  return rows;
}

const metText = (met) => (met === undefined ? '' : met ? 'yes' : '**no**');

function header(f) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const chromium = f.validation?.chromium.version ?? '';
  const load = (l) => l.map((n) => n.toFixed(1)).join(' ');
  return [
    `Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}${chromium ? `; Chromium ${chromium}` : ''}. ` +
      `Package: ${pkgDir().startsWith(root) ? path.relative(root, pkgDir()) : pkgDir()} (repository at ${f.commit}). Started ${f.started}; load average ${load(f.loadBefore)} before, ${load(f.loadAfter)} after.` +
      (smoke ? ' **Smoke run: figures meaningless.**' : ''),
  ];
}

function table(rows) {
  const lines = [
    '| measure | where | skimmer-activity-logs | alternative | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows)
    lines.push(`| ${[r.measure, r.where, r.ours, r.alternative, r.ratio, r.target, metText(r.met)].join(' | ')} |`);
  return lines;
}

function report(f) {
  const rows = rowsOf(f);
  const lines = [...header(f), '', ...table(rows)];
  const met = rows.filter((r) => r.met !== undefined);
  lines.push('', `Targets met: ${met.filter((r) => r.met).length} of ${met.length} rows with a target.`);
  if (f.twiggy)
    lines.push(
      '',
      "### Where the .wasm's bytes go",
      '',
      f.twiggy.skipped ? `Not measured: ${f.twiggy.skipped}.` : f.twiggy.markdown,
    );
  return { rows, markdown: lines.join('\n') };
}

/** The spread of each row across runs: the runs' figures and max / min − 1 of each number. */
function spread(reports) {
  const lines = [
    `${reports.length} runs, one after the other.`,
    '',
    `| measure | where | ${reports.map((_, i) => `run ${i + 1}`).join(' | ')} | spread of the figure | spread of the ratio | met |`,
    `| --- | --- | ${reports.map(() => '---').join(' | ')} | --- | --- | --- |`,
  ];
  // Relative (max / min − 1), or in `unit` apart for figures that may be near or below zero.
  const pct = (values, unit) => {
    const v = values.filter((n) => Number.isFinite(n));
    if (v.length < 2) return '';
    const [lo, hi] = [Math.min(...v), Math.max(...v)];
    if (unit || lo <= 0) return `${(hi - lo).toFixed(1)} ${unit ?? ''} apart`.replace('  ', ' ');
    return `${((hi / lo - 1) * 100).toFixed(0)}%`;
  };
  const byId = reports.map((r) => new Map(r.rows.map((row) => [row.id, row])));
  const summary = [];
  for (const first of reports[0].rows) {
    const all = byId.map((m) => m.get(first.id)).filter(Boolean);
    const mets = all.map((r) => r.met);
    const met = mets.every((m) => m === undefined)
      ? ''
      : mets.every((m) => m === true)
        ? 'yes'
        : mets.every((m) => m === false)
          ? '**no**'
          : 'in some runs';
    summary.push({ id: first.id, values: all.map((r) => r.value), ratios: all.map((r) => r.ratioValue), met });
    lines.push(
      `| ${first.measure} | ${first.where} | ${all.map((r) => `${r.ours}; ${r.ratio}`).join(' | ')} | ${pct(
        all.map((r) => r.value),
        first.unit,
      )} | ${pct(all.map((r) => r.ratioValue))} | ${met} |`,
    );
  }
  return { markdown: lines.join('\n'), summary };
}

fs.mkdirSync(outDir, { recursive: true });
const reports = [];
for (let i = 0; i < runs; i++) {
  if (runs > 1) process.stderr.write(`bench: run ${i + 1} of ${runs}\n`);
  const figures = await measureAll();
  const { rows, markdown } = report(figures);
  const name = smoke ? 'smoke' : runs > 1 ? `run-${i + 1}` : 'latest';
  fs.writeFileSync(path.join(outDir, `${name}.md`), `${markdown}\n`);
  fs.writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify({ figures, rows }, null, 1)}\n`);
  if (!smoke) fs.copyFileSync(path.join(outDir, `${name}.md`), path.join(outDir, 'latest.md'));
  if (!smoke) fs.copyFileSync(path.join(outDir, `${name}.json`), path.join(outDir, 'latest.json'));
  console.log(`${runs > 1 ? `## Run ${i + 1}\n\n` : ''}${markdown}\n`);
  if (!smoke && figures.twiggy && !figures.twiggy.skipped) twiggy.writeReadme(figures.twiggy.markdown);
  reports.push({ figures, rows });
}
if (runs > 1) {
  const { markdown, summary } = spread(reports);
  fs.writeFileSync(path.join(outDir, 'spread.md'), `${markdown}\n`);
  fs.writeFileSync(path.join(outDir, 'spread.json'), `${JSON.stringify(summary, null, 1)}\n`);
  console.log(`## Spread between the runs\n\n${markdown}`);
}
console.error(
  `bench: tables in ${path.relative(root, outDir)}/ (${smoke ? 'smoke' : runs > 1 ? 'run-N, spread' : 'latest'}.md and .json)`,
);
