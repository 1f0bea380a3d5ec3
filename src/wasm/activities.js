// Decoded activities, for the Rust shell (src/wasm/call.rs), in JS because it touches every
// field of every item and a call across the wasm boundary per field would cost more than the
// work itself. It makes no rule of its own: it checks each field's JSON type against the types
// its rule accepts (decode::FieldRule::accepted_mask, as constants src/codes.rs checks) and
// copies items into the plain 16-field shape, `null` for a missing field; items that already
// have exactly the known fields are returned as they are. Only when an item is not an object or
// a type is not accepted does it record every field's types, for the Rust check that names the
// issue (decode::check_types): a body that decodes costs Rust no look at a record.
//
// `fitting` reads the 16 fields by their literal names (src/codes.rs checks them against
// decode::ACTIVITY_FIELDS, in order): each read is then one inline-cached load, where
// `item[keys[k]]` with a key that changes at every step is a generic lookup. For a list of
// 10,000 that took the check from 3.3-5.5 ms to about 1.4 ms (bench/README.md, "The targets").
// The record, made only for a body that is refused, reads them by `keys`.

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
// The types each rule accepts, as bit sets of the codes above (decode::FieldRule::accepted_mask).
const REQUIRED_STRING = 4; // STRING
const REQUIRED_BOOLEAN = 8; // BOOLEAN
const NULLABLE_STRING = 7; // MISSING, NULL or STRING

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
 * 1 when `value` is present and of a type `mask` accepts, 0 when it is missing and that is
 * accepted, and -64 when its type is not accepted (so that a sum of 16 falls below 0).
 */
function fits(mask, value) {
  const type = typeCode(value);
  if (((mask >> type) & 1) === 0) return -64;
  return type === MISSING ? 0 : 1;
}

/**
 * How many of `item`'s 16 fields are present, when every field's type is one its rule accepts;
 * below 0 otherwise.
 */
function fitting(item) {
  let present = fits(REQUIRED_STRING, item.id);
  present += fits(REQUIRED_STRING, item.customerId);
  present += fits(REQUIRED_STRING, item.type);
  present += fits(REQUIRED_STRING, item.title);
  present += fits(NULLABLE_STRING, item.description);
  present += fits(REQUIRED_BOOLEAN, item.isSystemGenerated);
  present += fits(NULLABLE_STRING, item.relatedEntityId);
  present += fits(NULLABLE_STRING, item.relatedEntityType);
  present += fits(NULLABLE_STRING, item.relatedEntityDisplay);
  present += fits(NULLABLE_STRING, item.secondaryRelatedEntityId);
  present += fits(NULLABLE_STRING, item.secondaryRelatedEntityType);
  present += fits(NULLABLE_STRING, item.secondaryRelatedEntityDisplay);
  present += fits(NULLABLE_STRING, item.createdByName);
  present += fits(REQUIRED_STRING, item.createdAt);
  present += fits(NULLABLE_STRING, item.updatedByName);
  present += fits(NULLABLE_STRING, item.updatedAt);
  return present;
}

/** `item` copied into the plain shape: the fields named by `keys`, `null` for a missing one. */
function plain(item, keys) {
  const row = {};
  for (let k = 0; k < keys.length; k++) {
    const value = item[keys[k]];
    row[keys[k]] = value === undefined ? null : value;
  }
  return row;
}

/** Whether `item` is a JSON object (not null, not an array). */
function isObject(item) {
  return item !== null && typeof item === 'object' && !Array.isArray(item);
}

/**
 * `item` in the plain shape (itself when it has exactly the known fields), or undefined when it
 * is not an object or a field's type is not accepted.
 */
function shaped(item, keys) {
  if (!isObject(item)) return undefined;
  const present = fitting(item);
  if (present < 0) return undefined;
  if (present === keys.length && Object.keys(item).length === keys.length) return item;
  return plain(item, keys);
}

/**
 * Checks `value` (an array of items, or one item when `single`) against the rules and returns
 * the items (or the item) in the plain shape of `keys` (the 16 field names, in the rules'
 * order). When an item is not an object or a field's type is not accepted, it returns
 * `undefined` instead, having recorded every item's types in `firstSeen` for the Rust check
 * that names the issue: `firstSeen[k * TYPES + type]` is the index of the first item whose field
 * `keys[k]` has that type (or -1), and `firstSeen[keys.length * TYPES]` that of the first item
 * that is not an object (or -1). A body that decodes leaves `firstSeen` alone.
 */
export function shapeActivities(value, keys, firstSeen, single) {
  if (single) {
    const row = shaped(value, keys);
    if (row !== undefined) return row;
  } else {
    let out = value;
    let i = 0;
    for (; i < value.length; i++) {
      const item = value[i];
      const row = shaped(item, keys);
      if (row === item) continue;
      if (row === undefined) break;
      if (out === value) out = value.slice();
      out[i] = row;
    }
    if (i === value.length) return out;
  }
  const items = single ? [value] : value;
  const notObject = keys.length * TYPES;
  firstSeen.fill(-1);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isObject(item)) {
      if (firstSeen[notObject] < 0) firstSeen[notObject] = i;
      continue;
    }
    for (let k = 0; k < keys.length; k++) {
      const slot = k * TYPES + typeCode(item[keys[k]]);
      if (firstSeen[slot] < 0) firstSeen[slot] = i;
    }
  }
  return undefined;
}
