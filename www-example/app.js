// The demo uses the package exactly as an app would: import it, read the form constants, and
// validate each field as the user types.
import {
  validateActivity, validateField, ACTIVITY_TYPES, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH,
  TITLE_PATTERN,
} from './pkg/index.js';

const form = document.getElementById('activity-form');
const type = document.getElementById('type');
const title = document.getElementById('title');
const description = document.getElementById('description');

for (const name of ACTIVITY_TYPES) type.add(new Option(name, name));
title.maxLength = TITLE_MAX_LENGTH;
title.pattern = TITLE_PATTERN;
description.maxLength = DESCRIPTION_MAX_LENGTH;

const limits = { title: TITLE_MAX_LENGTH, description: DESCRIPTION_MAX_LENGTH };

function show(control) {
  const issues = validateField(control.name, control.value === '' && control.name === 'description' ? null : control.value);
  document.getElementById(`${control.name}-message`).textContent = issues.map((i) => i.message).join(' ');
  control.setAttribute('aria-invalid', String(issues.length > 0));
  if (limits[control.name]) {
    document.getElementById(`${control.name}-count`).textContent = `${control.value.length}/${limits[control.name]}`;
  }
  return issues.length === 0;
}

for (const control of [type, title, description]) {
  control.addEventListener('input', () => show(control));
  show(control);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const result = validateActivity({
    type: type.value, title: title.value, description: description.value || null,
  });
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
});
