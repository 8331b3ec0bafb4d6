/**
 * The request log: the most recent entries in a ring (or every entry), and the stats kept as
 * running totals while entries are logged, so memory stays bounded however long the provider runs.
 */

/** The endpoint a request was sent to. */
export type Endpoint = 'chat' | 'responses' | 'completions' | 'embeddings' | 'models' | 'other';

/** One request as the provider saw it. Times are on the provider's clock, in ms. */
export interface RequestLogEntry {
  /** Sequence number, 1-based, in arrival order since the last reset. */
  id: number;
  endpoint: Endpoint;
  /** The `model` of the request, if it had a valid one. */
  model: string | null;
  stream: boolean;
  /** When the request arrived. */
  arrival: number;
  /** When service started (after any queue); `null` if it never started (rejected, aborted while queued). */
  start: number | null;
  /** When the response was complete (or the client went away). */
  end: number;
  /** HTTP status sent; 499 when the client aborted before the answer was complete. */
  status: number;
  /** OpenAI error `type` (or `code` for rate limits) for errors, `null` for a 200. */
  errorType: string | null;
  /** Prompt tokens (character estimate). */
  promptTokens: number;
  /** Output tokens produced. */
  completionTokens: number;
  /** Requests already in flight (admitted, not yet finished) when this one arrived. */
  inFlightAtArrival: number;
  /** The drawn latency in ms (time scale applied, before the load slowdown); `null` if none was drawn. */
  serviceMs: number | null;
  /** The load-model slowdown applied (1 = none); `null` if service never started. */
  loadMultiplier: number | null;
}

/** Counts and token sums over logged requests (all of them, or one endpoint's). */
export interface RequestCounts {
  /** Requests logged (finished). */
  requests: number;
  /** Requests per HTTP status, e.g. `{ "200": 95, "429": 5 }`. */
  byStatus: Record<string, number>;
  /** Status 200. */
  ok: number;
  /** Status 429. */
  rateLimited: number;
  /** Other 4xx, except 499. */
  clientErrors: number;
  /** 5xx. */
  serverErrors: number;
  /** 499: the client aborted. */
  aborted: number;
  /** Prompt tokens of every logged request. */
  promptTokens: number;
  /** Output tokens of every logged request. */
  completionTokens: number;
  /** Prompt tokens of status-200 requests only (what a provider bills). */
  okPromptTokens: number;
  /** Output tokens of status-200 requests only. */
  okCompletionTokens: number;
}

/** Running totals since the last reset, for a benchmark iteration's summary. */
export interface ProviderStats extends RequestCounts {
  /** Admitted requests not yet finished. */
  inFlight: number;
  /** Most requests in flight at once since the last reset. */
  peakInFlight: number;
  /** Earliest arrival among logged requests, `null` if none. */
  firstArrival: number | null;
  /** Latest end among logged requests, `null` if none. */
  lastEnd: number | null;
  /** The same counts per endpoint. */
  endpoints: Record<Endpoint, RequestCounts>;
}

/** What the log keeps: the most recent `limit` entries (`ring`) or every entry (`full`). */
export type LogMode = 'ring' | 'full';

/** Default number of entries the ring keeps. */
export const DEFAULT_LOG_LIMIT = 10_000;

const emptyCounts = (): RequestCounts => ({
  requests: 0, byStatus: {}, ok: 0, rateLimited: 0, clientErrors: 0, serverErrors: 0, aborted: 0,
  promptTokens: 0, completionTokens: 0, okPromptTokens: 0, okCompletionTokens: 0,
});

function count(c: RequestCounts, e: RequestLogEntry): void {
  c.requests++;
  c.byStatus[e.status] = (c.byStatus[e.status] ?? 0) + 1;
  if (e.status === 200) {
    c.ok++;
    c.okPromptTokens += e.promptTokens;
    c.okCompletionTokens += e.completionTokens;
  } else if (e.status === 429) c.rateLimited++;
  else if (e.status === 499) c.aborted++;
  else if (e.status >= 500) c.serverErrors++;
  else if (e.status >= 400) c.clientErrors++;
  c.promptTokens += e.promptTokens;
  c.completionTokens += e.completionTokens;
}

const copyCounts = (c: RequestCounts): RequestCounts => ({ ...c, byStatus: { ...c.byStatus } });

const ENDPOINTS: readonly Endpoint[] = ['chat', 'responses', 'completions', 'embeddings', 'models', 'other'];

const mapEndpoints = (f: (e: Endpoint) => RequestCounts): Record<Endpoint, RequestCounts> =>
  Object.fromEntries(ENDPOINTS.map((e) => [e, f(e)])) as Record<Endpoint, RequestCounts>;

const emptyEndpoints = (): Record<Endpoint, RequestCounts> => mapEndpoints(emptyCounts);

/**
 * The provider's request log. Entries go into a ring of the `limit` most recent (or an
 * unbounded array in `full` mode); the totals behind {@link stats} are updated as each entry
 * is logged, so they cover every request since the last {@link clear}, not only those kept.
 */
export class RequestLog {
  readonly mode: LogMode;
  readonly limit: number;
  #entries: RequestLogEntry[] = [];
  /** Index of the oldest entry once the ring is full. */
  #head = 0;
  #all = emptyCounts();
  #byEndpoint = emptyEndpoints();
  #firstArrival: number | null = null;
  #lastEnd: number | null = null;

  constructor(mode: LogMode = 'ring', limit = DEFAULT_LOG_LIMIT) {
    this.mode = mode;
    this.limit = mode === 'full' ? Infinity : limit;
  }

  /** Adds `entry` (dropping the oldest one if the ring is full) and counts it. */
  push(entry: RequestLogEntry): void {
    if (this.#entries.length < this.limit) {
      this.#entries.push(entry);
    } else {
      this.#entries[this.#head] = entry;
      this.#head = (this.#head + 1) % this.limit;
    }
    count(this.#all, entry);
    count(this.#byEndpoint[entry.endpoint], entry);
    if (this.#firstArrival === null || entry.arrival < this.#firstArrival) this.#firstArrival = entry.arrival;
    if (this.#lastEnd === null || entry.end > this.#lastEnd) this.#lastEnd = entry.end;
  }

  /** The entries kept, oldest first (a new array). */
  entries(): RequestLogEntry[] {
    return this.#head === 0 ? this.#entries.slice() : [...this.#entries.slice(this.#head), ...this.#entries.slice(0, this.#head)];
  }

  /** The running totals plus the live in-flight counters (copies: callers may keep or change them). */
  stats(inFlight: number, peakInFlight: number): ProviderStats {
    const b = this.#byEndpoint;
    return {
      ...copyCounts(this.#all), inFlight, peakInFlight, firstArrival: this.#firstArrival, lastEnd: this.#lastEnd,
      endpoints: mapEndpoints((e) => copyCounts(b[e])),
    };
  }

  /** Empties the ring and zeroes every total. */
  clear(): void {
    this.#entries = [];
    this.#head = 0;
    this.#all = emptyCounts();
    this.#byEndpoint = emptyEndpoints();
    this.#firstArrival = null;
    this.#lastEnd = null;
  }
}
