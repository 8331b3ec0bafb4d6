/** The `rateLimited` strategy: a sliding pool paced by client-side RPM and TPM limits. */
import { realClock } from '../core/real-clock.ts';
import { checkFunctionOption } from '../core/option-checks.ts';
import type { PoolInputs, PoolStrategyOptions } from './pool/pool-options.ts';
import { emitSafely } from './pool/emit-safely.ts';
import { runPool } from './pool/pool.ts';
import { readRateLimitHeaders } from './http/ratelimit-headers.ts';
import { RequestPacer, type Reservation } from './limiters/request-pacer.ts';
import { retryAfterMs } from './retry/retry-after.ts';
import { isRateLimitError } from './retry/retryable.ts';
import { estimateTokensRoughly, usageTokensOf } from './http/token-usage.ts';
import type { StrategyEvent, Task } from './types.ts';

/** Options for {@link rateLimited}. */
export interface RateLimitedOptions<I = never, O = never> extends PoolStrategyOptions {
  /** Requests per minute the client may send (the provider's RPM). Minimum: > 0. @default undefined (no request pacing) */
  rpm?: number;
  /** Tokens per minute the client may use (the provider's TPM). Minimum: > 0. @default undefined (no token pacing) */
  tpm?: number;
  /**
   * Token cost to reserve for an input before it starts (prompt plus `max_tokens`, as
   * OpenAI's TPM limiter counts it). Only used with `tpm`.
   * @default estimateTokensRoughly — about 4 characters per token of the input
   */
  estimateTokens?: (input: I) => number;
  /**
   * Tokens an output actually used; the reservation is settled with it (an overrun is
   * charged; see `refundUnused`). `undefined` keeps the estimate.
   * @default usageTokensOf — `usage.total_tokens`
   */
  usageOf?: (output: O) => number | undefined;
  /**
   * Give back the unused part of a reservation when the actual usage is lower. Leave off
   * for OpenAI and the mock provider, which charge the full reservation (prompt plus
   * `max_tokens`); turn on for providers that count actual usage. @default false
   */
  refundUnused?: boolean;
  /** Bucket capacities: how much may go out at once after idling. @default { requests: rpm, tokens: tpm } */
  burst?: { requests?: number; tokens?: number };
  /**
   * Lower the buckets to the server's `x-ratelimit-remaining-requests` / `-tokens`
   * headers (read from outputs and errors that carry headers) when the server has less
   * than this client thinks, e.g. because other clients share the key. @default false
   */
  adaptToHeaders?: boolean;
  /** On a 429 with `retry-after-ms` / `retry-after`, hold every new start that long. @default true */
  honourRetryAfter?: boolean;
}

/**
 * Runs `task` over `inputs` under client-side RPM and TPM limits: two continuously
 * refilled token buckets (OpenAI's model), first come first served, combined with
 * `maxConcurrency` (unlimited by default). Each input waits on the clock until one request
 * and its estimated tokens are available, reserves them, and settles the token reservation
 * with the actual usage when it finishes (overruns charged, refunds opt-in) — so the
 * provider never has to answer 429.
 * Every wait is reported as a `rate-limited` event (`reason` `'rpm'`, `'tpm'` or
 * `'retry-after'`). Results are in input order. Requests are not retried; wrap the task
 * in `withRetry` for that (retries then bypass the buckets).
 *
 * The tutorial (§7.2) picks a fixed concurrency per provider; a concurrency limit does not
 * bound requests per minute, this does.
 *
 * @example
 * const results = await rateLimited(prompts, callModel, {
 *   rpm: 500, tpm: 200_000,
 *   estimateTokens: (p) => Math.ceil(p.length / 4) + 256, // prompt + max_tokens
 * });
 */
export function rateLimited<I, O>(
  inputs: PoolInputs<I>,
  task: Task<I, O>,
  options?: RateLimitedOptions<I, O> & { returnExceptions?: false },
): Promise<O[]>;
export function rateLimited<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: RateLimitedOptions<I, O> & { returnExceptions: true }): Promise<Array<O | Error>>;
export function rateLimited<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: RateLimitedOptions<I, O>): Promise<Array<O | Error>>;
export function rateLimited<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: RateLimitedOptions<I, O> = {}): Promise<Array<O | Error>> {
  const {
    rpm,
    tpm,
    estimateTokens = estimateTokensRoughly,
    usageOf = usageTokensOf as (output: O) => number | undefined,
    burst = {},
    refundUnused = false,
    adaptToHeaders = false,
    honourRetryAfter = true,
    clock = realClock,
    onEvent,
    ...rest
  } = options;
  checkFunctionOption('estimateTokens', estimateTokens);
  checkFunctionOption('usageOf', usageOf);
  const pacer = new RequestPacer({ rpm, tpm, burstRequests: burst.requests, burstTokens: burst.tokens, refundUnused, clock });
  const reservations = new Map<number, Reservation>();
  const emit = (event: StrategyEvent): void => emitSafely(onEvent, event);

  const costOf = (index: number, input: I): number => {
    if (tpm === undefined) return 0;
    const tokens = estimateTokens(input);
    if (!(typeof tokens === 'number' && Number.isFinite(tokens) && tokens >= 0)) {
      throw new TypeError(`Expected \`estimateTokens\` to return a finite number from 0 and up for input ${index}, got \`${String(tokens)}\` (${typeof tokens})`);
    }
    return tokens;
  };

  return runPool(inputs, task, {
    ...rest,
    clock,
    onEvent,
    hooks: {
      async beforeStart(index, input, signal) {
        const reservation = await pacer.acquire(costOf(index, input), signal, (waitMs, reason) =>
          emit({ type: 'rate-limited', index, at: clock.now(), waitMs, reason }),
        );
        reservations.set(index, reservation);
      },
      afterSettle(index, _input, outcome) {
        const reservation = reservations.get(index);
        if (reservation === undefined) return;
        reservations.delete(index);
        if (outcome.ok && pacer.tokens !== undefined) {
          const used = usageOf(outcome.value as O);
          if (typeof used === 'number' && Number.isFinite(used) && used >= 0) pacer.settle(reservation, used);
        }
        if (!outcome.ok && honourRetryAfter && isRateLimitError(outcome.error)) {
          const hint = retryAfterMs(outcome.error);
          if (hint !== undefined) pacer.gate.pauseUntil(clock.now() + hint);
        }
        if (adaptToHeaders) {
          const headers = readRateLimitHeaders(outcome.ok ? outcome.value : outcome.error);
          pacer.sync(reservation, { requests: headers.remainingRequests, tokens: headers.remainingTokens });
        }
      },
    },
  });
}
