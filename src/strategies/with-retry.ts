/** The `withRetry` wrapper: retries a task's transient failures with backoff and jitter. */
import { abortReason, type Clock } from '../core/clock.ts';
import { createRng } from '../core/random.ts';
import { realClock } from '../core/real-clock.ts';
import { runWithTimeout } from './retry/attempt-timeout.ts';
import { backoffDelay, JITTER_MODES, type Jitter } from './retry/backoff.ts';
import { checkEnumOption, checkFunctionOption, checkNumberOption } from '../core/option-checks.ts';
import { retryAfterMs } from './retry/retry-after.ts';
import { isRetryableError } from './retry/retryable.ts';
import { emitSafely } from './pool/emit-safely.ts';
import { toError } from './pool/to-error.ts';
import type { StrategyEvent, Task } from './types.ts';

/** Options for {@link withRetry}. */
export interface RetryOptions {
  /** Total attempts per input, including the first (LangChain's `stop_after_attempt`). Minimum: 1. @default 3 */
  attempts?: number;
  /** Backoff ceiling before the first retry, in ms; doubles per retry. Minimum: 0. @default 500 (openai-node) */
  baseDelayMs?: number;
  /** Largest backoff ceiling, in ms. Minimum: `baseDelayMs`. @default 8000 (openai-node), or `baseDelayMs` if larger */
  maxDelayMs?: number;
  /**
   * How the ceiling becomes a delay: `'full'` U[0, c), `'equal'` U[c/2, c), `'openai'`
   * c·(1 − U·0.25) ∈ (0.75c, c] as openai-node 6 retries, `'none'` c. @default 'full'
   */
  jitter?: Jitter;
  /** Seed for the jitter; each (input index, attempt) gets its own reproducible draw. @default 1 */
  seed?: number | string;
  /**
   * Time budget per attempt, in ms on the clock. When it runs out the attempt's
   * `ctx.signal` aborts and the attempt fails with an `AttemptTimeoutError` (retryable).
   * Minimum: > 0. @default undefined (no budget)
   */
  timeoutMs?: number;
  /**
   * Decides whether a failed attempt is retried. Never called for an outer abort.
   * @default isRetryableError — 408, 409, 429, 5xx and timeouts; never 400/401/403/404,
   * nor an `insufficient_quota` 429
   */
  retryOn?: (error: Error, attempt: number) => boolean;
  /**
   * Wait exactly what the server asked for (`retry-after-ms`, `retry-after`) instead of
   * the backoff, when the hint is at most `maxRetryAfterMs`. @default true
   */
  honourRetryAfter?: boolean;
  /** Longest server hint honoured; longer hints fall back to the backoff (as openai-node does). Minimum: 0. @default 60000 */
  maxRetryAfterMs?: number;
  /** Source of time for backoff waits and timeouts. @default realClock */
  clock?: Clock;
  /** Receives a `retry` event for every retry; must not throw. */
  onEvent?: (event: StrategyEvent) => void;
}

/**
 * Wraps `task` so transient failures are retried with exponential backoff and jitter —
 * LangChain's `with_retry` (the tutorial's §8, `llm.with_retry(stop_after_attempt=3)`), with the
 * HTTP rules of openai-node: `retry-after-ms` / `retry-after` are honoured exactly, only
 * 408/409/429/5xx and timeouts are retried by default. Every wait is on the clock and
 * stops at once when `ctx.signal` aborts. The wrapped task sees `ctx.attempt` counting
 * up from the caller's, so it composes inside any pool strategy.
 *
 * @example
 * const robust = withRetry(callModel, { attempts: 5, timeoutMs: 30_000 });
 * const results = await abatch(prompts, robust, { maxConcurrency: 20 });
 */
export function withRetry<I, O>(task: Task<I, O>, options: RetryOptions = {}): Task<I, O> {
  const {
    attempts = 3,
    baseDelayMs = 500,
    maxDelayMs = Math.max(8000, baseDelayMs),
    jitter = 'full',
    seed = 1,
    timeoutMs,
    retryOn = isRetryableError,
    honourRetryAfter = true,
    maxRetryAfterMs = 60_000,
    clock = realClock,
    onEvent,
  } = options;
  checkFunctionOption('task', task);
  checkNumberOption('attempts', attempts, { min: 1, integer: true });
  checkNumberOption('baseDelayMs', baseDelayMs, { min: 0 });
  checkNumberOption('maxDelayMs', maxDelayMs, { min: baseDelayMs });
  checkEnumOption('jitter', jitter, JITTER_MODES);
  if (typeof seed !== 'string') checkNumberOption('seed', seed);
  if (timeoutMs !== undefined) checkNumberOption('timeoutMs', timeoutMs, { min: 0, exclusiveMin: true });
  checkFunctionOption('retryOn', retryOn);
  checkNumberOption('maxRetryAfterMs', maxRetryAfterMs, { min: 0 });
  checkFunctionOption('onEvent', onEvent);
  const backoff = { baseDelayMs, maxDelayMs, jitter };

  const delayFor = (error: Error, index: number, attempt: number, retry: number): number => {
    if (honourRetryAfter) {
      const hint = retryAfterMs(error);
      if (hint !== undefined && hint <= maxRetryAfterMs) return hint;
    }
    return backoffDelay(retry, backoff, createRng(seed, 'withRetry', index, attempt).next());
  };

  return async (input, ctx) => {
    const { signal, index } = ctx;
    for (let retry = 0; ; retry++) {
      if (signal.aborted) throw abortReason(signal);
      const attempt = ctx.attempt + retry;
      try {
        return await runWithTimeout((attemptSignal) => task(input, { signal: attemptSignal, attempt, index }), {
          timeoutMs,
          clock,
          signal,
          index,
          attempt,
        });
      } catch (thrown) {
        if (signal.aborted) throw abortReason(signal);
        const error = toError(thrown, `the task for input ${index}`);
        if (retry + 1 >= attempts || !retryOn(error, attempt)) throw thrown;
        const delayMs = delayFor(error, index, attempt, retry);
        emitSafely(onEvent, { type: 'retry', index, attempt, at: clock.now(), delayMs, error });
        await clock.sleep(delayMs, signal);
      }
    }
  };
}
