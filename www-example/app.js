// The demo page: it uses the package exactly as an app would. Import it (the module instantiates
// its WebAssembly itself), read the form constants, validate as the user types, and call the API
// through ActivityLogClient.
import {
  ActivityLogClient, validateActivity, validateField,
  ACTIVITY_TYPES, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, TITLE_PATTERN,
} from '/pkg/index.js';
import { h, byId, formatTime, describeError, serverFieldErrors } from './ui.js';

const DEFAULT_CUSTOMER = 'cust-1001';
const DEFAULT_API_KEY = 'demo-key'; // the local emulator's documented key; never a real one

const ui = {
  baseUrl: byId('base-url'),
  apiKey: byId('api-key'),
  connectionForm: byId('connection-form'),
  customerForm: byId('customer-form'),
  customer: byId('customer-id'),
  form: byId('activity-form'),
  formHeading: byId('form-heading'),
  cancelEdit: byId('cancel-edit'),
  submit: byId('submit-activity'),
  formMessage: byId('form-message'),
  banner: byId('banner'),
  logHeading: byId('log-heading'),
  rateLimit: byId('rate-limit'),
  refresh: byId('refresh'),
  status: byId('status'),
  region: byId('log-region'),
  table: byId('log-table'),
  caption: byId('log-caption'),
  body: byId('log-body'),
  placeholder: byId('log-placeholder'),
  dialog: byId('confirm-delete'),
  confirmText: byId('confirm-text'),
};

/** The form's fields, in the order validation reports them. */
const fields = {
  type: byId('type'),
  title: byId('title'),
  description: byId('description'),
  authorName: byId('author-name'),
};
const counters = { title: TITLE_MAX_LENGTH, description: DESCRIPTION_MAX_LENGTH };

const state = {
  client: null,
  customerId: null,     // the customer whose log is shown
  activities: [],
  editing: null,        // the activity being edited, or null when creating
  busy: false,          // a create, update or delete is in flight
  loading: null,        // the AbortController of the list call in flight
  touched: new Set(),   // fields whose message is shown
  serverErrors: {},     // field -> messages from the last 400, until the field changes
};

// ---- connection ------------------------------------------------------------------------------

/** A new client from the connection settings; an empty key means a proxy that adds it. */
function connect() {
  const baseUrl = ui.baseUrl.value.trim();
  const apiKey = ui.apiKey.value;
  try {
    state.client = apiKey === ''
      ? new ActivityLogClient({ baseUrl })
      : new ActivityLogClient(baseUrl === '' ? { apiKey } : { apiKey, baseUrl });
    return true;
  } catch (error) {
    state.client = null;
    showError(error);
    return false;
  }
}

ui.connectionForm.addEventListener('submit', (event) => {
  event.preventDefault();
  clearError();
  if (connect()) {
    announce('Connection settings applied.');
    loadLog(ui.customer.value);
  }
});

// ---- the log ---------------------------------------------------------------------------------

ui.customerForm.addEventListener('submit', (event) => {
  event.preventDefault();
  loadLog(ui.customer.value);
});
ui.refresh.addEventListener('click', () => loadLog(state.customerId ?? ui.customer.value));

async function loadLog(rawCustomerId) {
  const customerId = rawCustomerId.trim();
  if (customerId === '') {
    showError(new Error('Enter a customer id.'), 'Missing customer');
    ui.customer.focus();
    return;
  }
  if (!state.client) return;
  clearError();
  if (customerId !== state.customerId) {
    cancelEdit({ focus: false });
    state.activities = [];
  }
  state.customerId = customerId;
  rememberCustomer(customerId);
  state.loading?.abort();
  const controller = new AbortController();
  state.loading = controller;
  setLoading(true);
  try {
    const activities = await state.client.list(customerId, { signal: controller.signal });
    if (state.loading !== controller) return;
    state.activities = activities;
    renderLog();
    const n = activities.length;
    announce(`${n} ${n === 1 ? 'activity' : 'activities'} for ${customerId}.`);
  } catch (error) {
    if (controller.signal.aborted) return; // a newer load replaced this one
    state.activities = [];
    renderLog(`Could not load the log of ${customerId}.`);
    announce('');
    showError(error);
  } finally {
    if (state.loading === controller) {
      state.loading = null;
      setLoading(false);
      showRateLimit();
    }
  }
}

