// tools/wasm-imports.mjs, which renames the wasm's imports to short names and rewrites the glue to
// match, on the real wasm-bindgen output of the crate (the release build `make pkg` leaves in
// target/): the built package has only short import names, the rewritten glue instantiates the
// wasm and the functions behave as before, and a glue whose shape differs from what the rewrite
// expects stops the build instead of producing a package that fails when it loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { shortenImports, rewriteGlue, IMPORT_MODULE } from '../../tools/wasm-imports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = path.join(root, 'target', 'wasm32-unknown-unknown', 'release', 'skimmer_activity_logs.wasm');
const work = path.join(root, 'target', `wasm-imports-test-${process.pid}`);
let bindgen;

before(() => {
  assert.ok(fs.existsSync(built), `${built} is missing: run make pkg first`);
  for (const target of ['web', 'nodejs']) {
    execFileSync('wasm-bindgen', ['--target', target, '--out-dir', path.join(work, target), built]);
  }
  bindgen = (target, file) => fs.readFileSync(path.join(work, target, file));
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the package’s wasm imports everything from one module under names of one or two letters', () => {
  const wasm = new WebAssembly.Module(fs.readFileSync(path.join(root, 'pkg', 'skimmer_activity_logs_bg.wasm')));
  const imports = WebAssembly.Module.imports(wasm);
  assert.ok(imports.length > 10);
  for (const { module, name } of imports) {
    assert.equal(module, IMPORT_MODULE);
    assert.match(name, /^[A-Za-z][\w$]?$/);
  }
  assert.equal(new Set(imports.map((i) => i.name)).size, imports.length);
});

test('renamed imports, rewritten glues: both instantiate and validate as before; exports keep their names', async () => {
  const original = new WebAssembly.Module(bindgen('web', 'skimmer_activity_logs_bg.wasm'));
  const { wasm, renames } = shortenImports(bindgen('web', 'skimmer_activity_logs_bg.wasm'));
  assert.ok(WebAssembly.validate(wasm));
  const module = new WebAssembly.Module(wasm);
  assert.deepEqual(WebAssembly.Module.exports(module), WebAssembly.Module.exports(original));
  assert.deepEqual(
    WebAssembly.Module.imports(module).map((i) => i.kind),
    WebAssembly.Module.imports(original).map((i) => i.kind),
  );
  assert.deepEqual(
    renames.map((r) => [r.module, r.name]),
    WebAssembly.Module.imports(original).map((i) => [i.module, i.name]),
  );

  // ES module glue (the snippets it imports sit beside it, in web/snippets/).
  const esGlue = path.join(work, 'web', 'glue.js');
  fs.writeFileSync(esGlue, rewriteGlue(bindgen('web', 'skimmer_activity_logs.js').toString(), renames));
  const es = await import(pathToFileURL(esGlue).href);
  es.initSync({ module });
  // CommonJS glue: it reads the .wasm beside it.
  fs.writeFileSync(path.join(work, 'nodejs', 'skimmer_activity_logs_bg.wasm'), wasm);
  const cjsGlue = path.join(work, 'nodejs', 'glue.cjs');
  fs.writeFileSync(cjsGlue, rewriteGlue(bindgen('nodejs', 'skimmer_activity_logs.js').toString(), renames));
  const cjs = createRequire(import.meta.url)(cjsGlue);

  // Glue to wasm (a call in, a validation's issue objects made by the snippets) and wasm to glue
  // (a thrown TypeError): every row of the shared validation table, through both glues.
  const table = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'validation-table.json'), 'utf8'));
  for (const glue of [es, cjs]) {
    for (const row of table) {
      assert.deepEqual(glue.validateActivity(row.input).issues.map((i) => `${i.field}:${i.code}`), row.expect, row.name);
    }
    assert.deepEqual(glue.validateField('title', 'x'.repeat(61)).map((i) => i.code), ['too_long']);
    assert.throws(() => new glue.ActivityLogClient({ apiKey: 'a\nb' }), TypeError);
  }
});

test('a glue not shaped as the rewrite expects stops the build', () => {
  const { renames } = shortenImports(bindgen('web', 'skimmer_activity_logs_bg.wasm'));
  const js = bindgen('web', 'skimmer_activity_logs.js').toString();
  const own = renames.find((r) => r.module.endsWith('_bg.js')).name;
  assert.throws(() => rewriteGlue(js.replace('function __wbg_get_imports() {', 'function getImports() {'), renames),
    /has no __wbg_get_imports/);
  // The glue provides a function under a name the wasm does not import (and so not the one it does).
  assert.throws(() => rewriteGlue(js.replace(`        ${own}: `, '        renamedByAnUpgrade: '), renames),
    /provides renamedByAnUpgrade, which the wasm does not import/);
  // The wasm imports something the glue does not provide.
  assert.throws(() => rewriteGlue(js, [...renames, { module: renames[0].module, name: '__wbg_new_import_0123456789abcdef', short: 'zz' }]),
    /does not provide __wbg_new_import_0123456789abcdef/);
  // From a module the glue does not know.
  assert.throws(() => rewriteGlue(js, [...renames, { module: './snippets/other.js', name: 'f', short: 'zz' }]),
    /provides no module \.\/snippets\/other\.js/);
  // The glue's import object is no longer one literal returned at the end.
  assert.throws(() => rewriteGlue(js.replace(/\n {4}return \{\n {8}__proto__: null,\n/, '\n    const all = {\n        __proto__: null,\n'), renames),
    /does not end with the expected object/);
});
