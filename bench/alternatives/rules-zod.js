// The package's rules written with zod 4, for comparison: the ActivityInput rules of docs/contract.md §4 and
// the Activity response shape of docs/contract.md §3.
import { z } from 'zod';

const title = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9\- ]*$/)
  .refine((s) => /[^ ]/.test(s), { message: 'required' });

export const activityInput = z.object({
  type: z.enum(['Call', 'Text', 'Email', 'Other']),
  title,
  description: z.string().max(300).nullish(),
  authorId: z.string().nullish(),
  authorName: z.string().nullish(),
});

const nullable = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
export const activity = z.object({
  id: z.string(),
  customerId: z.string(),
  type: z.string(),
  title: z.string(),
  description: nullable,
  isSystemGenerated: z.boolean(),
  relatedEntityId: nullable,
  relatedEntityType: nullable,
  relatedEntityDisplay: nullable,
  secondaryRelatedEntityId: nullable,
  secondaryRelatedEntityType: nullable,
  secondaryRelatedEntityDisplay: nullable,
  createdByName: nullable,
  createdAt: z.string(),
  updatedByName: nullable,
  updatedAt: nullable,
});

/** The call the validation benchmark times: zod's own way to validate an unknown value. */
export const parse = (input) => activityInput.safeParse(input);

/** { valid, value, fields }: whether the input is valid, and the fields with issues. */
export function validate(input) {
  const result = parse(input);
  if (result.success) return { valid: true, value: result.data, fields: [] };
  return { valid: false, fields: [...new Set(result.error.issues.map((i) => i.path[0] ?? 'input'))] };
}

// zod's issue codes for these rules, as the package's codes (docs/contract.md §4).
const CODES = {
  too_small: 'required',
  custom: 'required',
  too_big: 'too_long',
  invalid_format: 'invalid_characters',
  invalid_value: 'invalid_option',
  invalid_type: 'invalid_type',
};

/**
 * { valid, codes }: the verdict in the package's terms, to check that the three validators agree:
 * field → the sorted distinct codes. A missing or null `type` or `title` is `required`, as the
 * package says, whatever zod calls it.
 */
export function verdict(input) {
  const result = parse(input);
  if (result.success) return { valid: true, codes: {} };
  const codes = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] ?? 'input';
    const absent = (field === 'type' || field === 'title') && input[field] == null;
    codes[field] ??= new Set();
    codes[field].add(absent ? 'required' : (CODES[issue.code] ?? issue.code));
  }
  return { valid: false, codes: Object.fromEntries(Object.entries(codes).map(([f, s]) => [f, [...s].sort()])) };
}

export const decodeActivity = (value) => activity.parse(value);
export const decodeList = (value) => z.array(activity).parse(value);

export const validateTitle = (value) => activityInput.shape.title.safeParse(value);