function setLoading(loading) {
  ui.region.setAttribute('aria-busy', String(loading));
  ui.region.classList.toggle('loading', loading);
  if (loading && state.activities.length === 0) {
    ui.table.hidden = true;
    showPlaceholder(`Loading activities for ${state.customerId}…`);
  }
}

function showPlaceholder(text) {
  ui.placeholder.textContent = text;
  ui.placeholder.hidden = text === '';
}

/** Newest first; the API's order breaks ties. */
function sorted(activities) {
  const time = (a) => Date.parse(a.createdAt) || 0;
  return activities.map((a, i) => [a, i]).sort(([a, i], [b, j]) => time(b) - time(a) || j - i)
    .map(([a]) => a);
}

function renderLog(failure) {
  ui.logHeading.textContent = `Activities · ${state.customerId}`;
  ui.caption.textContent = `Activity log of ${state.customerId}, newest first`;
  ui.body.replaceChildren(...sorted(state.activities).map(renderRow));
  const empty = state.activities.length === 0;
  ui.table.hidden = empty;
  showPlaceholder(failure ?? (empty ? `No activities for ${state.customerId} yet. Add the first with the form.` : ''));
}

function renderRow(activity) {
  const system = activity.isSystemGenerated;
  return h('tr', { dataset: { id: activity.id }, class: [system && 'system', state.editing?.id === activity.id && 'editing'] },
    h('td', { class: 'type' },
      h('span', { class: ['badge', `type-${String(activity.type).toLowerCase()}`] }, activity.type),
      system && h('span', { class: 'badge badge-system', title: 'Generated by Skimmer; read-only' }, 'System')),
    h('td', { class: 'title' }, activity.title),
    h('td', { class: 'description' }, activity.description ?? h('span', { class: 'none' }, '—')),
    h('td', { class: 'related' },
      activity.relatedEntityDisplay
        ? h('span', { class: 'primary', title: entityTitle(activity.relatedEntityType, activity.relatedEntityId) }, activity.relatedEntityDisplay)
        : h('span', { class: 'none' }, '—'),
      activity.secondaryRelatedEntityDisplay && h('span', { class: 'secondary', title: entityTitle(activity.secondaryRelatedEntityType, activity.secondaryRelatedEntityId) }, activity.secondaryRelatedEntityDisplay)),
    h('td', { class: 'created' }, byLine(activity.createdByName, activity.createdAt)),
    h('td', { class: 'updated' }, activity.updatedAt || activity.updatedByName
      ? byLine(activity.updatedByName, activity.updatedAt)
      : h('span', { class: 'none' }, '—')),
    h('td', { class: 'actions' }, system
      ? h('span', { class: 'read-only', title: 'System-generated activities cannot be edited or deleted' }, 'Read-only')
      : h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'small secondary', dataset: { action: 'edit' }, onclick: () => startEdit(activity) },
          'Edit', h('span', { class: 'visually-hidden' }, ` ${activity.title}`)),
        h('button', { type: 'button', class: 'small danger-outline', dataset: { action: 'delete' }, onclick: () => confirmDelete(activity) },
          'Delete', h('span', { class: 'visually-hidden' }, ` ${activity.title}`)))),
  );
}

function entityTitle(type, id) {
  return [type, id].filter(Boolean).join(' ');
}

function byLine(name, iso) {
  return [
    name ? h('span', { class: 'by' }, name) : h('span', { class: 'none', title: 'No name recorded' }, '—'),
    iso && formatTime(iso),
  ];
}

function rowOf(id) {
  return ui.body.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
}

// ---- the form --------------------------------------------------------------------------------

for (const type of ACTIVITY_TYPES) fields.type.add(new Option(type, type));
fields.title.maxLength = TITLE_MAX_LENGTH;
fields.title.pattern = TITLE_PATTERN;
fields.description.maxLength = DESCRIPTION_MAX_LENGTH;

