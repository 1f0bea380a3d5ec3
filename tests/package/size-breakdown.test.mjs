// tools/size.mjs --breakdown (run by make bench): the names-kept build it analyses is the
// shipped wasm but for its names, and every byte of it lands in one part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { breakdown } from '../../tools/size.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the breakdown covers the shipped wasm, part by part', () => {
  const shipped = fs.statSync(path.join(root, 'pkg', 'skimmer_activity_logs_bg.wasm')).size;
  const { total, rows, top } = breakdown();
  assert.equal(
    rows.reduce((n, r) => n + r.raw, 0),
    total,
  );
  assert.ok(Math.abs(total - shipped) / shipped < 0.01, `${total} bytes analysed, ${shipped} shipped`);
  for (const part of ['the allocator', 'the core', 'the shell', 'data']) {
    const row = rows.find((r) => r.label.includes(part));
    assert.ok(row && row.raw > 0 && row.gzip > 0, part);
  }
  for (const f of top) assert.doesNotMatch(f.name, /^function \d+$/, 'functions are known by name');
});
