// The demo page: it uses the package exactly as an app would. Import it (the module instantiates
// its WebAssembly itself), read the form constants, validate as the user types, and call the API
// through ActivityLogClient: on a server (the local emulator, a proxy), or, when no server answers
// the page's origin (a static host), on the emulator running in this page. This module holds the
// page's state and wires the controls to it.
import { ActivityLogClient, ACTIVITY_TYPES } from './pkg/index.js';
import { h, byId, setText } from './dom.js';
import { describeError, serverFieldErrors, customerIdMessage, isStatus } from './errors.js';
import { fields, setUpFields, formInput, showField, invalidFields, submitReason } from './form.js';
import { renderLog, visibleActivities } from './log.js';
import { observingFetch, WaitNotice, RateLimitLine } from './waits.js';

const DEFAULT_CUSTOMER = 'cust-1001';
const DEFAULT_API_KEY = 'demo-key'; // the local emulator's documented key; never a real one

const ui = {
  where: byId('api-where'),
  whereHint: byId('api-where-hint'),
  baseUrlField: byId('base-url-field'),
  baseUrl: byId('base-url'),
  baseUrlHint: byId('base-url-hint'),
  apiKey: byId('api-key'),
  connectionForm: byId('connection-form'),
  applyConnection: byId('apply-connection'),
  customerForm: byId('customer-form'),
  customer: byId('customer-id'),
  customerMessage: byId('customer-message'),
  loadLog: byId('load-log'),
  form: byId('activity-form'),
  formHeading: byId('form-heading'),
  cancelEdit: byId('cancel-edit'),
  submit: byId('submit-activity'),
  submitReason: byId('submit-reason'),
  formError: byId('form-error'),
  banner: byId('banner'),
  logCard: byId('log-card'),
  logHeading: byId('log-heading'),
  rateLimit: byId('rate-limit'),
  refresh: byId('refresh'),
  status: byId('status'),
  note: byId('log-note'),
  region: byId('log-region'),
  table: byId('log-table'),
  caption: byId('log-caption'),
  body: byId('log-body'),
  placeholder: byId('log-placeholder'),
  deleteDialog: byId('confirm-delete'),
  confirmText: byId('confirm-text'),
  realApiDialog: byId('confirm-real-api'),
  announcer: byId('announcer'),
};

const state = {
  client: null,
  emulator: null, // the in-browser emulator, made the first time it is chosen
  customerId: null, // the customer the user asked for: the log card is about this one
  shown: null, // the last good list: { customerId, activities, loadedAt }
  failure: null, // the last load that failed or was cancelled: { customerId, cancelled }
  loading: null, // the list call in flight: { customerId, controller }
  editing: null, // the activity being edited, or null when creating
  saving: null, // the AbortController of the create or update in flight
  deleting: new Map(), // activity id -> the AbortController of its delete in flight
  touched: new Set(), // fields the user has changed: their messages are shown
  serverErrors: {}, // field -> messages from the last 400, until the field changes
};

const rowActions = { edit: (activity) => startEdit(activity), remove: (activity) => confirmDelete(activity) };
const drawLog = () => renderLog(state, ui, rowActions);
const rateLine = new RateLimitLine(ui.rateLimit);

// Rate-limit waits: the client waits, the page shows it beside what waits and can cancel it.
const waits = {
  log: new WaitNotice(byId('log-wait'), {
    announce: (text) => setText(ui.announcer, text),
    onCancel: ({ hadFocus }) => {
      state.loading?.controller.abort();
      for (const controller of state.deleting.values()) controller.abort();
      if (hadFocus) ui.refresh.focus();
    },
  }),
  form: new WaitNotice(byId('form-wait'), {
    announce: (text) => setText(ui.announcer, text),
    onCancel: ({ hadFocus }) => {
      state.saving?.abort();
      if (hadFocus) ui.submit.focus();
    },
  }),
};
/** The notice for a request's method: list and delete wait in the log, saves in the form. */
const waitFor = (method) => (method === 'POST' || method === 'PUT' ? waits.form : waits.log);
const observer = {
  started: (method) => waitFor(method).hide(),
  limited: (method, seconds) => waitFor(method).show(seconds),
};

