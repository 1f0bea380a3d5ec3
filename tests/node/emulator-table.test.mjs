// One behaviour, two doors: every case of the emulator's table (tests/fixtures/emulator-table.json,
// whose `about` says what each member means) against the HTTP server, the real binary on a
// loopback port, and against createEmulator().fetch from the built package, in process and
// addressed to Skimmer's own host (it answers any origin). Both doors are driven the same way,
// through `fetch` semantics: a request is a URL and a RequestInit, an answer a Response, a dropped
// connection a rejected fetch, a body cut short a body whose reading fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator } from 'skimmer-activity-logs/emulator';
import { startEmulator } from '../support/emulator.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const table = JSON.parse(fs.readFileSync(path.join(fixtures, 'emulator-table.json'), 'utf8'));
const validationRows = JSON.parse(fs.readFileSync(path.join(fixtures, 'validation-table.json'), 'utf8'));
const DEFAULT_KEY = 'demo-key';

/** The doors: each opens a fresh emulator with a case's options. */
const doors = {
  async http(options) {
    const server = await startEmulator(serverFlags(options));
    return { base: server.url, fetch: globalThis.fetch, close: () => server.stop() };
  },
  async 'in process'(options) {
    const emulator = createEmulator(emulatorOptions(options));
    return { base: 'https://publicapi.getskimmer.com', fetch: emulator.fetch, close: async () => {} };
  },
};

/** A case's options as the server's flags. */
function serverFlags(options = {}) {
  const flags = [];
  for (const [name, value] of Object.entries(options)) {
    switch (name) {
      case 'apiKey':
        flags.push('--api-key', value);
        break;
      case 'seed':
        if (value === false) flags.push('--no-seed');
        break;
      case 'rateLimit':
        flags.push('--rate-limit', String(value));
        break;
      case 'rateWindowMs':
        assert.equal(value % 1000, 0, "the server's window is whole seconds");
        flags.push('--rate-window-secs', String(value / 1000));
        break;
      case 'faultRate':
        flags.push('--fault-rate', String(value));
        break;
      case 'faultKinds':
        flags.push('--fault-kinds', value);
        break;
      case 'faultSeed':
        flags.push('--fault-seed', String(value));
        break;
      default:
        throw new Error(`unknown option ${name}`);
    }
  }
  return flags;
}

/** A case's options as createEmulator's. */
function emulatorOptions(options = {}) {
  const known = ['apiKey', 'rateLimit', 'rateWindowMs', 'faultRate', 'faultKinds', 'faultSeed'];
  const result = {};
  for (const [name, value] of Object.entries(options)) {
    if (name === 'seed') result.seedCustomers = value;
    else if (known.includes(name)) result[name] = value;
    else throw new Error(`unknown option ${name}`);
  }
  return result;
}

/** A step's request as fetch arguments. */
function requestOf(run, request) {
  const headers = new Headers();
  if (request.key === undefined) headers.set('skimmer-api-key', run.key);
  else if (typeof request.key === 'string') headers.set('skimmer-api-key', request.key);
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, run.fill(value));
  let body;
  if ('json' in request) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    body = JSON.stringify(request.json);
  } else if (typeof request.body === 'string') {
    body = request.body;
  } else if (request.bodyRepeat) {
    body = request.bodyRepeat.text.repeat(request.bodyRepeat.times);
  }
  return [`${run.door.base}${run.fill(request.path)}`, { method: request.method, headers, body }];
}

/** Sends a request: { dropped } or { response, bytes, failed (its body could not be read whole) }. */
async function send(run, request) {
  let response;
  try {
    response = await run.door.fetch(...requestOf(run, request));
  } catch (error) {
    if (error instanceof TypeError) return { dropped: true };
    throw error;
  }
  try {
    return { response, bytes: Buffer.from(await response.arrayBuffer()), failed: false };
  } catch {
    return { response, bytes: Buffer.alloc(0), failed: true };
  }
}

