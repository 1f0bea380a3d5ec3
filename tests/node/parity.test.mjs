// Validation parity: for every row of the shared table (tests/fixtures/validation-table.json),
// the package's validateActivity and the emulator's 400 answer report the same issues, and an
// input with none is created. One rule, two callers, compared across both shells.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { validateActivity } from 'skimmer-activity-logs';
import { startEmulator, API_KEY } from '../support/emulator.mjs';

const table = JSON.parse(fs.readFileSync(new URL('../fixtures/validation-table.json', import.meta.url), 'utf8'));
let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator?.stop());

test('the package and the emulator agree on every row of the shared table', async () => {
  assert.ok(table.length >= 30);
  for (const row of table) {
    const local = validateActivity(row.input);
    assert.deepEqual(
      local.issues.map((i) => `${i.field}:${i.code}`),
      row.expect,
      row.name,
    );
    const response = await fetch(`${emulator.url}/CustomerActivityLogs/cust-1003`, {
      method: 'POST',
      headers: { 'skimmer-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(row.input),
    });
    const body = await response.json();
    if (local.valid) {
      assert.equal(response.status, 201, row.name);
      assert.equal(body.title, row.input.title, row.name);
    } else {
      assert.equal(response.status, 400, row.name);
      assert.deepEqual(body.issues, local.issues, row.name);
      const byField = {};
      for (const issue of local.issues) {
        byField[issue.field] ??= [];
        byField[issue.field].push(issue.message);
      }
      assert.deepEqual(body.errors, byField, row.name);
    }
  }
});
