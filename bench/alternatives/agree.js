// Before any timing: the package, zod 4 and valibot must give the same verdict on every input the
// benchmark times (valid or not, and the same issue codes on the same fields), and each class must
// be what its name says. Plain JS, run in Node and in the benchmark page.

/** The package's verdict: { valid, codes: field → sorted distinct codes }. */
export function oursVerdict(validateActivity, input) {
  const result = validateActivity(input);
  const codes = {};
  for (const issue of result.issues) {
    codes[issue.field] ??= new Set();
    codes[issue.field].add(issue.code);
  }
  return { valid: result.valid, codes: Object.fromEntries(Object.entries(codes).map(([f, s]) => [f, [...s].sort()])) };
}

const canonical = (verdict) =>
  JSON.stringify({
    valid: verdict.valid,
    codes: Object.fromEntries(Object.entries(verdict.codes).sort(([a], [b]) => (a < b ? -1 : 1))),
  });

/**
 * Throws unless zod and valibot (`alternatives`: name → rules module with `verdict`) agree with
 * the package on every class's input and on every extra input, and every class is what it says.
 * Returns how many inputs were checked.
 */
export function checkAgreement(validateActivity, alternatives, classes, extra = []) {
  const inputs = [...classes.map((c) => c.input), ...extra];
  for (const c of classes) {
    const ours = oursVerdict(validateActivity, c.input);
    const expected = canonical({ valid: c.valid, codes: c.codes ?? {} });
    if (canonical(ours) !== expected) {
      throw new Error(`class "${c.name}": the package answers ${canonical(ours)}, the class says ${expected}`);
    }
  }
  for (const input of inputs) {
    const ours = canonical(oursVerdict(validateActivity, input));
    for (const [name, rules] of Object.entries(alternatives)) {
      const theirs = canonical(rules.verdict(input));
      if (theirs !== ours)
        throw new Error(`${name} disagrees on ${JSON.stringify(input)}: ${theirs}; the package: ${ours}`);
    }
  }
  return inputs.length;
}

/**
 * Throws unless `validateField('title', …)` and the alternatives' title schemas (`validateTitle`)
 * agree on whether each of `titles` is valid. Returns how many were checked.
 */
export function checkTitleAgreement(validateField, alternatives, titles) {
  for (const title of titles) {
    const ours = validateField('title', title).length === 0;
    for (const [name, rules] of Object.entries(alternatives)) {
      if (rules.validateTitle(title).success !== ours)
        throw new Error(`${name} disagrees on the title ${JSON.stringify(title)}`);
    }
  }
  return titles.length;
}
