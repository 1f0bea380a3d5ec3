// Decoded activities, for the Rust shell (src/wasm/call.rs), in JS because it touches every
// field of every item and a call across the wasm boundary per field would cost more than the
// work itself. It decides nothing: it records each field's JSON type for the Rust check
// (decode::check_types) and copies items into the plain 16-field shape, `null` for a missing
// field. Items that already have exactly the known fields are returned as they are.
//
// `record` reads the 16 fields by their literal names (src/codes.rs checks them against
// decode::ACTIVITY_FIELDS, in order): each read is then one inline-cached load, where
// `item[keys[k]]` with a key that changes at every step is a generic lookup. For a list of
// 10,000 that took recording from 3.3-5.5 ms to about 1.4 ms (bench/README.md, "The targets").

// The JSON type of a value (decode::JsonType in src/decode.rs; src/codes.rs checks these).
const MISSING = 0;
const NULL = 1;
const STRING = 2;
const BOOLEAN = 3;
const NUMBER = 4;
const ARRAY = 5;
const OBJECT = 6;
// How many types there are: the width of a row of `firstSeen`.
const TYPES = 7;

function typeCode(value) {
  if (value === undefined) return MISSING;
  if (value === null) return NULL;
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'boolean':
      return BOOLEAN;
    case 'number':
      return NUMBER;
    default:
      return Array.isArray(value) ? ARRAY : OBJECT;
  }
}

/**
 * Notes in `firstSeen` that item `i` has a value of `value`'s type in the field whose row starts
 * at `row`, unless an earlier item did; 1 when the field is present, else 0.
 */
function seen(firstSeen, row, value, i) {
  const slot = row + typeCode(value);
  if (firstSeen[slot] < 0) firstSeen[slot] = i;
  return value === undefined ? 0 : 1;
}

/** Records the types of item `i`'s 16 fields (see shapeActivities); how many are present. */
function record(item, i, firstSeen) {
  let present = seen(firstSeen, 0, item.id, i);
  present += seen(firstSeen, TYPES, item.customerId, i);
  present += seen(firstSeen, 2 * TYPES, item.type, i);
  present += seen(firstSeen, 3 * TYPES, item.title, i);
  present += seen(firstSeen, 4 * TYPES, item.description, i);
  present += seen(firstSeen, 5 * TYPES, item.isSystemGenerated, i);
  present += seen(firstSeen, 6 * TYPES, item.relatedEntityId, i);
  present += seen(firstSeen, 7 * TYPES, item.relatedEntityType, i);
  present += seen(firstSeen, 8 * TYPES, item.relatedEntityDisplay, i);
  present += seen(firstSeen, 9 * TYPES, item.secondaryRelatedEntityId, i);
  present += seen(firstSeen, 10 * TYPES, item.secondaryRelatedEntityType, i);
  present += seen(firstSeen, 11 * TYPES, item.secondaryRelatedEntityDisplay, i);
  present += seen(firstSeen, 12 * TYPES, item.createdByName, i);
  present += seen(firstSeen, 13 * TYPES, item.createdAt, i);
  present += seen(firstSeen, 14 * TYPES, item.updatedByName, i);
  present += seen(firstSeen, 15 * TYPES, item.updatedAt, i);
  return present;
}

/**
 * Records the field types of `items` (an array, or one item when `single`) against `keys` (the
 * 16 field names, in the order `record` reads them) and returns the items (or the item) in the
 * plain shape. `firstSeen` is reset to -1, then `firstSeen[k * TYPES + type]` becomes the index
 * of the first item whose field `keys[k]` has that type, and `firstSeen[keys.length * TYPES]`
 * the index of the first item that is not an object.
 */
export function shapeActivities(value, keys, firstSeen, single) {
  firstSeen.fill(-1);
  const items = single ? [value] : value;
  const width = keys.length;
  const notObject = width * TYPES;
  let out = items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      if (firstSeen[notObject] < 0) firstSeen[notObject] = i;
      continue;
    }
    const present = record(item, i, firstSeen);
    if (present === width && Object.keys(item).length === width) continue;
    // Missing or extra fields: copy into the plain shape.
    if (out === items) out = items.slice();
    const row = {};
    for (let k = 0; k < width; k++) {
      const value = item[keys[k]];
      row[keys[k]] = value === undefined ? null : value;
    }
    out[i] = row;
  }
  return single ? out[0] : out;
}
