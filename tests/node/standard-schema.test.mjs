// activityInputSchema, the Standard Schema v1 object for ActivityInput: the same rules as
// validateActivity (it calls it), in the shape form libraries read — on every row of the shared
// table, through the ES module entry and the CommonJS one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { activityInputSchema, validateActivity } from 'skimmer-activity-logs';

const require = createRequire(import.meta.url);
const table = JSON.parse(fs.readFileSync(new URL('../fixtures/validation-table.json', import.meta.url), 'utf8'));

/** What Standard Schema v1 says `validate` returns for validateActivity's result. */
function expected(result) {
  if (result.valid) return { value: result.value };
  return {
    issues: result.issues.map((issue) => (issue.field === 'input' ? issue : { ...issue, path: [issue.field] })),
  };
}

test('~standard has version 1, the vendor and a validate function', () => {
  const props = activityInputSchema['~standard'];
  assert.equal(props.version, 1);
  assert.equal(props.vendor, 'skimmer-activity-logs');
  assert.equal(typeof props.validate, 'function');
  assert.ok(Object.isFrozen(activityInputSchema) && Object.isFrozen(props), 'one shared object nobody can alter');
});

test('validate agrees with validateActivity on every row of the shared table', () => {
  assert.ok(table.length >= 30);
  let valid = 0;
  for (const row of table) {
    const result = activityInputSchema['~standard'].validate(row.input);
    assert.ok(!(result instanceof Promise), `${row.name}: synchronous`);
    assert.deepEqual(result, expected(validateActivity(row.input)), row.name);
    if (row.expect.length === 0) {
      valid += 1;
      assert.deepEqual(Object.keys(result), ['value'], `${row.name}: success is { value } alone`);
    } else {
      assert.deepEqual(
        result.issues.map((i) => `${i.field}:${i.code}`),
        row.expect,
        row.name,
      );
      for (const issue of result.issues) {
        assert.equal(typeof issue.message, 'string', row.name);
        assert.ok(issue.message.length > 0, row.name);
      }
    }
  }
  assert.ok(valid > 0 && valid < table.length, 'the table has valid and invalid rows');
});

test('an issue names its field in path; an issue about the whole input has no path', () => {
  const fields = activityInputSchema['~standard'].validate({ type: 'Fax', title: '', description: 5 });
  assert.deepEqual(
    fields.issues.map((i) => i.path),
    [['type'], ['title'], ['description']],
  );
  const whole = activityInputSchema['~standard'].validate([]);
  assert.equal(whole.issues.length, 1);
  assert.equal(whole.issues[0].field, 'input');
  assert.equal('path' in whole.issues[0], false);
});

test('the value is the cleaned input: only the known fields, no nulls', () => {
  const result = activityInputSchema['~standard'].validate({
    type: 'Text',
    title: 'Reminder',
    description: null,
    authorName: 'Ana',
    extra: 1,
  });
  assert.deepEqual(result, { value: { type: 'Text', title: 'Reminder', authorName: 'Ana' } });
});

test('the CommonJS entry exports the same schema, with the same answers', () => {
  const cjs = require('skimmer-activity-logs');
  const web = require('skimmer-activity-logs/web');
  assert.equal(web.activityInputSchema, cjs.activityInputSchema);
  assert.equal(cjs.activityInputSchema['~standard'].vendor, 'skimmer-activity-logs');
  for (const row of table) {
    assert.deepEqual(
      cjs.activityInputSchema['~standard'].validate(row.input),
      expected(cjs.validateActivity(row.input)),
      row.name,
    );
  }
});
