// TITLE_PATTERN, set as an <input pattern> in real Chromium, accepts and rejects exactly what
// validateField('title', …) does, on a fixed sample of titles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from '../support/static-server.mjs';
import { launchBrowser, newPage } from '../support/browser.mjs';
import { titleSamples } from '../support/title-samples.mjs';

test('TITLE_PATTERN as <input pattern> agrees with validateField on the sample', async (t) => {
  const samples = titleSamples();
  assert.ok(samples.length >= 200, `${samples.length} samples`);
  const server = await serveStatic({
    mounts: { '/pkg/': 'pkg' },
    pages: { '/': '<!doctype html><meta charset="utf-8"><input id="title" required>' },
  });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.close();
  });
  const errors = [];
  const page = await newPage(browser, errors);
  const warnings = [];
  page.on('console', (message) => warnings.push(message.text()));
  await page.goto(`${server.url}/`);

  const results = await page.evaluate(async (titles) => {
    const { TITLE_PATTERN, TITLE_MAX_LENGTH, validateField } = await import('/pkg/index.js');
    const input = document.getElementById('title');
    input.pattern = TITLE_PATTERN;
    input.maxLength = TITLE_MAX_LENGTH;
    return titles.map((title) => {
      input.value = title;
      // A text input strips line breaks from its value: validate what the form would submit.
      const value = input.value;
      return { title, value, browser: input.checkValidity(), rust: validateField('title', value).length === 0 };
    });
  }, samples);

  assert.deepEqual(errors, []);
  assert.deepEqual(
    warnings.filter((w) => /pattern/i.test(w)),
    [],
    'the pattern compiles under the v flag',
  );
  const mismatches = results.filter((r) => r.browser !== r.rust);
  assert.deepEqual(mismatches, []);
  const accepted = results.filter((r) => r.rust).length;
  assert.ok(accepted >= 50 && results.length - accepted >= 100, `${accepted} accepted of ${results.length}`);
});