/** Whether `actual` holds `expected` (see the table's `about`); throws what differs. */
function holds(actual, expected, fill, where = 'json') {
  if (expected === '<any>') return;
  if (typeof expected === 'string') {
    assert.equal(actual, fill(expected), where);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: ${JSON.stringify(actual)} is not an array`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((item, i) => {
      holds(actual[i], item, fill, `${where}[${i}]`);
    });
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(
      actual !== null && typeof actual === 'object' && !Array.isArray(actual),
      `${where}: ${JSON.stringify(actual)} is not an object`,
    );
    for (const [name, want] of Object.entries(expected)) {
      assert.ok(name in actual, `${where}: no member ${name} in ${JSON.stringify(actual)}`);
      holds(actual[name], want, fill, `${where}.${name}`);
    }
  } else {
    assert.equal(actual, expected, where);
  }
}

function sameKeys(object, names, where) {
  assert.deepEqual(Object.keys(object ?? {}).sort(), [...names].sort(), where);
}

const TRACE_ID = /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/i;

/** Checks an outcome against a step's `expect`. */
function check(run, outcome, expect, elapsedMs) {
  if (expect.elapsedAtLeastMs !== undefined) {
    assert.ok(
      elapsedMs >= expect.elapsedAtLeastMs,
      `answered after ${elapsedMs} ms, before ${expect.elapsedAtLeastMs} ms`,
    );
  }
  if (outcome.dropped) {
    assert.equal(expect.dropped, true, 'the connection was dropped');
    return;
  }
  const { response, bytes, failed } = outcome;
  assert.notEqual(expect.dropped, true, `answered ${response.status} instead of dropping`);
  assert.equal(
    failed,
    expect.truncated === true,
    failed ? 'the body could not be read whole' : 'the body was not cut short',
  );
  const text = bytes.toString('utf8');
  const json = () => {
    try {
      return JSON.parse(text);
    } catch (error) {
      assert.fail(`the body is not JSON (${error.message}): ${text.slice(0, 300)}`);
    }
  };
  const fill = (value) => run.fill(value);
  for (const [name, want] of Object.entries(expect)) {
    switch (name) {
      case 'dropped':
      case 'elapsedAtLeastMs':
      case 'truncated':
        break;
      case 'status':
        assert.equal(response.status, want, `status: ${text.slice(0, 300)}`);
        break;
      case 'problem': {
        assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
        const body = json();
        assert.equal(body.status, response.status, 'problem status');
        assert.equal(typeof body.type, 'string', 'problem type');
        assert.ok(typeof body.title === 'string' && body.title !== '', 'problem title');
        assert.match(body.traceId ?? '', TRACE_ID);
        break;
      }
      case 'detailContains':
        assert.ok(String(json().detail).includes(want), `detail ${json().detail} lacks ${want}`);
        break;
      case 'headers':
        for (const [header, value] of Object.entries(want)) {
          const got = response.headers.get(header);
          if (value === null) assert.equal(got, null, `header ${header}`);
          else if (value === true) assert.notEqual(got, null, `header ${header} is present`);
          else assert.equal(got, fill(value), `header ${header}`);
        }
        break;
      case 'headerContains':
        for (const [header, parts] of Object.entries(want)) {
          const got = (response.headers.get(header) ?? '').toLowerCase();
          for (const part of [parts].flat())
            assert.ok(got.includes(part.toLowerCase()), `header ${header}: ${got} lacks ${part}`);
        }
        break;
      case 'json':
        holds(json(), want, fill);
        break;
      case 'jsonExact':
        assert.deepEqual(json(), want);
        break;
      case 'jsonNot':
        for (const [member, value] of Object.entries(want)) {
          const body = json();
          if (value === '<any>') assert.ok(!(member in body), `member ${member} is present`);
          else assert.notDeepEqual(body[member], value, `member ${member}`);
        }
        break;
      case 'jsonKeys':
        sameKeys(json(), want, 'members');
        break;
      case 'itemKeys':
        for (const [i, item] of json().entries()) sameKeys(item, want, `item ${i}`);
        break;
      case 'eachItem':
        for (const [i, item] of json().entries()) holds(item, want, fill, `item ${i}`);
        break;
      case 'arrayLength':
        assert.equal(json().length, want, 'array length');
        break;
      case 'arrayLengthAtLeast':
        assert.ok(json().length >= want, `array length ${json().length} < ${want}`);
        break;
      case 'errorFields':
        assert.deepEqual(Object.keys(json().errors ?? {}), want, 'errors, in order');
        break;
      case 'errorsContain':
        for (const [field, part] of Object.entries(want)) {
          const messages = json().errors?.[field] ?? [];
          assert.ok(
            messages.some((m) => m.includes(part)),
            `errors.${field} lacks ${part}: ${JSON.stringify(messages)}`,
          );
        }
        break;
      case 'bodyText':
        assert.equal(text, want);
        break;
      case 'bodyContains':
        assert.ok(text.includes(want), `body lacks ${want}: ${text.slice(0, 300)}`);
        break;
      case 'bodyLacks':
        assert.ok(!text.includes(want), `body holds ${want}`);
        break;
      case 'bodyStartsWith':
        assert.ok(text.startsWith(want), `body starts ${text.slice(0, 80)}`);
        break;
      case 'bodyEndsWith':
        assert.ok(text.endsWith(want), `body ends ${text.slice(-80)}`);
        break;
      case 'bodyLength':
        assert.equal(bytes.length, want, 'body length');
        break;
      case 'bodyLengthAtLeast':
        assert.ok(bytes.length >= want, `body length ${bytes.length} < ${want}`);
        break;
      default:
        throw new Error(`unknown expectation ${name}`);
    }
  }
}

/** A JSON pointer into `value`. */
function pointer(value, path) {
  return path
    .split('/')
    .slice(1)
    .reduce((at, part) => at?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], value);
}

function save(run, outcome, names) {
  assert.ok(!outcome.dropped, 'nothing to save from a dropped connection');
  for (const [name, from] of Object.entries(names)) {
    let value;
    if (from.startsWith('header:')) value = outcome.response.headers.get(from.slice('header:'.length));
    else if (from.startsWith('json:'))
      value = pointer(JSON.parse(outcome.bytes.toString('utf8')), from.slice('json:'.length));
    assert.ok(value !== undefined && value !== null, `nothing to save as ${name} from ${from}`);
    run.saved.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
}

/** Every row of the validation table against the create and update routes. */
async function validationCase(run, paths) {
  for (const row of validationRows) {
    for (const [method, route, success] of [
      ['POST', paths.create, 201],
      ['PUT', paths.update, 200],
    ]) {
      const outcome = await send(run, { method, path: route, json: row.input });
      const where = `${row.name}: ${method}`;
      assert.ok(!outcome.dropped, `${where}: dropped`);
      const body = JSON.parse(outcome.bytes.toString('utf8'));
      if (row.expect.length === 0) {
        assert.equal(outcome.response.status, success, `${where}: ${JSON.stringify(body)}`);
        assert.equal(body.title, row.input.title, `${where}: title`);
        assert.equal(body.type, row.input.type, `${where}: type`);
      } else {
        assert.equal(outcome.response.status, 400, where);
        assert.deepEqual(
          (body.issues ?? []).map((issue) => `${issue.field}:${issue.code}`),
          row.expect,
          where,
        );
      }
    }
  }
}

async function runCase(open, testCase) {
  const door = await open(testCase.options);
  const run = {
    door,
    key: testCase.options?.apiKey ?? DEFAULT_KEY,
    saved: new Map(),
    fill(text) {
      let out = text;
      for (const [name, value] of this.saved) out = out.replaceAll(`{${name}}`, value);
      return out;
    },
  };
  try {
    if (testCase.validationTable) {
      await validationCase(run, testCase.validationTable);
      return;
    }
    for (const [i, step] of testCase.steps.entries()) {
      if (step.waitMs) await new Promise((resolve) => setTimeout(resolve, step.waitMs));
      const started = performance.now();
      const outcome = await send(run, step.request);
      const elapsed = performance.now() - started;
      try {
        check(run, outcome, step.expect, elapsed);
      } catch (error) {
        error.message = `step ${i} (${step.request.method} ${step.request.path}): ${error.message}`;
        throw error;
      }
      if (step.save) save(run, outcome, step.save);
    }
  } finally {
    await door.close();
  }
}

assert.ok(table.cases.length >= 30, `${table.cases.length} cases`);

for (const [name, open] of Object.entries(doors)) {
  // Four cases at a time: the ones that wait (the rate-limit window, delays) overlap.
  test(`the emulator table, ${name}`, { concurrency: 4, timeout: 120_000 }, async (t) => {
    await Promise.all(table.cases.map((testCase) => t.test(testCase.name, () => runCase(open, testCase))));
  });
}
