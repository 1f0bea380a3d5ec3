// One validation measurement, the same in a Node child process and in a Chromium page: the
// caller passes the three validators' modules, so this file loads nothing environment-specific.
//   mode 'mono':  one class's input repeated (a fresh process or page per class: the engine has
//                 seen no other input)
//   mode 'mixed': every class and mix, after each validator has run over all of them, and
//                 validateField('title', …) per keystroke
import { CLASSES, MIXES, mix, TYPED_TITLE } from '../alternatives/inputs.js';
import { timeValidators } from './validation-core.js';

/** Every input of every class and mix, interleaved: what the 'mixed' mode warms up on. */
function everything() {
  return [...CLASSES.map((c) => c.input), ...MIXES.flatMap(([, share]) => mix(share))];
}

export function runValidation({ ours, zod, valibot, mode, classIndex = 0, trials, trialMs, warmMs }) {
  const validators = { ours: ours.validateActivity, zod: zod.parse, valibot: valibot.parse };
  const options = { trials, trialMs };
  if (mode === 'mono') {
    const c = CLASSES[classIndex];
    return timeValidators(validators, [{ name: c.name, items: [c.input] }], options);
  }
  const rows = [
    ...CLASSES.map((c) => ({ name: c.name, items: [c.input] })),
    ...MIXES.map(([name, share]) => ({ name, items: mix(share) })),
  ];
  const validated = timeValidators(validators, rows, { ...options, warm: everything(), warmMs });
  const prefixes = [...TYPED_TITLE].map((_, i) => TYPED_TITLE.slice(0, i + 1));
  const [keystroke] = timeValidators(
    {
      ours: (title) => ours.validateField('title', title),
      zod: zod.validateTitle,
      valibot: valibot.validateTitle,
    },
    [{ name: 'validateField per keystroke', items: prefixes }],
    options,
  );
  return [...validated, keystroke];
}
