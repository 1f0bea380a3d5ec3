// The package's rules written with valibot, for comparison: the ActivityInput rules of docs/contract.md §4
// and the Activity response shape of docs/contract.md §3.
import * as v from 'valibot';

const title = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(60),
  v.regex(/^[A-Za-z0-9\- ]*$/),
  v.check((s) => /[^ ]/.test(s), 'required'),
);

export const activityInput = v.object({
  type: v.picklist(['Call', 'Text', 'Email', 'Other']),
  title,
  description: v.nullish(v.pipe(v.string(), v.maxLength(300))),
  authorId: v.nullish(v.string()),
  authorName: v.nullish(v.string()),
});

const nullable = v.optional(v.nullable(v.string()), null);
export const activity = v.object({
  id: v.string(),
  customerId: v.string(),
  type: v.string(),
  title: v.string(),
  description: nullable,
  isSystemGenerated: v.boolean(),
  relatedEntityId: nullable,
  relatedEntityType: nullable,
  relatedEntityDisplay: nullable,
  secondaryRelatedEntityId: nullable,
  secondaryRelatedEntityType: nullable,
  secondaryRelatedEntityDisplay: nullable,
  createdByName: nullable,
  createdAt: v.string(),
  updatedByName: nullable,
  updatedAt: nullable,
});

/** The call the validation benchmark times: valibot's own way to validate an unknown value. */
export const parse = (input) => v.safeParse(activityInput, input);

/** { valid, value, fields }: whether the input is valid, and the fields with issues. */
export function validate(input) {
  const result = parse(input);
  if (result.success) return { valid: true, value: result.output, fields: [] };
  return { valid: false, fields: [...new Set(result.issues.map((i) => i.path?.[0]?.key ?? 'input'))] };
}

// valibot's issue types for these rules, as the package's codes (docs/contract.md §4).
const CODES = {
  min_length: 'required',
  check: 'required',
  max_length: 'too_long',
  regex: 'invalid_characters',
  picklist: 'invalid_option',
  string: 'invalid_type',
  object: 'invalid_type',
};

/**
 * { valid, codes }: the verdict in the package's terms, to check that the three validators agree:
 * field → the sorted distinct codes. A missing or null `type` or `title` is `required`, as the
 * package says, whatever valibot calls it.
 */
export function verdict(input) {
  const result = parse(input);
  if (result.success) return { valid: true, codes: {} };
  const codes = {};
  for (const issue of result.issues) {
    const field = issue.path?.[0]?.key ?? 'input';
    const absent = (field === 'type' || field === 'title') && input[field] == null;
    codes[field] ??= new Set();
    codes[field].add(absent ? 'required' : (CODES[issue.type] ?? issue.type));
  }
  return { valid: false, codes: Object.fromEntries(Object.entries(codes).map(([f, s]) => [f, [...s].sort()])) };
}

export const validateTitle = (value) => v.safeParse(title, value);

export const decodeActivity = (value) => v.parse(activity, value);
export const decodeList = (value) => v.parse(v.array(activity), value);
