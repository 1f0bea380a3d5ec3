// Small DOM helpers for the demo page. Text is always set as text, never as HTML: activity
// fields come from a server.

/** The element with the id `id`. */
export const byId = (id) => document.getElementById(id);

/**
 * Creates an element. `props`: `class` (a string or an array, falsy parts skipped), `dataset`,
 * `on…` listeners, anything else as an attribute (skipped when null, undefined or false).
 * Children: nodes, strings, arrays of them; falsy ones are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') {
      const names = [value].flat().filter(Boolean);
      if (names.length > 0) element.className = names.join(' ');
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(
    ...children
      .flat(Infinity)
      .filter((child) => child !== null && child !== undefined && child !== false && child !== ''),
  );
  return element;
}

/** Sets an element's text only when it changes (no needless live-region announcements). */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}
