// Decoded activities, for the Rust shell (src/wasm/call.rs), in JS because it touches every
// field of every item and a call across the wasm boundary per field would cost more than the
// work itself. It decides nothing: it records each field's JSON type for the Rust check
// (decode::check_types) and copies items into the plain 16-field shape, `null` for a missing
// field. Items that already have exactly the known fields are returned as they are.

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
 * Records the field types of `items` (an array, or one item when `single`) against `keys` and
 * returns the items (or the item) in the plain shape. `firstSeen` is reset to -1, then
 * `firstSeen[k * TYPES + type]` becomes the index of the first item whose field `keys[k]` has
 * that type, and `firstSeen[keys.length * TYPES]` the index of the first item that is not an
 * object.
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
    let present = 0;
    for (let k = 0; k < width; k++) {
      const value = item[keys[k]];
      const slot = k * TYPES + typeCode(value);
      if (firstSeen[slot] < 0) firstSeen[slot] = i;
      if (value !== undefined) present++;
    }
    let own = 0;
    for (const _key in item) own++;
    if (present === width && own === width) continue;
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
