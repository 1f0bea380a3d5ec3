// The types of `skimmer-activity-logs/emulator`, whichever file the runtime loads (index.js,
// node.js, workerd.js, edge-light.js): the same API everywhere.
import type { Activity } from '../index.js';

/** A kind of random fault (`faultKinds`). */
export type FaultKind = '429' | '503' | 'drop' | 'delay';

/** How an emulator behaves; every option has the server's default. */
export interface EmulatorOptions {
  /**
   * The API key requests must send in `skimmer-api-key` (default `"demo-key"`). Anything else,
   * or none, is a 401 problem.
   */
  apiKey?: string;
  /**
   * Start (and restart on `reset()`) with the seeded customers `cust-1001` to `cust-1003`,
   * whose logs mix manual and system-generated activities (default `true`).
   */
  seedCustomers?: boolean;
  /** Requests allowed per window, per API key (default 500, Skimmer's); past it, 429. */
  rateLimit?: number;
  /** The rate-limit window in milliseconds (default 60000; at most a day). */
  rateWindowMs?: number;
  /** The probability of a random fault per API request, 0 to 1 (default 0: none). */
  faultRate?: number;
  /**
   * The kinds random faults are drawn from (default all four): `'429'` (with
   * `Retry-After: 1`), `'503'`, `'drop'` (the fetch rejects with a `TypeError`) and `'delay'`
   * (50 to 500 ms, then the normal answer). An array, or a comma-separated string.
   */
  faultKinds?: readonly FaultKind[] | string;
  /** The seed of random faults: the same seed and requests give the same faults (default random). */
  faultSeed?: number;
  /** The seed of generated activity ids and trace ids: the same seed gives the same ids (default random). */
  randomSeed?: number;
  /**
   * The clock, in milliseconds since the Unix epoch (default `Date.now`): it stamps
   * `createdAt`/`updatedAt` and, when given, also runs the rate-limit windows (otherwise
   * `performance.now()` does). A test can move time forward without waiting.
   */
  now?: () => number;
}

/** One request as the emulator saw it (`requests()`), as the server's `GET /__emulator/requests` has it. */
export interface EmulatorRequest {
  /** Arrival order, from 1 (restarts at `reset()`). */
  seq: number;
  /** The HTTP method. */
  method: string;
  /** The path as received, still percent-encoded. */
  path: string;
  /** The `customerId` path parameter, decoded; `null` when the path has none. */
  customerId: string | null;
  /** The activity `id` path parameter, decoded; `null` on the collection routes. */
  id: string | null;
  /** The answer's status; `null` when there was none (a dropped connection, or a caller that aborted during a delay). */
  status: number | null;
  /** The fault applied, in the `x-emulator-fault` syntax; `null` when none. */
  fault: string | null;
  /** Where the fault came from. */
  faultSource: 'header' | 'scripted' | 'random' | null;
  /** Whether the right API key was sent. */
  authorized: boolean;
  /** The request's `Content-Type`, if any. */
  contentType: string | null;
  /** Always `false` (proxy mode, which has no log, used to mark forwarded requests). */
  proxied: boolean;
}

/**
 * A fault for the next `times` requests that match `method` and `path` (as the server's
 * `POST /__emulator/faults` takes it). At least one of `status`, `delayMs`, `drop`, `body`.
 */
export interface EmulatorFault {
  /** The method to match (`"GET"` …); any when absent. */
  method?: string;
  /** The raw path to match, still percent-encoded (`"/CustomerActivityLogs/cust-1001"`); any when absent. */
  path?: string;
  /** How many matching requests it applies to (default 1). */
  times?: number;
  /** Answer with this status, as problem details. */
  status?: number;
  /** A `Retry-After` value, sent verbatim (seconds or an HTTP date). */
  retryAfter?: string;
  /** Hold the answer back this many milliseconds (the request is handled at once). */
  delayMs?: number;
  /** Reject the fetch with a `TypeError`, as a dropped connection does. */
  drop?: boolean;
  /**
   * A hostile body: `invalid-json`, `html`, `empty`, `truncated`, `huge`, `wrong-types`, `deep`,
   * `missing-id` or `not-array`.
   */
  body?: string;
  /** The `Content-Type` of the answer (only inert types: JSON, plain text, octet-stream). */
  contentType?: string;
}

/** The emulator of the Skimmer Customer Activity Logs API, in this process. */
export interface Emulator {
  /**
   * Answers a request as the emulator server would, for any origin: the five routes with
   * Skimmer's rules, the `x-emulator-fault` request header, the control endpoints under
   * `/__emulator/`. Fetch-compatible, and bound: pass it as the client's `fetch` option, or hand
   * it the `Request` an MSW handler receives. A `drop` fault rejects with a `TypeError`; a delay
   * is a real timer that `init.signal` aborts (rejecting with the signal's reason).
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Back to the start: the seeded customers (or none), an empty request log, no queued faults, fresh rate-limit windows. */
  reset(): void;
  /** The stored activities of a customer, oldest first (plain objects, copies); `null` when there is no such customer. */
  activities(customerId: string): Activity[] | null;
  /** The ids of every customer, sorted. */
  customerIds(): string[];
  /** The request log of the API routes, oldest first (at most 10,000 entries). */
  requests(): EmulatorRequest[];
  /** Creates a customer with no activities (nothing happens when it exists). */
  addCustomer(customerId: string): void;
  /** Queues a fault for the next matching requests; throws an `Error` when the fault is not valid. */
  fault(fault: EmulatorFault): void;
}

/**
 * Creates an emulator of the Skimmer Customer Activity Logs API that runs in this process: the
 * same core as the `skimmer-emulator` server, compiled to WebAssembly, with its own state.
 * Throws a `TypeError` or `RangeError` for an option it cannot use.
 *
 * ```js
 * const emulator = createEmulator();
 * const client = new ActivityLogClient({ apiKey: 'demo-key', fetch: emulator.fetch });
 * await client.list('cust-1001');
 * ```
 */
export function createEmulator(options?: EmulatorOptions): Emulator;