// ---- connection ------------------------------------------------------------------------------

/**
 * A new client from the connection settings: on the emulator in this page, or on the base URL's
 * server. An empty key sends none (a proxy adds it; the emulator answers 401).
 */
async function connect() {
  const apiKey = ui.apiKey.value;
  try {
    if (ui.where.value === 'browser') {
      const fetch = observingFetch(observer, (await inBrowserEmulator()).fetch);
      state.client = new ActivityLogClient(apiKey === '' ? { fetch } : { apiKey, fetch });
    } else {
      const baseUrl = ui.baseUrl.value.trim();
      const fetch = observingFetch(observer);
      state.client =
        apiKey === ''
          ? new ActivityLogClient({ baseUrl, fetch })
          : new ActivityLogClient(baseUrl === '' ? { apiKey, fetch } : { apiKey, baseUrl, fetch });
    }
    return true;
  } catch (error) {
    state.client = null;
    showError(error);
    return false;
  }
}

/**
 * The emulator in this page, made once: the package's `emulator` entry, whose own .wasm is
 * fetched only now. The client keeps its default base URL, Skimmer's: nothing leaves the page.
 */
async function inBrowserEmulator() {
  if (state.emulator === null) {
    const { createEmulator } = await import('./pkg/emulator/index.js');
    state.emulator = createEmulator();
  }
  return state.emulator;
}

/**
 * Whether an API server answers this page's origin (the emulator or a proxy that served the
 * page): it answers a path with no route with JSON problem details; a static host answers with a
 * page of its own, or not at all.
 */
async function serverAnswers() {
  try {
    const response = await fetch(new URL('/CustomerActivityLogs', window.location.origin), {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    return /^application\/(problem\+)?json\b/.test(response.headers.get('content-type') ?? '');
  } catch {
    return false;
  }
}

/** Shows the base URL only for a server, and says where calls go. */
function showWhere() {
  const browser = ui.where.value === 'browser';
  ui.baseUrlField.hidden = browser;
  setText(
    ui.whereHint,
    browser
      ? 'The emulator runs inside this page, with the rules, errors and rate limit of the real API: nothing is sent anywhere, and a reload starts it over.'
      : 'Calls go to the base URL below.',
  );
}
ui.where.addEventListener('change', showWhere);

/** Says where calls go when the base URL is empty: not to this demo's server. */
function showBaseUrlHint() {
  setText(
    ui.baseUrlHint,
    ui.baseUrl.value.trim() === ''
      ? "Empty: calls go to Skimmer's real API, the client's default."
      : "The demo's own server: the local emulator, or a proxy.",
  );
}
ui.baseUrl.addEventListener('input', showBaseUrlHint);

ui.connectionForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (ui.where.value === 'server' && ui.baseUrl.value.trim() === '' && !(await confirmRealApi())) {
    ui.baseUrl.focus();
    return;
  }
  clearError();
  if (await connect()) {
    announce('Connection settings applied.');
    if (state.customerId !== null) loadLog(state.customerId);
  }
});

/** Asks before an empty base URL sends the form's key to Skimmer's real API. */
async function confirmRealApi() {
  ui.realApiDialog.returnValue = '';
  ui.realApiDialog.showModal();
  await new Promise((resolve) => ui.realApiDialog.addEventListener('close', resolve, { once: true }));
  return ui.realApiDialog.returnValue === 'confirm';
}

// ---- the log ---------------------------------------------------------------------------------

ui.customerForm.addEventListener('submit', (event) => {
  event.preventDefault();
  loadLog(ui.customer.value, { fromUser: true });
});
ui.customer.addEventListener('input', () => showCustomerMessage(''));
ui.refresh.addEventListener('click', () => {
  if (state.customerId !== null) loadLog(state.customerId);
  else loadLog(ui.customer.value, { fromUser: true });
});

function showCustomerMessage(text) {
  setText(ui.customerMessage, text);
  ui.customer.setAttribute('aria-invalid', String(text !== ''));
}

/**
 * Loads the log of `rawCustomerId`. While it loads, the card is about that customer; if it
 * fails, the last good list of the same customer stays, marked stale, with the error beside
 * it. `fromUser`: the user asked (an empty id is then worth a message).
 */
