// tools/wasm-names.mjs, which gives the wasm's imports and exports short names and rewrites the
// glue and its types to match, on the real wasm-bindgen output of the crate (the release build
// `make pkg` leaves in target/): the built package has only short names and its types tell the
// truth about them, the rewritten glues instantiate the wasm and behave as before, and a glue
// whose shape differs from what the rewrite expects stops the build instead of producing a
// package that fails when it loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { shortenNames, rewriteGlue, rewriteTypes, IMPORT_MODULE, KEPT_EXPORTS } from '../../tools/wasm-names.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = path.join(root, 'target', 'wasm32-unknown-unknown', 'release', 'skimmer_activity_logs.wasm');
const work = path.join(root, 'target', `wasm-names-test-${process.pid}`);
const short = /^[A-Za-z][\w$]?$/;
let bindgen;

before(() => {
  assert.ok(fs.existsSync(built), `${built} is missing: run make pkg first`);
  for (const target of ['web', 'nodejs']) {
    execFileSync('wasm-bindgen', ['--target', target, '--out-dir', path.join(work, target), built]);
  }
  bindgen = (target, file) => fs.readFileSync(path.join(work, target, file));
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the package’s wasm: imports from one module, imports and exports (but memory) of one or two letters; InitOutput names its exports', () => {
  const wasm = new WebAssembly.Module(fs.readFileSync(path.join(root, 'pkg', 'skimmer_activity_logs_bg.wasm')));
  const imports = WebAssembly.Module.imports(wasm);
  assert.ok(imports.length > 10);
  for (const { module, name } of imports) {
    assert.equal(module, IMPORT_MODULE);
    assert.match(name, short);
  }
  assert.equal(new Set(imports.map((i) => i.name)).size, imports.length);
  const exports = WebAssembly.Module.exports(wasm).map((e) => e.name);
  assert.ok(exports.includes('memory'));
  for (const name of exports) if (!KEPT_EXPORTS.includes(name)) assert.match(name, short);
  // The type of what init() and initSync() of ./web return names only what the wasm exports.
  const types = fs.readFileSync(path.join(root, 'pkg', 'skimmer_activity_logs.d.ts'), 'utf8');
  const members = [.../^export interface InitOutput \{\n([^}]*)\}/m.exec(types)[1].matchAll(/readonly ([\w$]+):/g)].map(
    (m) => m[1],
  );
  assert.ok(members.length > 10);
  for (const member of members) assert.ok(exports.includes(member), `InitOutput.${member} is not an export`);
});

test('renamed imports and exports, rewritten glues: both instantiate and validate as before', async () => {
  const original = new WebAssembly.Module(bindgen('web', 'skimmer_activity_logs_bg.wasm'));
  const { wasm, ...names } = shortenNames(bindgen('web', 'skimmer_activity_logs_bg.wasm'));
  assert.ok(WebAssembly.validate(wasm));
  const module = new WebAssembly.Module(wasm);
  const renamed = new Map(names.exports.map((r) => [r.name, r.short]));
  assert.deepEqual(
    WebAssembly.Module.exports(module),
    WebAssembly.Module.exports(original).map((e) => ({ ...e, name: renamed.get(e.name) ?? e.name })),
  );
  assert.deepEqual(
    names.imports.map((r) => [r.module, r.name]),
    WebAssembly.Module.imports(original).map((i) => [i.module, i.name]),
  );
  assert.deepEqual(
    WebAssembly.Module.imports(module).map((i) => i.kind),
    WebAssembly.Module.imports(original).map((i) => i.kind),
  );

  // ES module glue (the snippets it imports sit beside it, in web/snippets/).
  const esGlue = path.join(work, 'web', 'glue.js');
  fs.writeFileSync(esGlue, rewriteGlue(bindgen('web', 'skimmer_activity_logs.js').toString(), names));
  const es = await import(pathToFileURL(esGlue).href);
  assert.ok(es.initSync({ module }).memory instanceof WebAssembly.Memory);
  // CommonJS glue: it reads the .wasm beside it.
  fs.writeFileSync(path.join(work, 'nodejs', 'skimmer_activity_logs_bg.wasm'), wasm);
  const cjsGlue = path.join(work, 'nodejs', 'glue.cjs');
  fs.writeFileSync(cjsGlue, rewriteGlue(bindgen('nodejs', 'skimmer_activity_logs.js').toString(), names));
  const cjs = createRequire(import.meta.url)(cjsGlue);

  // Glue to wasm (a call in, issue objects made by the snippets) and wasm to glue (a thrown
  // TypeError): every row of the shared validation table, through both glues.
  const table = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'validation-table.json'), 'utf8'));
  // (The validation functions are validation.js's, which the glue hands over: their wasm exports
  // keep their names, KEPT_EXPORTS, and they call them directly.)
  for (const glue of [es, cjs]) {
    const { validateActivity, validateField } = glue.__validation();
    for (const row of table) {
      assert.deepEqual(
        validateActivity(row.input).issues.map((i) => `${i.field}:${i.code}`),
        row.expect,
        row.name,
      );
    }
    assert.deepEqual(
      validateField('title', 'x'.repeat(61)).map((i) => i.code),
      ['too_long'],
    );
    assert.throws(() => new glue.ActivityLogClient({ apiKey: 'a\nb' }), TypeError);
  }
});

test('a glue not shaped as the rewrite expects stops the build', () => {
  const { wasm, ...names } = shortenNames(bindgen('web', 'skimmer_activity_logs_bg.wasm'));
  const js = bindgen('web', 'skimmer_activity_logs.js').toString();
  const own = names.imports.find((r) => r.module.endsWith('_bg.js')).name;
  const fails = (glue, error, changed = names) => assert.throws(() => rewriteGlue(glue, changed), error);

  fails(js.replace('function __wbg_get_imports() {', 'function getImports() {'), /has no __wbg_get_imports/);
  // The glue's import object is no longer one literal returned at the end.
  fails(
    js.replace(/\n {4}return \{\n {8}__proto__: null,\n/, '\n    const all = {\n        __proto__: null,\n'),
    /does not end with the expected object/,
  );
  // The glue provides a function under a name the wasm does not import (and so not the one it does).
  fails(
    js.replace(`        ${own}: `, '        renamedByAnUpgrade: '),
    /provides renamedByAnUpgrade, which the wasm does not import/,
  );
  // The wasm imports something the glue does not provide, or from a module the glue does not know.
  const extra = (entry) => ({ ...names, imports: [...names.imports, entry] });
  fails(
    js,
    /does not provide __wbg_new_0123456789abcdef/,
    extra({ module: names.imports[0].module, name: '__wbg_new_0123456789abcdef', short: 'zz' }),
  );
  fails(
    js,
    /provides no module \.\/snippets\/other\.js/,
    extra({ module: './snippets/other.js', name: 'f', short: 'zz' }),
  );
  // The glue uses an export the wasm does not have.
  fails(
    js.replace('wasm.__wbindgen_start()', 'wasm.__wbindgen_begin()'),
    /uses wasm\.__wbindgen_begin, which the wasm does not export/,
  );

  const types = bindgen('web', 'skimmer_activity_logs.d.ts').toString();
  assert.throws(
    () => rewriteTypes(types.replace('readonly __wbindgen_start:', 'readonly __wbindgen_begin:'), names),
    /InitOutput has __wbindgen_begin, which the wasm does not export/,
  );
  assert.throws(
    () => rewriteTypes(types.replace('export interface InitOutput', 'export type InitOutput ='), names),
    /no InitOutput interface/,
  );
});
