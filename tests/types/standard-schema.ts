// activityInputSchema through the Standard Schema v1 types the package ships, as a form or API
// library written against the spec uses any schema. Checked with `tsc --strict --noEmit`
// (exactOptionalPropertyTypes and noUncheckedIndexedAccess on: see tsconfig.json).
import { activityInputSchema, validateActivity } from 'skimmer-activity-logs';
import type {
  ActivityInput,
  ActivityInputSchema,
  ActivityInputSchemaIssue,
  InputField,
  StandardSchemaV1,
} from 'skimmer-activity-logs';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | void {}

// A library function typed against the spec alone, as react-hook-form's resolvers are.
async function parse<S extends StandardSchemaV1>(
  schema: S,
  value: unknown,
): Promise<StandardSchemaV1.InferOutput<S> | readonly StandardSchemaV1.Issue[]> {
  const result = await schema['~standard'].validate(value);
  return result.issues ?? result.value;
}

const generic: StandardSchemaV1<ActivityInput, ActivityInput> = activityInputSchema;
const typed: ActivityInputSchema = activityInputSchema;
expectType<Equals<StandardSchemaV1.InferInput<typeof activityInputSchema>, ActivityInput>>();
expectType<Equals<StandardSchemaV1.InferOutput<typeof activityInputSchema>, ActivityInput>>();
expectType<Equals<(typeof activityInputSchema)['~standard']['version'], 1>>();
expectType<Equals<(typeof activityInputSchema)['~standard']['vendor'], 'skimmer-activity-logs'>>();
const parsed: Promise<ActivityInput | readonly StandardSchemaV1.Issue[]> = parse(activityInputSchema, {});

// The package's own validate is synchronous and its issues keep the codes and parameters.
const result = activityInputSchema['~standard'].validate(JSON.parse('{}') as unknown);
// @ts-expect-error: never a promise, so no `then`
void result.then;
if (result.issues) {
  for (const issue of result.issues) {
    const message: string = issue.message;
    const path: readonly [InputField] | undefined = issue.path;
    const asSpec: StandardSchemaV1.Issue = issue;
    const mine: ActivityInputSchemaIssue = issue;
    if (issue.code === 'too_long') {
      const n: number = issue.max - issue.actual;
      void n;
    }
    // @ts-expect-error: `max` belongs to too_long issues only
    void issue.max;
    void [message, path, asSpec, mine];
  }
} else {
  const value: ActivityInput = result.value;
  const same: ActivityInput = validateActivity(value).valid ? value : value;
  void same;
}

// @ts-expect-error: the schema is read-only
// biome-ignore lint/correctness/noSelfAssign: the assignment is the check (tsc must refuse it)
activityInputSchema['~standard'] = activityInputSchema['~standard'];

void [generic, typed, parsed];
