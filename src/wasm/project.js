// The one piece of the shell written in JS, because it touches every field of every item and a
// call across the wasm boundary per field would cost more than the work itself. It decides
// nothing: it records each field's JSON type for the Rust judge (decode::judge, whose codes
// these are: decode::JsonType) and copies items into the plain 16-field shape, `null` for a
// missing field. Items that already have exactly the known fields are returned as they are.

function typeCode(value) {
  if (value === undefined) return 0;
  if (value === null) return 1;
  switch (typeof value) {
    case 'string': return 2;
    case 'boolean': return 3;
    case 'number': return 4;
    default: return Array.isArray(value) ? 5 : 6;
  }
}

/**
 * Surveys `items` (an array, or one item when `single`) against `keys`: `firstSeen` is reset to
 * -1, then `firstSeen[k * 7 + type]` becomes the index of the first item whose field `keys[k]`
 * has that type, and `firstSeen[keys.length * 7]` the index of the first item that is not an
 * object. Returns the items (or the item) in the plain shape.
 */
export function project(value, keys, firstSeen, single) {
  firstSeen.fill(-1);
  const items = single ? [value] : value;
  const width = keys.length;
  const notObject = width * 7;
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
      const slot = k * 7 + typeCode(value);
      if (firstSeen[slot] < 0) firstSeen[slot] = i;
      if (value !== undefined) present++;
    }
    let own = 0;
    for (const key in item) own++;
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
