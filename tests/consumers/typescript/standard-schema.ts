// activityInputSchema where a library typed against the official Standard Schema package
// (@standard-schema/spec) expects a schema: the package's copy of the types must be the spec's.
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { StandardSchemaV1 as OwnStandardSchemaV1 } from 'skimmer-activity-logs';
import { activityInputSchema } from 'skimmer-activity-logs';
import type { ActivityInput } from 'skimmer-activity-logs';

/** What a form library's resolver does with any schema (react-hook-form's, say). */
function resolve<Input, Output>(schema: StandardSchemaV1<Input, Output>, values: Input): Output | string[] {
  const result = schema['~standard'].validate(values);
  if (result instanceof Promise) throw new TypeError('synchronous schemas only');
  return result.issues
    ? result.issues.map((issue) => `${issue.path?.join('.') ?? ''}: ${issue.message}`)
    : result.value;
}

const output: ActivityInput | string[] = resolve(activityInputSchema, { type: 'Call', title: 'x' });
const official: StandardSchemaV1<ActivityInput, ActivityInput> = activityInputSchema;
type Output = StandardSchemaV1.InferOutput<typeof activityInputSchema>;
const inferred: Output = { type: 'Text', title: 'y' };
// Either way round: the package's copy and the official types are the same shape.
const ownFromOfficial: OwnStandardSchemaV1<ActivityInput, ActivityInput> = official;
const officialFromOwn: StandardSchemaV1<unknown, ActivityInput> = ownFromOfficial;
export { output, inferred, officialFromOwn };
