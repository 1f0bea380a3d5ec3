// What `list` and `get` hand back is always the plain 16-field shape of an activity, whatever
// the API adds or leaves out: fields it leaves out are `null`, fields the model does not know are
// dropped, the order of its keys does not matter, and a field of the wrong JSON type is a
// DecodeError naming the field and the item (activities.js records the types, decode.rs checks
// them). The API here is a fetch answering given JSON, since the emulator never leaves a field
// out or adds one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityLogClient } from 'skimmer-activity-logs';
import { activity } from '../support/activity.mjs';

const FIELDS = Object.keys(activity()).sort();

/** A client whose fetch answers every request with `text` as JSON. */
function client(text) {
  return new ActivityLogClient({
    apiKey: 'k',
    baseUrl: 'http://127.0.0.1:9',
    retry: false,
    fetch: async () => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } }),
  });
}

/** `item` without the fields named in `names`. */
function without(item, ...names) {
  const copy = { ...item };
  for (const name of names) delete copy[name];
  return copy;
}

/** `item` with its keys in reverse order. */
function reversed(item) {
  return Object.fromEntries(Object.entries(item).reverse());
}

test('list: every item comes back with exactly the 16 fields, in whatever shape it was sent', async () => {
  const sent = [
    activity({ id: 'exact', description: 'As the model has it' }),
    { ...activity({ id: 'extra' }), colour: 'blue', nested: { a: 1 } },
    without(activity({ id: 'missing' }), 'description', 'updatedAt', 'relatedEntityDisplay'),
    reversed(activity({ id: 'reversed', createdByName: 'Ana' })),
    { ...without(activity({ id: 'both' }), 'secondaryRelatedEntityType'), zeta: true },
  ];
  // A key spelt __proto__ is an own field in JSON, not the prototype: it is dropped like any other.
  const text = JSON.stringify(sent).replace('"colour"', '"__proto__"');
  const items = await client(text).list('c1');
  assert.equal(items.length, sent.length);
  for (const item of items) assert.deepEqual(Object.keys(item).sort(), FIELDS, item.id);
  assert.deepEqual(items[0], sent[0]);
  assert.deepEqual(items[1], activity({ id: 'extra' }));
  assert.deepEqual(items[2], activity({ id: 'missing' }));
  assert.equal(items[2].description, null);
  assert.deepEqual(items[3], activity({ id: 'reversed', createdByName: 'Ana' }));
  assert.deepEqual(items[4], activity({ id: 'both' }));
  assert.equal(Object.getPrototypeOf(items[1]), Object.prototype);
});

test('get: one item, the same shape', async () => {
  const item = await client(JSON.stringify({ ...activity({ id: 'one' }), extra: 1 })).get('c1', 'one');
  assert.deepEqual(item, activity({ id: 'one' }));
  const sparse = await client(JSON.stringify(without(activity({ id: 'two' }), 'updatedByName'))).get('c1', 'two');
  assert.deepEqual(sparse, activity({ id: 'two' }));
});

test('a field of the wrong type is a DecodeError naming the field and the item, for each field', async () => {
  for (const field of FIELDS) {
    const list = [activity({ id: 'a0' }), activity({ id: 'a1' }), { ...activity({ id: 'a2' }), [field]: [1] }];
    const error = await client(JSON.stringify(list))
      .list('c1')
      .then(
        () => null,
        (e) => e,
      );
    assert.equal(error?.kind, 'decode', field);
    assert.equal(error.field, field);
    assert.equal(error.index, 2, field);
  }
});

test('the issue reported is the lowest item, past items that decode, whatever comes after it', async () => {
  const refusal = async (body, call = (c) => c.list('c1')) =>
    call(client(JSON.stringify(body))).then(
      () => null,
      (e) => e,
    );
  // Item 2 lacks a required field; item 4 is not an object; item 5 has a field of the wrong type.
  const list = [
    activity({ id: 'a0' }),
    { ...activity({ id: 'a1' }), extra: 1 },
    without(activity({ id: 'a2' }), 'createdAt'),
    activity({ id: 'a3' }),
    'not an activity',
    activity({ id: 'a5', isSystemGenerated: 'no' }),
  ];
  const first = await refusal(list);
  assert.equal(first?.kind, 'decode');
  assert.equal(first.index, 2);
  assert.equal(first.field, 'createdAt');
  const second = await refusal(list.slice(3));
  assert.equal(second?.kind, 'decode');
  assert.equal(second.index, 1);
  assert.match(second.message, /activity \[1\] is not a JSON object/);
  // One activity: a body that is not an object, and one with a field of the wrong type.
  for (const body of ['text', 7, null]) {
    const error = await refusal(body, (c) => c.get('c1', 'x'));
    assert.equal(error?.kind, 'decode', JSON.stringify(body));
    assert.equal(error.index, null);
  }
  const wrong = await refusal(activity({ id: 'x', title: 5 }), (c) => c.get('c1', 'x'));
  assert.equal(wrong?.field, 'title');
  assert.equal(wrong.index, null);
});
