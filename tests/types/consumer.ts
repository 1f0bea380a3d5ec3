// A consumer of the generated types, checked with `tsc --strict --noEmit`. Each `Expect` line
// fails to compile if a type drifts from SPEC §3/§4; each @ts-expect-error fails if a wrong use
// stops being an error.
import {
  validateActivity, validateField, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, TITLE_PATTERN,
  ACTIVITY_TYPES,
} from 'skimmer-activity-logs';
import type {
  Activity, ActivityInput, ActivityKind, ActivityType, RelatedEntityKind, ValidationIssue,
  ValidationResult, InputField, IssueField,
} from 'skimmer-activity-logs';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(): T | void {}

// Activity: nullable response fields are `T | null` and always present.
expectType<Equals<Activity['description'], string | null>>();
expectType<Equals<Activity['relatedEntityType'], RelatedEntityKind | null>>();
expectType<Equals<Activity['updatedAt'], string | null>>();
expectType<Equals<Activity['id'], string>>();
expectType<Equals<Activity['isSystemGenerated'], boolean>>();
expectType<Equals<Activity['type'], ActivityKind>>();
const fromServer: Activity = {
  id: 'a1', customerId: 'c1', type: 'InvoiceSent', title: 't', description: null,
  isSystemGenerated: true, relatedEntityId: null, relatedEntityType: 'ServiceAgreement',
  relatedEntityDisplay: null, secondaryRelatedEntityId: null, secondaryRelatedEntityType: null,
  secondaryRelatedEntityDisplay: null, createdByName: null, createdAt: '2026-01-01T00:00:00Z',
  updatedByName: null, updatedAt: null,
};
// @ts-expect-error: a nullable field is required (null, never missing).
const missing: Activity = { ...fromServer, description: undefined };

// ActivityKind and RelatedEntityKind are open unions that still suggest the known values.
const kind: ActivityKind = 'Call';
const other: ActivityKind = 'SomethingNew';
const entity: RelatedEntityKind = 'PaymentMethod';

// ActivityType is closed.
expectType<Equals<ActivityType, 'Call' | 'Text' | 'Email' | 'Other'>>();
// @ts-expect-error: not a manual activity type
const fax: ActivityType = 'Fax';

// ActivityInput: optional fields are `field?: T | null`.
expectType<Equals<ActivityInput['description'], string | null | undefined>>();
const input: ActivityInput = { type: 'Email', title: 'Sent quote', description: null, authorName: 'Ana' };
const minimal: ActivityInput = { type: 'Other', title: 'x' };
// @ts-expect-error: title is required
const noTitle: ActivityInput = { type: 'Call' };

// validateActivity takes anything and narrows on `valid`.
const result: ValidationResult = validateActivity(JSON.parse('{}') as unknown);
if (result.valid) {
  const value: ActivityInput = result.value;
  expectType<Equals<typeof result.issues, []>>();
  void value;
} else {
  // @ts-expect-error: no value on an invalid result
  void result.value;
  for (const issue of result.issues) {
    const field: IssueField = issue.field;
    switch (issue.code) {
      case 'too_long': { const n: number = issue.max + issue.actual; void n; break; }
      case 'invalid_characters': { const c: string[] = issue.characters; void c; break; }
      case 'invalid_option': { const o: string[] = issue.options; void o; break; }
      case 'invalid_type': { const e: 'string' | 'object' = issue.expected; void e; break; }
      case 'required': break;
      default: { const never: never = issue; void never; }
    }
    void field;
  }
}

// validateField takes the five input field names.
const issues: ValidationIssue[] = validateField('title', 'Hello');
const field: InputField = 'authorName';
validateField(field, 42);
// @ts-expect-error: not an input field
validateField('customerId', 'x');

// The constants have literal types usable for forms.
const max: 60 = TITLE_MAX_LENGTH;
const dmax: 300 = DESCRIPTION_MAX_LENGTH;
const pattern: string = TITLE_PATTERN;
const types: readonly ActivityType[] = ACTIVITY_TYPES;
// @ts-expect-error: the list is read-only
ACTIVITY_TYPES.push('Fax');

void [fromServer, missing, kind, other, entity, fax, input, minimal, noTitle, issues, max, dmax, pattern, types];
