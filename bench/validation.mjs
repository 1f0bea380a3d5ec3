#!/usr/bin/env node
// Validation speed: validateActivity against zod 4 and valibot schemas of the same rules, on a
// fixed mix of valid and invalid inputs (all three are first checked to agree on every input),
// and validateField('title', …) per keystroke.
//   node bench/validation.mjs [--json]
import * as ours from '../pkg/node.js';
import * as zod from './alternatives/rules-zod.js';
import * as valibot from './alternatives/rules-valibot.js';
import { MIX } from './alternatives/mix.js';
import { rates } from './lib/measure.mjs';

function oursVerdict(input) {
  const result = ours.validateActivity(input);
  return { valid: result.valid, fields: [...new Set(result.issues.map((i) => i.field))] };
}

export function checkAgreement() {
  for (const input of MIX) {
    const expected = oursVerdict(input);
    for (const [name, rules] of [['zod', zod], ['valibot', valibot]]) {
      const { valid, fields } = rules.validate(input);
      if (valid !== expected.valid || fields.join() !== expected.fields.join()) {
        throw new Error(`${name} disagrees on ${JSON.stringify(input)}: ${JSON.stringify({ valid, fields })} vs ${JSON.stringify(expected)}`);
      }
    }
  }
}

/** Nanoseconds per call of each of `fns` over the prefixes of a title being typed. */
function perKeystroke(fns, options) {
  const typed = 'Called about the new pump - 2026 Invoice 123 follow up';
  const prefixes = [...typed].map((_, i) => typed.slice(0, i + 1));
  const perSecond = rates(fns, prefixes, options);
  return Object.fromEntries(Object.entries(perSecond).map(([name, r]) => [name, 1e9 / r]));
}

export function run({ trials = 15, trialMs = 300 } = {}) {
  checkAgreement();
  const options = { trials, trialMs };
  const validate = rates({
    ours: (input) => ours.validateActivity(input),
    zod: (input) => zod.activityInput.safeParse(input),
    valibot: (input) => valibot.validate(input),
  }, MIX, options);
  const keystroke = perKeystroke({
    ours: (title) => ours.validateField('title', title),
    zod: (title) => zod.activityInput.shape.title.safeParse(title),
    valibot: (title) => valibot.validateTitle(title),
  }, options);
  return { mix: MIX.length, validate, keystroke };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = run();
  if (process.argv.includes('--json')) console.log(JSON.stringify(r));
  else {
    console.log(`mix of ${r.mix} inputs; all three agree on every one`);
    for (const [k, v] of Object.entries(r.validate)) console.log(`validate ${k}: ${Math.round(v).toLocaleString()} ops/s`);
    for (const [k, v] of Object.entries(r.keystroke)) console.log(`keystroke ${k}: ${v.toFixed(0)} ns`);
  }
}