/** What the form would send; empty optional fields are left out, as the API expects. */
function formInput() {
  const optional = (value) => (value.trim() === '' ? null : value);
  return {
    type: fields.type.value,
    title: fields.title.value,
    description: optional(fields.description.value),
    authorName: optional(fields.authorName.value),
  };
}

function showField(name) {
  const control = fields[name];
  const issues = validateField(name, formInput()[name]);
  const server = state.serverErrors[name] ?? [];
  const messages = issues.length > 0 ? issues.map((issue) => issue.message) : server;
  const shown = state.touched.has(name) || server.length > 0;
  const text = shown ? messages.join(' ') : '';
  const message = byId(`${name}-message`);
  if (message.textContent !== text) message.textContent = text;
  control.setAttribute('aria-invalid', String(shown && messages.length > 0));
  if (counters[name]) {
    const counter = byId(`${name}-count`);
    const length = control.value.length;
    counter.textContent = `${length}/${counters[name]}`;
    counter.classList.toggle('near', length >= counters[name] * 0.9);
  }
  return messages.length === 0;
}

function refreshForm() {
  for (const name of Object.keys(fields)) showField(name);
  ui.submit.disabled = !validateActivity(formInput()).valid;
}

for (const [name, control] of Object.entries(fields)) {
  control.addEventListener('input', () => {
    state.touched.add(name);
    delete state.serverErrors[name];
    ui.formMessage.textContent = '';
    refreshForm();
  });
  control.addEventListener('blur', () => {
    if (control.value !== '' || name === 'title') state.touched.add(name);
    showField(name);
  });
}

ui.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = validateActivity(formInput());
  if (!result.valid) {
    // The submit button is disabled while the form is invalid; this catches forced submits.
    for (const issue of result.issues) state.touched.add(issue.field);
    refreshForm();
    fields[result.issues[0].field]?.focus();
    return;
  }
  if (state.busy || !state.client || !state.customerId) return;
  const editing = state.editing;
  const customerId = state.customerId;
  clearError();
  setBusy(true);
  let focusAfter = ui.submit;
  try {
    if (editing) {
      const updated = await state.client.update(customerId, editing.id, result.value);
      if (customerId === state.customerId) {
        state.activities = state.activities.map((a) => (a.id === updated.id ? updated : a));
      }
      resetForm();
      renderLog();
      announce(`Saved “${updated.title}”.`);
      const row = rowOf(updated.id);
      row?.classList.add('flash');
      focusAfter = row?.querySelector('[data-action="edit"]') ?? ui.logHeading;
    } else {
      const created = await state.client.create(customerId, result.value);
      if (customerId === state.customerId) state.activities = [...state.activities, created];
      resetForm();
      renderLog();
      rowOf(created.id)?.classList.add('flash');
      announce(`Added “${created.title}” to ${customerId}.`);
      focusAfter = fields.title; // ready for the next entry
    }
  } catch (error) {
    const found = serverFieldErrors(error, Object.keys(fields));
    if (found) {
      state.serverErrors = found.fields;
      ui.formMessage.textContent = found.other.join(' ');
      const first = Object.keys(fields).find((name) => state.serverErrors[name]);
      if (first) focusAfter = fields[first];
    }
    showError(error);
  } finally {
    setBusy(false);
    showRateLimit();
  }
  focusAfter.focus();
});

/** While a save is in flight the button stays focusable (so focus is not lost) but inert. */
function setBusy(busy) {
  state.busy = busy;
  ui.form.setAttribute('aria-busy', String(busy));
  ui.submit.classList.toggle('busy', busy);
  if (busy) ui.submit.textContent = state.editing ? 'Saving…' : 'Adding…';
  else ui.submit.textContent = state.editing ? 'Save changes' : 'Add activity';
  refreshForm();
}

