// The activity form's fields: what they would send, their messages and counters, and why the
// submit button is not ready. Validation is the package's (`validateField`, `validateActivity`):
// the page adds no rule of its own.
import {
  validateActivity,
  validateField,
  ACTIVITY_TYPES,
  TITLE_MAX_LENGTH,
  DESCRIPTION_MAX_LENGTH,
  TITLE_PATTERN,
} from './pkg/index.js';
import { byId, setText } from './dom.js';

/** The form's fields, in the order validation reports them. */
export const fields = {
  type: byId('type'),
  title: byId('title'),
  description: byId('description'),
  authorName: byId('author-name'),
};

const limits = { title: TITLE_MAX_LENGTH, description: DESCRIPTION_MAX_LENGTH };
const names = { type: 'type', title: 'title', description: 'description', authorName: 'name' };

/**
 * Sets up the controls from the package's constants. No `maxlength`: a browser cuts a pasted
 * text at the limit without a word, so the page lets it in and says it is too long instead.
 */
export function setUpFields() {
  for (const type of ACTIVITY_TYPES) fields.type.add(new Option(type, type));
  fields.title.pattern = TITLE_PATTERN;
}

/** What the form would send; empty optional fields are left out, as the API expects. */
export function formInput() {
  const optional = (value) => (value.trim() === '' ? null : value);
  return {
    type: fields.type.value,
    title: fields.title.value,
    description: optional(fields.description.value),
    authorName: optional(fields.authorName.value),
  };
}

/**
 * Shows the message and counter of the field `name`. A message shows once the user has changed
 * the field (`touched`) or a server refused it (`serverErrors`), never merely because the page
 * or the user moved focus through it. Returns whether the field is valid.
 */
export function showField(name, { touched, serverErrors }) {
  const control = fields[name];
  const issues = validateField(name, formInput()[name]);
  const server = serverErrors[name] ?? [];
  const messages = issues.length > 0 ? issues.map((issue) => issue.message) : server;
  const shown = touched.has(name) || server.length > 0;
  setText(byId(`${name}-message`), shown ? messages.join(' ') : '');
  control.setAttribute('aria-invalid', String(shown && messages.length > 0));
  if (limits[name]) {
    const counter = byId(`${name}-count`);
    const length = control.value.length;
    setText(counter, `${length}/${limits[name]}`);
    counter.classList.toggle('near', length >= limits[name] * 0.9 && length <= limits[name]);
    counter.classList.toggle('over', length > limits[name]);
  }
  return messages.length === 0;
}

/** The fields the form would be refused for, in order. */
export function invalidFields() {
  const result = validateActivity(formInput());
  return result.valid ? [] : [...new Set(result.issues.map((issue) => issue.field))];
}

/**
 * Why the form cannot be sent yet, as a sentence for beside the button, or '' when it can.
 * `verb` is what the button does ("add the activity", "save the changes").
 */
export function submitReason({ customerId, verb }) {
  const invalid = invalidFields();
  if (invalid.length === 1 && invalid[0] === 'title' && fields.title.value.trim() === '') {
    return `Enter a title to ${verb}.`;
  }
  if (invalid.length > 0) {
    const list = invalid.map((name) => `the ${names[name] ?? name}`);
    const joined = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0];
    return `Correct ${joined} to ${verb}.`;
  }
  if (customerId === null) return `Show a customer's log first, then ${verb}.`;
  return '';
}
