// What the package promises about code it ships: no eval, no new Function, no string timers,
// so it runs under a Content-Security-Policy without 'unsafe-eval' (only 'wasm-unsafe-eval').
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const pkgDir = path.dirname(createRequire(import.meta.url).resolve('skimmer-activity-logs/package.json'));

test('the package JS contains no eval, new Function or string-evaluating timers', () => {
  const files = fs.readdirSync(pkgDir, { recursive: true }).filter((f) => /\.(c|m)?js$/.test(f));
  assert.ok(files.length >= 8, `${files.length} files`);
  const forbidden = [
    /\beval\s*\(/,
    /\bnew\s+Function\s*\(/,
    /\bFunction\s*\(\s*['"`]/,
    /\bset(Timeout|Interval)\s*\(\s*['"`]/,
  ];
  for (const file of files) {
    const text = fs.readFileSync(path.join(pkgDir, file), 'utf8');
    for (const pattern of forbidden) assert.doesNotMatch(text, pattern, `${file} matches ${pattern}`);
  }
});
