// The README's "Test your app against the emulator" examples, run as a user runs them: the
// consumer project tests/consumers/vitest/ with the npm pack tarball installed, vitest and msw
// from the cached toolchain (support.mjs). activity-log.spec.js gives the client the in-process
// emulator's fetch; msw.spec.js hands every request an app makes to Skimmer to it through MSW's
// setupServer, so the app's own fetch calls and the client's default fetch reach it unchanged.
// (Named .spec.js, which vitest runs and `node --test tests/consumers/` does not.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { here, root, packTarball, prepare, toolchain } from './support.mjs';

const EXAMPLES = ['activity-log.spec.js', 'msw.spec.js'];
let tools;
let tarball;

before(() => {
  tools = toolchain();
  tarball = packTarball(path.join(tools.projects, 'vitest-tarball'));
});

test("vitest: the client on the emulator's fetch, and MSW handing the app's requests to it", () => {
  const dir = prepare('vitest', { into: tools.projects, tarball });
  const report = path.join(dir, 'report.json');
  execFileSync(tools.bin('vitest'), ['run', '--reporter=json', `--outputFile=${report}`], {
    cwd: dir,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    timeout: 120_000,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const { testResults } = JSON.parse(fs.readFileSync(report, 'utf8'));
  const outcomes = Object.fromEntries(
    testResults.map((file) => [path.basename(file.name), file.assertionResults.map((t) => `${t.status}: ${t.title}`)]),
  );
  assert.deepEqual(Object.keys(outcomes).sort(), EXAMPLES);
  for (const [file, results] of Object.entries(outcomes)) {
    assert.ok(results.length >= 3, `${file}: ${results}`);
    for (const result of results) assert.match(result, /^passed: /, file);
  }
});

test('the README shows these examples exactly as they run here', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  for (const file of EXAMPLES) {
    const source = fs.readFileSync(path.join(here, 'vitest', file), 'utf8');
    assert.ok(readme.includes(`\`\`\`js\n${source}\`\`\``), `README.md shows tests/consumers/vitest/${file} as it is`);
  }
});
