/** The log of every request the provider answered, and the stats computed from it. */

/** The endpoint a request was sent to. */
export type Endpoint = 'chat' | 'embeddings' | 'models' | 'other';

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

/** Counts over the request log, for a benchmark iteration's summary. */
export interface ProviderStats {
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
  /** Admitted requests not yet finished. */
  inFlight: number;
  /** Most requests in flight at once since the last reset. */
  peakInFlight: number;
  promptTokens: number;
  completionTokens: number;
  /** Earliest arrival among logged requests, `null` if none. */
  firstArrival: number | null;
  /** Latest end among logged requests, `null` if none. */
  lastEnd: number | null;
}

/** Computes {@link ProviderStats} from the log and the live in-flight counters. */
export function computeStats(entries: readonly RequestLogEntry[], inFlight: number, peakInFlight: number): ProviderStats {
  const stats: ProviderStats = {
    requests: entries.length,
    byStatus: {},
    ok: 0,
    rateLimited: 0,
    clientErrors: 0,
    serverErrors: 0,
    aborted: 0,
    inFlight,
    peakInFlight,
    promptTokens: 0,
    completionTokens: 0,
    firstArrival: null,
    lastEnd: null,
  };
  for (const e of entries) {
    stats.byStatus[e.status] = (stats.byStatus[e.status] ?? 0) + 1;
    if (e.status === 200) stats.ok++;
    else if (e.status === 429) stats.rateLimited++;
    else if (e.status === 499) stats.aborted++;
    else if (e.status >= 500) stats.serverErrors++;
    else if (e.status >= 400) stats.clientErrors++;
    stats.promptTokens += e.promptTokens;
    stats.completionTokens += e.completionTokens;
    if (stats.firstArrival === null || e.arrival < stats.firstArrival) stats.firstArrival = e.arrival;
    if (stats.lastEnd === null || e.end > stats.lastEnd) stats.lastEnd = e.end;
  }
  return stats;
}