async function loadLog(rawCustomerId, { fromUser = false } = {}) {
  const customerId = rawCustomerId.trim();
  if (fromUser) showCustomerMessage('');
  if (customerId === '') {
    if (fromUser) {
      showCustomerMessage('Enter a customer id.');
      ui.customer.focus();
    }
    return;
  }
  if (!state.client) return;
  const previous = state.customerId;
  const replaced = state.loading;
  replaced?.controller.abort();
  const controller = new AbortController();
  const request = state.client.list(customerId, { signal: controller.signal });
  state.loading = { customerId, controller };
  state.customerId = customerId;
  const banner = [...ui.banner.childNodes];
  const status = ui.status.textContent;
  clearError();
  announce(`Loading the log of ${customerId}…`);
  drawLog();
  try {
    const activities = await request;
    if (state.loading?.controller !== controller) return;
    state.shown = { customerId, activities, loadedAt: new Date() };
    state.failure = null;
    rememberCustomer(customerId);
    const n = activities.length;
    announce(`${n} ${n === 1 ? 'activity' : 'activities'} for ${customerId}.`);
  } catch (error) {
    if (state.loading?.controller !== controller) return; // a newer load replaced this one
    const refused = customerIdMessage(error, customerId);
    if (refused) {
      // Nothing was sent: the card stays as it was, on the customer it was showing.
      state.customerId = previous;
      ui.banner.replaceChildren(...banner);
      announce(status);
      showCustomerMessage(refused);
      if (fromUser) ui.customer.focus();
      // A load it interrupted starts again (after this one's cleanup below).
      if (replaced) queueMicrotask(() => loadLog(replaced.customerId));
    } else if (controller.signal.aborted) {
      state.failure = { customerId, cancelled: true };
      rememberCustomer(customerId);
      announce(visibleActivities(state) ? 'Refresh cancelled.' : 'Loading cancelled.');
    } else {
      state.failure = { customerId, cancelled: false };
      rememberCustomer(customerId);
      announce('');
      showError(error);
    }
  } finally {
    if (state.loading?.controller === controller) {
      state.loading = null;
      waits.log.hide();
      if (state.editing && state.editing.customerId !== state.customerId) cancelEdit({ focus: false });
      drawLog();
      showRateLimit();
      refreshForm();
    }
  }
}

function rowOf(id) {
  return ui.body.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
}

/** Replaces the shown list of `customerId` by `change(list)`, when it is shown. */
function changeShown(customerId, change) {
  if (state.shown?.customerId === customerId) {
    state.shown = { ...state.shown, activities: change(state.shown.activities) };
  }
}

// ---- the form --------------------------------------------------------------------------------

setUpFields();

/** The verb of the submit button's reason. */
const verb = () => (state.editing ? 'save the changes' : 'add the activity');

function refreshForm() {
  for (const name of Object.keys(fields)) showField(name, state);
  const reason = state.saving
    ? ''
    : submitReason({ customerId: state.editing ? state.editing.customerId : state.customerId, verb: verb() });
  // aria-disabled, not disabled: the button stays reachable by keyboard, with its reason beside it.
  ui.submit.disabled = false;
  ui.submit.setAttribute('aria-disabled', String(reason !== '' || state.saving !== null));
  setText(ui.submitReason, reason);
  ui.submitReason.hidden = reason === '';
}

for (const [name, control] of Object.entries(fields)) {
  control.addEventListener('input', () => {
    state.touched.add(name);
    delete state.serverErrors[name];
    showFormError(null);
    refreshForm();
  });
}

