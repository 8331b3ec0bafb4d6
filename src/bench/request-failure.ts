import { isTimeoutError } from '../strategies/retry/retryable.ts';
import { headersOf, readHeader } from '../strategies/http/response-headers.ts';

/**
 * A task's failure as a suite row keeps it: name, message, HTTP status, error code and
 * type, and the headers the strategies read (`retry-after*`, `x-ratelimit-*`) — not the
 * SDK error's stack, request, full headers and body, which cost kilobytes per failure and
 * would make a long run with many 429s run out of memory.
 */
export class RequestFailure extends Error {
  constructor(
    message: string,
    override readonly name: string,
    /** HTTP status, when the failure was an HTTP answer. */
    readonly status: number | undefined,
    readonly code: string | undefined,
    readonly type: string | undefined,
    /** OpenAI's error body fields, where retry checks look for `insufficient_quota`. */
    readonly error: { code: string | undefined; type: string | undefined } | undefined,
    /** The rate-limit and retry headers of the answer, by lower-case name. */
    readonly headers: Readonly<Record<string, string>> | undefined,
  ) {
    super(message);
  }
}

const KEPT_HEADERS = [
  'retry-after', 'retry-after-ms', 'x-ratelimit-limit-requests', 'x-ratelimit-limit-tokens', 'x-ratelimit-remaining-requests',
  'x-ratelimit-remaining-tokens', 'x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens',
];

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * One copy of each message, header set and error body seen — a run's failures repeat a few
 * hundred distinct ones (a 429's wording differs only in its wait) — up to a fixed number.
 */
const MAX_SHARED = 10_000;
const shared = new Map<string, unknown>();
function share<T>(key: string, value: T): T {
  const known = shared.get(key);
  if (known !== undefined) return known as T;
  if (shared.size < MAX_SHARED) shared.set(key, value);
  return value;
}

/** The compact form of whatever a task threw; strategies' checks see the same status, codes and headers. */
export function compactFailure(thrown: unknown): Error {
  if (!(thrown instanceof Error) || thrown instanceof RequestFailure) return thrown instanceof Error ? thrown : new Error(String(thrown));
  const source = thrown as Error & { status?: unknown; code?: unknown; type?: unknown; error?: unknown };
  const headers = headersOf(thrown);
  let kept: Record<string, string> | undefined;
  if (headers !== undefined) {
    const fields: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = readHeader(headers, name);
      if (value !== undefined) fields[name] = value;
    }
    kept = share(`h${JSON.stringify(fields)}`, Object.freeze(fields));
  }
  const raw = typeof source.error === 'object' && source.error !== null ? (source.error as Record<string, unknown>) : undefined;
  const body = raw && Object.freeze({ code: stringOrUndefined(raw.code), type: stringOrUndefined(raw.type) });
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0; // no stack: it is the SDK's, and costs more than everything else kept
  try {
    return new RequestFailure(
      share(`m${thrown.message}`, thrown.message),
      // A timeout keeps the name the retry checks recognise.
      isTimeoutError(thrown) ? 'TimeoutError' : thrown.name,
      typeof source.status === 'number' ? source.status : undefined,
      stringOrUndefined(source.code),
      stringOrUndefined(source.type),
      body && share(`b${JSON.stringify(body)}`, body),
      kept,
    );
  } finally {
    Error.stackTraceLimit = limit;
  }
}
