// Validation: validateActivity per input class (alternatives/inputs.js), next to zod 4 and
// valibot schemas of the same rules, in Node and in Chromium.
//   monomorphic: one class's input repeated, in a fresh Node process / a fresh browser context
//                per class (the engine has seen no other input)
//   mixed:       every class and mix in one process / page, after every validator has run over
//                all of them (the state of an app that validates varied input)
// Before any timing, all three must agree on every input (alternatives/agree.js).
//   node bench/validation.mjs [--smoke]   prints the rows as JSON (bench/run.mjs runs it with the rest)
import * as zod from './alternatives/rules-zod.js';
import * as valibot from './alternatives/rules-valibot.js';
import { CLASSES, EDGES, TYPED_TITLE } from './alternatives/inputs.js';
import { checkAgreement, checkTitleAgreement } from './alternatives/agree.js';
import { runChild } from './lib/child.mjs';
import { withChromium, inFreshPage } from './lib/chromium.mjs';
import { nodeEntryUrl } from './lib/pkg.mjs';

const prefixes = [...TYPED_TITLE].map((_, i) => TYPED_TITLE.slice(0, i + 1));

/** Which classes get a monomorphic row: all, or in a smoke run one valid and one invalid. */
const monoClasses = (smoke) => (smoke ? [0, CLASSES.findIndex((c) => !c.valid)] : CLASSES.map((_, i) => i));

async function runNode({ trials, trialMs, warmMs, smoke }) {
  const entry = nodeEntryUrl();
  const ours = await import(entry);
  const checked =
    checkAgreement(ours.validateActivity, { zod, valibot }, CLASSES, EDGES) +
    checkTitleAgreement(ours.validateField, { zod, valibot }, prefixes);
  const mono = [];
  for (const classIndex of monoClasses(smoke)) {
    mono.push(...(await runChild('validation-child.mjs', { entry, mode: 'mono', classIndex, trials, trialMs })));
  }
  const mixed = await runChild('validation-child.mjs', { entry, mode: 'mixed', trials, trialMs, warmMs });
  return { checked, mono, mixed };
}

/** In the page: loads the three validators and runs lib/validation-run.js (or only the check). */
async function inPage(args) {
  const ours = await import('/pkg/index.js');
  const { rules: zod } = await import('/built/entry-zod.js');
  const { rules: valibot } = await import('/built/entry-valibot.js');
  if (args.mode === 'check') {
    const { CLASSES, EDGES, TYPED_TITLE } = await import('/bench/alternatives/inputs.js');
    const { checkAgreement, checkTitleAgreement } = await import('/bench/alternatives/agree.js');
    const titles = [...TYPED_TITLE].map((_, i) => TYPED_TITLE.slice(0, i + 1));
    return (
      checkAgreement(ours.validateActivity, { zod, valibot }, CLASSES, EDGES) +
      checkTitleAgreement(ours.validateField, { zod, valibot }, titles)
    );
  }
  const { runValidation } = await import('/bench/lib/validation-run.js');
  return runValidation({ ours, zod, valibot, ...args });
}

async function runBrowser({ trials, trialMs, warmMs, smoke }) {
  return withChromium(async (browser, url) => {
    const checked = await inFreshPage(browser, url, inPage, { mode: 'check' });
    const mono = [];
    for (const classIndex of monoClasses(smoke)) {
      mono.push(...(await inFreshPage(browser, url, inPage, { mode: 'mono', classIndex, trials, trialMs })));
    }
    const mixed = await inFreshPage(browser, url, inPage, { mode: 'mixed', trials, trialMs, warmMs });
    return { version: browser.version(), checked, mono, mixed };
  });
}

export async function run({ trials = 25, trialMs = 10, warmMs = 300, smoke = false } = {}) {
  const options = { trials, trialMs, warmMs, smoke };
  return { node: await runNode(options), chromium: await runBrowser(options) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  console.log(JSON.stringify(await run(smoke ? { trials: 2, trialMs: 2, warmMs: 5, smoke } : {}), null, 1));
}
