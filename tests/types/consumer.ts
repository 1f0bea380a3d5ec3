// A consumer of the generated types, checked with `tsc --strict --noEmit`. Each `Expect` line
// fails to compile if a type drifts from docs/contract.md §3/§4; each @ts-expect-error fails if a wrong use
// stops being an error.
import {
  validateActivity,
  validateField,
  TITLE_MAX_LENGTH,
  DESCRIPTION_MAX_LENGTH,
  TITLE_PATTERN,
  ACTIVITY_TYPES,
} from 'skimmer-activity-logs';
import type {
  Activity,
  ActivityInput,
  ActivityKind,
  ActivityType,
  RelatedEntityKind,
  ValidationIssue,
  ValidationResult,
  InputField,
  IssueField,
} from 'skimmer-activity-logs';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | void {}

// Activity: nullable response fields are `T | null` and always present.
expectType<Equals<Activity['description'], string | null>>();
expectType<Equals<Activity['relatedEntityType'], RelatedEntityKind | null>>();
expectType<Equals<Activity['updatedAt'], string | null>>();
expectType<Equals<Activity['id'], string>>();
expectType<Equals<Activity['isSystemGenerated'], boolean>>();
expectType<Equals<Activity['type'], ActivityKind>>();
const fromServer: Activity = {
  id: 'a1',
  customerId: 'c1',
  type: 'InvoiceSent',
  title: 't',
  description: null,
  isSystemGenerated: true,
  relatedEntityId: null,
  relatedEntityType: 'ServiceAgreement',
  relatedEntityDisplay: null,
  secondaryRelatedEntityId: null,
  secondaryRelatedEntityType: null,
  secondaryRelatedEntityDisplay: null,
  createdByName: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedByName: null,
  updatedAt: null,
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
      case 'too_long': {
        const n: number = issue.max + issue.actual;
        void n;
        break;
      }
      case 'invalid_characters': {
        const c: string[] = issue.characters;
        void c;
        break;
      }
      case 'invalid_option': {
        const o: string[] = issue.options;
        void o;
        break;
      }
      case 'invalid_type': {
        const e: 'string' | 'object' = issue.expected;
        void e;
        break;
      }
      case 'required':
        break;
      default: {
        const never: never = issue;
        void never;
      }
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

// ---- the client ----
import { ActivityLogClient, isActivityLogError } from 'skimmer-activity-logs';
import type {
  ActivityLogError,
  ApiError,
  ClientOptions,
  CallOptions,
  RateLimit,
  ProblemDetails,
  RedirectError,
} from 'skimmer-activity-logs';

const options: ClientOptions = {
  apiKey: 'k',
  baseUrl: 'http://127.0.0.1:8787',
  timeoutMs: 5000,
  retry: { maxRetries: 2 },
  fetch,
};
const noRetry: ClientOptions = { apiKey: 'k', retry: false, maxResponseBytes: 1_000_000 };
// @ts-expect-error: maxResponseBytes is a number of bytes
const sizeText: ClientOptions = { apiKey: 'k', maxResponseBytes: '1 MB' };
// @ts-expect-error: apiKey is required unless baseUrl points at a proxy
const noKey: ClientOptions = { timeoutMs: 5 };
const proxied: ClientOptions = { baseUrl: '/skimmer' };
const proxiedEmpty: ClientOptions = { apiKey: '', baseUrl: 'https://app.example.com/skimmer' };
// @ts-expect-error: retry is false or an object, not true
const retryTrue: ClientOptions = { apiKey: 'k', retry: true };
const client = new ActivityLogClient(options);
const call: CallOptions = { signal: new AbortController().signal };

async function useClient(): Promise<void> {
  const list: Activity[] = await client.list('cust-1');
  const one: Activity = await client.get('cust-1', 'a1', call);
  const made: Activity = await client.create('cust-1', { type: 'Call', title: 'x' });
  const changed: Activity = await client.update('cust-1', 'a1', { type: 'Text', title: 'y', description: null });
  const nothing: void = await client.delete('cust-1', 'a1');
  const limit: RateLimit | null = client.rateLimit;
  if (limit) {
    const n: number = limit.limit + limit.remaining + limit.resetSeconds;
    void n;
  }
  // @ts-expect-error: rateLimit is read-only
  client.rateLimit = null;
  // @ts-expect-error: an input needs a title
  await client.create('cust-1', { type: 'Call' });
  void [list, one, made, changed, nothing];
}

function describe(error: unknown): string {
  if (!isActivityLogError(error)) return 'not ours';
  const e: ActivityLogError = error;
  switch (e.kind) {
    case 'validation':
      return e.issues.map((i) => i.message).join(' ');
    case 'api': {
      const status: number = e.status;
      const problem: ProblemDetails | null = e.problem;
      const errors: Record<string, string[]> | null = problem ? problem.errors : null;
      const retry: number | null = e.retryAfterSeconds;
      const trace: string | null = e.traceId;
      const api: ApiError = e;
      return `${status} ${e.statusText} ${e.method} ${e.url} ${String(errors)} ${retry} ${trace} ${api.rateLimit?.remaining}`;
    }
    case 'network':
      return `${e.url} ${String(e.cause)}`;
    case 'timeout':
      return `${e.timeoutMs}`;
    case 'decode': {
      const index: number | null = e.index;
      const field: string | null = e.field;
      return `${e.status} ${index} ${field}`;
    }
    case 'redirect': {
      const status: number | null = e.status;
      const location: string | null = e.location;
      const redirect: RedirectError = e;
      return `${redirect.method} ${redirect.url} ${status} ${location}`;
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}
const message: string = describe(new Error('x'));
const stack: string | undefined = (new Error('x') as ActivityLogError).stack;
void [noRetry, sizeText, noKey, proxied, proxiedEmpty, retryTrue, useClient, message, stack];
