// The package's rules written with zod 4, for comparison: the ActivityInput rules of SPEC §4 and
// the Activity response shape of SPEC §3.
import { z } from 'zod';

const title = z.string()
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

const nullable = z.string().nullish().transform((v) => v ?? null);
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

/** { valid, fields }: whether the input is valid, and the fields with issues. */
export function validate(input) {
  const result = activityInput.safeParse(input);
  if (result.success) return { valid: true, value: result.data, fields: [] };
  return { valid: false, fields: [...new Set(result.error.issues.map((i) => i.path[0] ?? 'input'))] };
}

export const decodeActivity = (value) => activity.parse(value);
export const decodeList = (value) => z.array(activity).parse(value);
