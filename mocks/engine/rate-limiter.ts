/**
 * OpenAI-style RPM/TPM rate limiting with token buckets, and the `x-ratelimit-*` headers it
 * reports.
 */
import { formatGoDuration, TokenBucket } from '../../src/core/index.ts';

/** RPM/TPM limits; `null` turns a dimension off. */
export interface RateLimits {
  /** Requests per minute. */
  rpm: number | null;
  /** Tokens per minute (prompt estimate + `max_tokens`, see `tokens.ts`). */
  tpm: number | null;
  /** Request bucket size. @default rpm */
  burstRequests: number | null;
  /** Token bucket size. @default tpm */
  burstTokens: number | null;
}

/** Which limit rejected a request, as OpenAI's 429 body `type` names it. */
export type RateLimitKind = 'requests' | 'tokens';

/** Why a request was rejected, with the numbers OpenAI's 429 message and headers carry. */
export interface RateLimitRejection {
  kind: RateLimitKind;
  /** The per-minute limit. */
  limit: number;
  /** How much of the bucket is in use (capacity − available, rounded). */
  used: number;
  /** What this request asked for (1 request, or its token reservation). */
  requested: number;
  /** Milliseconds until the bucket holds `requested` (rounded up); `null` if it never will. */
  retryAfterMs: number | null;
}

/**
 * OpenAI-style rate limiting: a continuously refilled token bucket per dimension. A request
 * is admitted only if both buckets can pay (requests are checked first, as OpenAI does);
 * otherwise nothing is taken. Pure: every call takes the current time.
 */
export class RateLimiter {
  readonly #requests: TokenBucket | null;
  readonly #tokens: TokenBucket | null;

  constructor(limits: RateLimits, now: number) {
    this.#requests = limits.rpm === null ? null : new TokenBucket({ perMinute: limits.rpm, capacity: limits.burstRequests ?? limits.rpm, now });
    this.#tokens = limits.tpm === null ? null : new TokenBucket({ perMinute: limits.tpm, capacity: limits.burstTokens ?? limits.tpm, now });
  }

  /** Admits one request reserving `tokens` at `now`, or says why not (taking nothing). */
  admit(tokens: number, now: number): RateLimitRejection | null {
    const requests = this.#requests;
    const tokenBucket = this.#tokens;
    if (requests !== null && requests.waitTime(1, now) > 0) return rejection('requests', requests, 1, now);
    if (tokenBucket !== null && tokenBucket.waitTime(tokens, now) > 0) return rejection('tokens', tokenBucket, tokens, now);
    requests?.tryTake(1, now);
    tokenBucket?.tryTake(tokens, now);
    return null;
  }

  /** Charges `tokens` more than were reserved (may drive the token bucket below 0). */
  charge(tokens: number, now: number): void {
    if (tokens > 0) this.#tokens?.adjust(-tokens, now);
  }

  /** The six `x-ratelimit-*` headers for the dimensions that are limited. */
  headers(now: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, bucket] of [['requests', this.#requests], ['tokens', this.#tokens]] as const) {
      if (bucket === null) continue;
      out[`x-ratelimit-limit-${name}`] = String(bucket.perMinute);
      out[`x-ratelimit-remaining-${name}`] = String(Math.max(0, Math.floor(bucket.available(now) + 1e-9)));
      out[`x-ratelimit-reset-${name}`] = formatGoDuration(waitMs(bucket, bucket.capacity, now));
    }
    return out;
  }
}

/**
 * Tokens of float noise tolerated when rounding a wait up to whole milliseconds: half the
 * token bucket's own acceptance slack (1e-9), so a client that waits the rounded time is
 * always admitted, while noise such as 1.0000000000000009 ms still rounds to 1 ms.
 */
const ROUNDING_SLACK_TOKENS = 5e-10;

/** Milliseconds until `amount` tokens are available, rounded up to a whole millisecond. */
function waitMs(bucket: TokenBucket, amount: number, now: number): number {
  const wait = bucket.waitTime(amount, now);
  return wait <= 0 ? 0 : Math.max(1, Math.ceil(wait - ROUNDING_SLACK_TOKENS / bucket.ratePerMs));
}

function rejection(kind: RateLimitKind, bucket: TokenBucket, requested: number, now: number): RateLimitRejection {
  const available = bucket.available(now);
  return {
    kind,
    limit: bucket.perMinute,
    used: Math.max(0, Math.round(bucket.capacity - available)),
    requested,
    // Rounded up, so a client that waits exactly this long is admitted.
    retryAfterMs: requested > bucket.capacity ? null : waitMs(bucket, requested, now),
  };
}
