// `activityInputSchema`: ActivityInput as a Standard Schema v1 (https://standardschema.dev), the
// interface react-hook-form, TanStack Form, tRPC and many other tools accept from any validator.
// The rules are the package's own, in Rust: this only reshapes what validateActivity returns.
import { validateActivity } from './validation.js';

export const activityInputSchema = Object.freeze({
  '~standard': Object.freeze({
    version: 1,
    vendor: 'skimmer-activity-logs',
    validate(value) {
      const result = validateActivity(value);
      return result.valid ? { value: result.value } : { issues: result.issues.map(withPath) };
    },
  }),
});

// Standard Schema's `path` beside the issue's own fields: [field], or none for an issue about the
// input as a whole (field "input": it is not an object).
function withPath(issue) {
  return issue.field === 'input' ? issue : { ...issue, path: [issue.field] };
}
