// The types of `validateActivity` and `validateField`.
import type { InputField, ValidationIssue, ValidationResult } from './skimmer_activity_logs.js';

/**
 * Checks an activity input against Skimmer's rules, the same rules the server applies.
 *
 * Returns every issue at once, in field order. Never throws, whatever it is given: a value that
 * is not an object is an `invalid_type` issue on the field `"input"`, and a property whose
 * getter throws is an `invalid_type` issue on that field.
 */
export declare function validateActivity(input: unknown): ValidationResult;

/**
 * Checks one field's value, for feedback while the user types. Agrees exactly with
 * `validateActivity`: the issues are the ones it would report for that field.
 *
 * Never throws; an unknown field name gives one `invalid_option` issue on `"input"`.
 */
export declare function validateField(field: InputField, value: unknown): ValidationIssue[];
