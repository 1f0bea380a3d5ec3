// Ids are sent exactly as given, so an id holding an unpaired UTF-16 surrogate, which no URL can
// carry (encoding it would change it to U+FFFD), is refused before any request: a
// ValidationError with an `invalid_characters` issue holding the surrogates themselves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityLogClient, isActivityLogError } from 'skimmer-activity-logs';
import { startEmulator, API_KEY } from '../support/emulator.mjs';

const CUSTOMER = 'cust-1001';
const input = { type: 'Call', title: 'Called about the pump' };
let emulator;
let client;

before(async () => {
  emulator = await startEmulator();
  client = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url });
});
after(() => emulator?.stop());

async function refused(promise) {
  const error = await promise.then(
    () => assert.fail('resolved'),
    (e) => e,
  );
  assert.ok(error instanceof Error && isActivityLogError(error), String(error));
  assert.equal(error.kind, 'validation');
  assert.equal(error.name, 'ValidationError');
  assert.equal(error.issues.length, 1);
  return error;
}

/** Every call with `bad` as customerId and as id: each refused, naming the field and `lone`. */
async function checkAll(bad, lone) {
  const asCustomer = [
    client.list(bad),
    client.get(bad, 'a1'),
    client.create(bad, input),
    client.update(bad, 'a1', input),
    client.delete(bad, 'a1'),
  ];
  const asId = [client.get(CUSTOMER, bad), client.update(CUSTOMER, bad, input), client.delete(CUSTOMER, bad)];
  for (const [field, calls] of [
    ['customerId', asCustomer],
    ['id', asId],
  ]) {
    for (const call of calls) {
      const error = await refused(call);
      const [issue] = error.issues;
      assert.deepEqual(Object.keys(issue), ['field', 'code', 'message', 'characters']);
      assert.equal(issue.field, field);
      assert.equal(issue.code, 'invalid_characters');
      assert.deepEqual(issue.characters, lone);
      assert.match(issue.message, /^(Customer|Activity) id holds an unpaired surrogate .*which no URL can carry\.$/);
      assert.equal(error.message, `Invalid request: ${issue.message}`);
    }
  }
}

test('an id with an unpaired surrogate is a ValidationError, and nothing reaches the emulator', async () => {
  await emulator.clearRequests();
  await checkAll('\ud800', ['\ud800']);
  await checkAll('a\udc00b\ud83d', ['\udc00', '\ud83d']);
  await checkAll('x\udfff😀\udfff', ['\udfff']);
  assert.deepEqual(await emulator.requests(), []);

  // A surrogate pair is a character like any other, sent exactly as given.
  const error = await client.get(CUSTOMER, 'a😀\ud83d\ude00').then(
    () => assert.fail('resolved'),
    (e) => e,
  );
  assert.equal(error.status, 404);
  assert.deepEqual(
    (await emulator.requests()).map((r) => r.id),
    ['a😀😀'],
  );

  // So is U+FFFD itself (what a converted surrogate becomes): sent, and next to an unpaired
  // surrogate still refused.
  await emulator.clearRequests();
  const replacement = await client.get(CUSTOMER, 'a\ufffdb').then(
    () => assert.fail('resolved'),
    (e) => e,
  );
  assert.equal(replacement.status, 404);
  await checkAll('\ufffd\ud800', ['\ud800']);
  assert.deepEqual(
    (await emulator.requests()).map((r) => r.id),
    ['a\ufffdb'],
  );
});

test('without String.prototype.isWellFormed (older engines) the check still holds', async () => {
  const { isWellFormed } = String.prototype;
  delete String.prototype.isWellFormed;
  try {
    await emulator.clearRequests();
    await checkAll('\udbff-', ['\udbff']);
    assert.deepEqual(await emulator.requests(), []);
    assert.ok((await client.list(CUSTOMER)).length > 0);
  } finally {
    String.prototype.isWellFormed = isWellFormed;
  }
});