function startEdit(activity) {
  state.editing = activity;
  state.serverErrors = {};
  ui.formMessage.textContent = '';
  fields.type.value = ACTIVITY_TYPES.includes(activity.type) ? activity.type : ACTIVITY_TYPES[0];
  fields.title.value = activity.title;
  fields.description.value = activity.description ?? '';
  state.touched = new Set(Object.keys(fields));
  ui.formHeading.textContent = 'Edit activity';
  ui.submit.textContent = 'Save changes';
  ui.cancelEdit.hidden = false;
  for (const row of ui.body.querySelectorAll('tr.editing')) row.classList.remove('editing');
  rowOf(activity.id)?.classList.add('editing');
  refreshForm();
  fields.title.focus();
  announce(`Editing “${activity.title}”.`);
}

function cancelEdit({ focus = true } = {}) {
  const editing = state.editing;
  if (!editing) return;
  resetForm();
  rowOf(editing.id)?.classList.remove('editing');
  if (focus) rowOf(editing.id)?.querySelector('[data-action="edit"]')?.focus();
}

ui.cancelEdit.addEventListener('click', () => cancelEdit());
ui.form.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state.editing) {
    event.preventDefault();
    cancelEdit();
  }
});

/** Back to an empty "new activity" form; the author's name is kept for the next entry. */
function resetForm() {
  state.editing = null;
  state.serverErrors = {};
  state.touched = new Set();
  fields.type.value = ACTIVITY_TYPES[0];
  fields.title.value = '';
  fields.description.value = '';
  ui.formMessage.textContent = '';
  ui.formHeading.textContent = 'New activity';
  ui.submit.textContent = 'Add activity';
  ui.cancelEdit.hidden = true;
  refreshForm();
}

// ---- delete ----------------------------------------------------------------------------------

async function confirmDelete(activity) {
  const customerId = state.customerId;
  ui.confirmText.textContent = `“${activity.title}” will be removed from the log of ${customerId}. This cannot be undone.`;
  ui.dialog.returnValue = '';
  ui.dialog.showModal();
  await new Promise((resolve) => ui.dialog.addEventListener('close', resolve, { once: true }));
  const trigger = () => rowOf(activity.id)?.querySelector('[data-action="delete"]');
  if (ui.dialog.returnValue !== 'delete') {
    trigger()?.focus();
    return;
  }
  clearError();
  trigger()?.setAttribute('disabled', '');
  try {
    await state.client.delete(customerId, activity.id);
    if (state.editing?.id === activity.id) resetForm();
    if (customerId === state.customerId) {
      state.activities = state.activities.filter((a) => a.id !== activity.id);
      renderLog();
    }
    announce(`Deleted “${activity.title}”.`);
    ui.logHeading.focus();
  } catch (error) {
    trigger()?.removeAttribute('disabled');
    showError(error);
    trigger()?.focus();
  } finally {
    showRateLimit();
  }
}

// ---- feedback --------------------------------------------------------------------------------

function showError(error, label) {
  const { summary, detail } = describeError(error, label);
  ui.banner.replaceChildren(
    h('div', { class: 'banner-text' },
      h('p', { class: 'banner-summary', id: 'banner-summary' }, summary),
      detail && h('p', { class: 'banner-detail' }, detail)),
    h('button', { type: 'button', class: 'link', onclick: () => { clearError(); ui.logHeading.focus(); } }, 'Dismiss'),
  );
}

function clearError() {
  ui.banner.replaceChildren();
}

function announce(text) {
  ui.status.textContent = text;
}

function showRateLimit() {
  const rate = state.client?.rateLimit;
  ui.rateLimit.textContent = rate
    ? `Rate limit: ${rate.remaining}/${rate.limit} left, resets in ${rate.resetSeconds} s`
    : 'Rate limit: not reported';
}

// ---- start -----------------------------------------------------------------------------------

function rememberCustomer(customerId) {
  const url = new URL(window.location.href);
  if (url.searchParams.get('customer') === customerId) return;
  url.searchParams.set('customer', customerId);
  history.replaceState(null, '', url);
}

ui.baseUrl.value = window.location.origin;
ui.apiKey.value = DEFAULT_API_KEY;
ui.customer.value = new URL(window.location.href).searchParams.get('customer') ?? DEFAULT_CUSTOMER;
resetForm();
if (connect()) loadLog(ui.customer.value);
