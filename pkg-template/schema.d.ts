// The types of `activityInputSchema`, the Standard Schema v1 object for ActivityInput.
import type { ActivityInput, InputField, ValidationIssue } from './skimmer_activity_logs.js';
import type { StandardSchemaV1, StandardTypedV1 } from './standard-schema.js';

export type { StandardSchemaV1, StandardTypedV1 };

/**
 * An issue of {@link activityInputSchema}: a {@link ValidationIssue} (`field`, `code`, `message`
 * and the code's parameters) with Standard Schema's `path`, `[field]`. An issue about the input as
 * a whole (`field: "input"`: it is not an object) has no `path`, so form libraries show it as the
 * form's own error.
 */
export type ActivityInputSchemaIssue = ValidationIssue & { readonly path?: readonly [InputField] };

/** What {@link activityInputSchema}'s `validate` returns: never a promise. */
export type ActivityInputSchemaResult =
  | { readonly value: ActivityInput; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<ActivityInputSchemaIssue> };

/** The `~standard` properties of {@link activityInputSchema}. */
export interface ActivityInputSchemaProps extends StandardSchemaV1.Props<ActivityInput, ActivityInput> {
  /** `"skimmer-activity-logs"`. */
  readonly vendor: 'skimmer-activity-logs';
  /**
   * Validates `value` with the package's rules ({@link validateActivity}, which it calls):
   * `{ value }`, the cleaned input (only the known fields, no `null`s), or `{ issues }`, every
   * issue at once in field order. Synchronous; never throws.
   */
  readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) => ActivityInputSchemaResult;
}

/** The type of {@link activityInputSchema}: a Standard Schema v1 whose input and output are {@link ActivityInput}. */
export interface ActivityInputSchema extends StandardSchemaV1<ActivityInput, ActivityInput> {
  /** The Standard Schema properties. */
  readonly '~standard': ActivityInputSchemaProps;
}

/**
 * {@link ActivityInput} as a Standard Schema v1 (https://standardschema.dev), for form and API
 * libraries that accept any such schema: react-hook-form (`standardSchemaResolver` from
 * `@hookform/resolvers/standard-schema`), TanStack Form, tRPC and others. The same rules as
 * {@link validateActivity}, which it calls.
 *
 * ```js
 * const result = activityInputSchema['~standard'].validate({ type: 'Call', title: 'Bad_title' });
 * // { issues: [{ field: 'title', code: 'invalid_characters', message: '…', characters: ['_'], path: ['title'] }] }
 * ```
 */
export declare const activityInputSchema: ActivityInputSchema;
