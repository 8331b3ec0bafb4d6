/** The adaptive strategy: a sliding pool whose concurrency follows the provider, run through an {@link AdaptiveGate}. */
import { checkFunctionOption, checkNumberOption } from '../core/option-checks.ts';
import { createRng } from '../core/random.ts';
import { realClock } from '../core/real-clock.ts';
import { AdaptiveGate, type LimitChange, type Permit } from './limiters/adaptive-gate.ts';
import { AimdLimit } from './limiters/aimd-limit.ts';
import type { Limit, LimitOutcome } from './limiters/limit.ts';
import { emitSafely } from './pool/emit-safely.ts';
import type { PoolInputs, PoolStrategyOptions } from './pool/pool-options.ts';
import { runPool } from './pool/pool.ts';
import { runWithTimeout } from './retry/attempt-timeout.ts';
import { backoffDelay } from './retry/backoff.ts';
import { retryAfterMs } from './retry/retry-after.ts';
import { isQuotaExhaustedError, isRateLimitError, isTimeoutError } from './retry/retryable.ts';
import type { StrategyEvent, Task } from './types.ts';

export type { LimitChange } from './limiters/adaptive-gate.ts';

/** Options for {@link adaptive}. */
export interface AdaptiveOptions extends PoolStrategyOptions {
  /**
   * The limit algorithm deciding how many attempts may be in flight; the strategy's
   * {@link AdaptiveGate} consults it before every start and feeds it every outcome. Use a
   * fresh one per call (it keeps state). `maxConcurrency` caps it.
   * @default new AimdLimit() — slow start from 4, ×0.9 on a drop, +1 per round trip
   */
  limiter?: Limit;
  /**
   * Which failures mean "overloaded" (cut the limit). Others neither raise nor cut it.
   * @default isOverloadError — a 429 (`error.status === 429`) other than `insufficient_quota`, or a timeout
   */
  isDrop?: (error: Error) => boolean;
  /**
   * Retries per input after a 429, each put back in the queue under the (now lower) limit;
   * past them the 429 fails the input. Finite so a 429 that never clears cannot retry
   * forever; an `insufficient_quota` 429 (billing, not load) is never retried.
   * Minimum: 0 (`Infinity` allowed). @default 10
   */
  rateLimitRetries?: number;
  /** Backoff ceiling of an input's first 429 retry without `retry-after`, in ms; doubles per retry (full jitter). Minimum: 0. @default 100 */
  retryBaseDelayMs?: number;
  /** Largest backoff ceiling for 429 retries, in ms. Minimum: `retryBaseDelayMs`. @default 10000 */
  retryMaxDelayMs?: number;
  /** On a 429 with `retry-after-ms` / `retry-after`, hold every new start until then. @default true */
  honourRetryAfter?: boolean;
  /** Time budget per attempt, in ms; a timed-out attempt is a drop and fails its input. Minimum: > 0. @default undefined */
  timeoutMs?: number;
  /** Seed for the retry jitter. @default 1 */
  seed?: number | string;
  /** Called with the initial limit and every change: the limit over time. */
  onLimitChange?: (change: LimitChange) => void;
}

/** Default of {@link AdaptiveOptions.rateLimitRetries}: 429 retries per input. */
export const DEFAULT_RATE_LIMIT_RETRIES = 10;

/**
 * True for the failures the default `isDrop` treats as overload: 429s and timeouts. An
 * `insufficient_quota` 429 is not overload (the account is out of credit), so it is not.
 */
export function isOverloadError(error: Error): boolean {
  return (isRateLimitError(error) && !isQuotaExhaustedError(error)) || isTimeoutError(error);
}

/**
 * A sliding pool whose concurrency follows the provider. Every start goes through an
 * {@link AdaptiveGate}, whose pluggable {@link Limit} algorithm
 * (AIMD with slow start by default, or a `GradientLimit`) sees every attempt and moves
 * the limit — up while requests succeed under load, down on each 429 or timeout. A 429 is
 * retried (up to `rateLimitRetries` times; never an `insufficient_quota` one): after its
 * backoff, which it waits out without holding a slot, the input goes back to the head of
 * the queue and waits for room under the lowered limit; a `retry-after` hint pauses all new
 * starts. No attempt starts while the attempts in flight reach the current limit.
 * Results are in input order.
 *
 * This is the tutorial's `AdaptiveConcurrency` (§4.3) done right: it reacts per request
 * instead of per batch, does not raise on the first error, and cuts once per overload
 * episode instead of once per failed request. Emits `limit-changed`, `retry` (429
 * retries) and `rate-limited` (pauses and backoffs) events besides the pool's.
 *
 * @example
 * const results = await adaptive(prompts, callModel, {
 *   maxConcurrency: 64,
 *   onLimitChange: ({ at, limit }) => console.log(at, limit),
 * });
 */