ui.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (state.saving) return;
  const invalid = invalidFields();
  if (invalid.length > 0) {
    // A click on the unready button, Enter in a field, or a forced submit: say what is wrong.
    for (const name of invalid) state.touched.add(name);
    refreshForm();
    fields[invalid[0]]?.focus();
    return;
  }
  const editing = state.editing;
  const customerId = editing ? editing.customerId : state.customerId;
  if (customerId === null) {
    showCustomerMessage('Enter a customer id, then add the activity.');
    ui.customer.focus();
    return;
  }
  if (!state.client) return;
  showFormError(null);
  const controller = new AbortController();
  state.saving = controller;
  setBusy(true);
  let focusAfter = ui.submit;
  try {
    const input = formInput();
    if (editing) {
      const updated = await state.client.update(customerId, editing.id, input, { signal: controller.signal });
      changeShown(customerId, (list) => list.map((a) => (a.id === updated.id ? updated : a)));
      resetForm();
      drawLog();
      announce(`Saved “${updated.title}”.`);
      const row = rowOf(updated.id);
      row?.classList.add('flash');
      focusAfter = row?.querySelector('[data-action="edit"]') ?? ui.logHeading;
    } else {
      const created = await state.client.create(customerId, input, { signal: controller.signal });
      changeShown(customerId, (list) => [...list, created]);
      resetForm();
      drawLog();
      rowOf(created.id)?.classList.add('flash');
      announce(`Added “${created.title}” to ${customerId}.`);
      focusAfter = fields.title; // ready for the next entry
    }
  } catch (error) {
    if (controller.signal.aborted) {
      showFormNotice(editing ? 'Cancelled: the changes were not saved.' : 'Cancelled: the activity was not added.');
    } else if (editing && isStatus(error, 404)) {
      // Deleted elsewhere: drop its row; keep what was typed, as a new activity.
      changeShown(customerId, (list) => list.filter((a) => a.id !== editing.id));
      endEdit();
      drawLog();
      showFormNotice(
        `“${editing.title}” was deleted elsewhere, so the changes were not saved. What you typed is still here: Add makes it a new activity.`,
      );
    } else {
      const found = serverFieldErrors(error, Object.keys(fields));
      if (found) {
        state.serverErrors = found.fields;
        const first = Object.keys(fields).find((name) => state.serverErrors[name]);
        if (first) focusAfter = fields[first];
      }
      showFormError(error, found?.other);
    }
  } finally {
    state.saving = null;
    waits.form.hide();
    setBusy(false);
    showRateLimit();
  }
  focusAfter.focus();
});

/** While a save is in flight the button stays focusable (so focus is not lost) but inert. */
function setBusy(busy) {
  ui.form.setAttribute('aria-busy', String(busy));
  ui.submit.classList.toggle('busy', busy);
  if (busy) setText(ui.submit, state.editing ? 'Saving…' : 'Adding…');
  else setText(ui.submit, state.editing ? 'Save changes' : 'Add activity');
  refreshForm();
}

function startEdit(activity) {
  state.editing = activity;
  state.serverErrors = {};
  showFormError(null);
  fields.type.value = ACTIVITY_TYPES.includes(activity.type) ? activity.type : ACTIVITY_TYPES[0];
  fields.title.value = activity.title;
  fields.description.value = activity.description ?? '';
  state.touched = new Set(Object.keys(fields));
  setText(ui.formHeading, 'Edit activity');
  setText(ui.submit, 'Save changes');
  ui.cancelEdit.hidden = false;
  drawLog();
  refreshForm();
  fields.title.focus();
  announce(`Editing “${activity.title}”.`);
}

function cancelEdit({ focus = true } = {}) {
  const editing = state.editing;
  if (!editing) return;
  resetForm();
  drawLog();
  announce(`Stopped editing “${editing.title}”; nothing was saved.`);
  if (focus) (rowOf(editing.id)?.querySelector('[data-action="edit"]') ?? ui.logHeading).focus();
}

ui.cancelEdit.addEventListener('click', () => cancelEdit());
ui.form.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state.editing) {
    event.preventDefault();
    cancelEdit();
  }
});

/** Leaves edit mode, keeping the fields as they are. */
function endEdit() {
  state.editing = null;
  setText(ui.formHeading, 'New activity');
  setText(ui.submit, 'Add activity');
  ui.cancelEdit.hidden = true;
  refreshForm();
}

/** Back to an empty "new activity" form; the author's name is kept for the next entry. */
function resetForm() {
  state.serverErrors = {};
  state.touched = new Set();
  fields.type.value = ACTIVITY_TYPES[0];
  fields.title.value = '';
  fields.description.value = '';
  showFormError(null);
  endEdit();
}