export function adaptive<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: AdaptiveOptions & { returnExceptions?: false }): Promise<O[]>;
export function adaptive<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: AdaptiveOptions & { returnExceptions: true }): Promise<Array<O | Error>>;
export function adaptive<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: AdaptiveOptions): Promise<Array<O | Error>>;
export function adaptive<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: AdaptiveOptions = {}): Promise<Array<O | Error>> {
  const {
    limiter = new AimdLimit(),
    isDrop = isOverloadError,
    rateLimitRetries = DEFAULT_RATE_LIMIT_RETRIES,
    retryBaseDelayMs = 100,
    retryMaxDelayMs = Math.max(10_000, retryBaseDelayMs),
    honourRetryAfter = true,
    timeoutMs,
    seed = 1,
    onLimitChange,
    clock = realClock,
    onEvent,
    ...rest
  } = options;
  if (typeof limiter !== 'object' || limiter === null || typeof limiter.onSample !== 'function') {
    throw new TypeError(`Expected \`limiter\` to be a Limit (an object with \`limit\` and \`onSample\`), got \`${String(limiter)}\` (${typeof limiter})`);
  }
  checkFunctionOption('task', task);
  checkFunctionOption('isDrop', isDrop);
  checkNumberOption('rateLimitRetries', rateLimitRetries, { min: 0, integer: true, allowInfinity: true });
  checkNumberOption('retryBaseDelayMs', retryBaseDelayMs, { min: 0 });
  checkNumberOption('retryMaxDelayMs', retryMaxDelayMs, { min: retryBaseDelayMs });
  if (timeoutMs !== undefined) checkNumberOption('timeoutMs', timeoutMs, { min: 0, exclusiveMin: true });
  if (typeof seed !== 'string') checkNumberOption('seed', seed);
  checkFunctionOption('onLimitChange', onLimitChange);
  const emit = (event: StrategyEvent): void => emitSafely(onEvent, event);
  const run: Task<I, O> =
    timeoutMs === undefined
      ? task
      : (input, ctx) => runWithTimeout((signal) => task(input, { ...ctx, signal }), { timeoutMs, clock, signal: ctx.signal, index: ctx.index, attempt: ctx.attempt });

  const gate = new AdaptiveGate({
    limit: limiter,
    maxConcurrency: rest.maxConcurrency ?? Number.POSITIVE_INFINITY,
    clock,
    onLimitChange(change) {
      emit({ type: 'limit-changed', ...change });
      onLimitChange?.(change);
    },
  });
  const permits = new Map<number, Permit>(); // index → the permit its running attempt holds
  const retriesOf = new Map<number, number>(); // index → 429 retries so far

  return runPool(inputs, run, {
    ...rest,
    clock,
    onEvent,
    hooks: {
      limit: () => gate.algorithmLimit,
      beforeStart(index, _input, signal) {
        const now = gate.tryAcquire();
        if (now !== undefined) {
          permits.set(index, now);
          return;
        }
        const onPause = (waitMs: number): void => emit({ type: 'rate-limited', index, at: clock.now(), waitMs, reason: 'retry-after' });
        return gate.acquire(signal, onPause).then((permit) => {
          permits.set(index, permit);
        });
      },
      afterSettle(index, _input, outcome, startedAt) {
        let kind: LimitOutcome = 'success';
        if (!outcome.ok) {
          kind = isDrop(outcome.error) ? 'dropped' : 'ignored';
          if (honourRetryAfter && isRateLimitError(outcome.error)) {
            const hint = retryAfterMs(outcome.error);
            if (hint !== undefined && hint > 0) gate.pauseUntil(clock.now() + hint);
          }
        }
        const permit = permits.get(index);
        if (permit === undefined) throw new Error(`Failed to settle input ${index}: it holds no permit.`);
        permits.delete(index);
        permit.release(kind, startedAt);
      },
      retry(index, _input, error, attempt) {
        if (!isRateLimitError(error) || isQuotaExhaustedError(error)) return false;
        const retries = retriesOf.get(index) ?? 0;
        if (retries >= rateLimitRetries) return false;
        retriesOf.set(index, retries + 1);
        const at = clock.now();
        if (honourRetryAfter && retryAfterMs(error) !== undefined) {
          // Back in the queue at once: it waits at the head in the global pause, which holds every start anyway.
          emit({ type: 'retry', index, attempt, at, delayMs: gate.pauseRemaining(at), error });
          return true;
        }
        const delayMs = backoffDelay(retries, { baseDelayMs: retryBaseDelayMs, maxDelayMs: retryMaxDelayMs, jitter: 'full' }, createRng(seed, 'adaptive', index, attempt).next());
        emit({ type: 'retry', index, attempt, at, delayMs, error });
        if (delayMs > 0) emit({ type: 'rate-limited', index, at, waitMs: delayMs, reason: 'backoff' });
        // The pool requeues it after the backoff; meanwhile its slot is free for other inputs.
        return delayMs;
      },
    },
  });
}