// ---- delete ----------------------------------------------------------------------------------

async function confirmDelete(activity) {
  const { customerId } = activity;
  ui.confirmText.textContent = `“${activity.title}” will be removed from the log of ${customerId}. This cannot be undone.`;
  ui.deleteDialog.returnValue = '';
  ui.deleteDialog.showModal();
  await new Promise((resolve) => ui.deleteDialog.addEventListener('close', resolve, { once: true }));
  const trigger = () => rowOf(activity.id)?.querySelector('[data-action="delete"]');
  if (ui.deleteDialog.returnValue !== 'delete') {
    trigger()?.focus();
    return;
  }
  if (!state.client || state.deleting.has(activity.id)) return;
  clearError();
  announce(`Deleting “${activity.title}”…`);
  const controller = new AbortController();
  state.deleting.set(activity.id, controller);
  trigger()?.setAttribute('aria-disabled', 'true');
  const removed = (message) => {
    if (state.editing?.id === activity.id) resetForm();
    changeShown(customerId, (list) => list.filter((a) => a.id !== activity.id));
    drawLog();
    announce(message);
    ui.logHeading.focus();
  };
  try {
    await state.client.delete(customerId, activity.id, { signal: controller.signal });
    removed(`Deleted “${activity.title}”.`);
  } catch (error) {
    if (isStatus(error, 404)) {
      removed(`“${activity.title}” was already deleted.`);
    } else {
      trigger()?.removeAttribute('aria-disabled');
      if (controller.signal.aborted) announce(`Cancelled: “${activity.title}” was not deleted.`);
      else {
        announce('');
        showError(error);
      }
      trigger()?.focus();
    }
  } finally {
    state.deleting.delete(activity.id);
    if (state.deleting.size === 0 && !state.loading) waits.log.hide();
    showRateLimit();
  }
}

// ---- feedback --------------------------------------------------------------------------------

/** An error box's content: summary, detail, a button to the control that fixes it, Dismiss. */
function errorContent(error, { label, extra = [], onDismiss }) {
  const { summary, detail, action } = describeError(error, label);
  return [
    h(
      'div',
      { class: 'banner-text' },
      h('p', { class: 'banner-summary' }, summary),
      extra.length > 0 && h('p', {}, extra.join(' ')),
      detail && h('p', { class: 'banner-detail' }, detail),
    ),
    h(
      'div',
      { class: 'banner-actions' },
      action && h('button', { type: 'button', class: 'link', onclick: () => byId(action.focus).focus() }, action.label),
      h('button', { type: 'button', class: 'link', onclick: onDismiss }, 'Dismiss'),
    ),
  ];
}

/** The log's error banner (loading, deleting, connecting). */
function showError(error, label) {
  ui.banner.replaceChildren(
    ...errorContent(error, {
      label,
      onDismiss: () => {
        clearError();
        ui.logHeading.focus();
      },
    }),
  );
}

function clearError() {
  ui.banner.replaceChildren();
}

/** The form's error box (adding, saving), beside the button; null clears it. */
function showFormError(error, extra = []) {
  if (error === null) {
    ui.formError.replaceChildren();
    ui.formError.classList.remove('info');
    return;
  }
  ui.formError.classList.remove('info');
  ui.formError.replaceChildren(
    ...errorContent(error, {
      extra,
      onDismiss: () => {
        showFormError(null);
        ui.submit.focus();
      },
    }),
  );
}

/** A plain notice in the form's box: something the user should know, not an error. */
function showFormNotice(text) {
  ui.formError.classList.add('info');
  ui.formError.replaceChildren(h('p', { class: 'banner-summary' }, text));
}

function announce(text) {
  setText(ui.status, text);
}

function showRateLimit() {
  rateLine.update(state.client?.rateLimit ?? null);
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
endEdit(); // keeps anything typed while the package was loading
ui.where.value = (await serverAnswers()) ? 'server' : 'browser';
showWhere();
// The package is here: the forms can submit (see index.html).
for (const button of [ui.loadLog, ui.refresh, ui.applyConnection]) button.disabled = false;
if (await connect()) loadLog(ui.customer.value);
drawLog();
