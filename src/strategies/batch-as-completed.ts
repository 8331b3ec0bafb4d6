/** The `batchAsCompleted` strategy: a sliding pool that yields results in completion order. */
import { runPool } from './pool/pool.ts';
import type { PoolInputs, PoolStrategyOptions } from './pool/pool-options.ts';
import type { Task } from './types.ts';

/** Options of {@link batchAsCompleted}. */
export interface BatchAsCompletedOptions extends PoolStrategyOptions {
  /**
   * While this many results wait for a slow consumer, no new task starts (back-pressure).
   * Minimum: 1. @default 1024
   */
  highWaterMark?: number;
}

/**
 * LangChain's `batch_as_completed()` (the tutorial's section 5): yields `[index, output]` (or
 * `[index, Error]` with `returnExceptions`) in completion order, so the first results can be
 * shown while the rest still run. Bounded by `maxConcurrency` (unlimited when unset). Inputs —
 * an array, a sync or an async iterable — are read one per free slot, so 100k inputs never
 * become 100k pending promises. Work starts on the first `next()`; breaking out of the loop
 * stops scheduling and aborts the in-flight tasks' `ctx.signal`. Without `returnExceptions`,
 * the first failure is thrown (after the results that completed before it) and in-flight
 * tasks are aborted; an outer abort throws `signal.reason` at the next step.
 *
 * @example
 * for await (const [index, answer] of batchAsCompleted(questions, ask, { maxConcurrency: 10 })) {
 *   console.log(`#${index} done:`, answer);
 * }
 */
export function batchAsCompleted<I, O>(
  inputs: PoolInputs<I>,
  task: Task<I, O>,
  options?: BatchAsCompletedOptions & { returnExceptions?: false },
): AsyncIterableIterator<[index: number, result: O]>;
export function batchAsCompleted<I, O>(
  inputs: PoolInputs<I>,
  task: Task<I, O>,
  options: BatchAsCompletedOptions & { returnExceptions: true },
): AsyncIterableIterator<[index: number, result: O | Error]>;
export function batchAsCompleted<I, O>(
  inputs: PoolInputs<I>,
  task: Task<I, O>,
  options?: BatchAsCompletedOptions,
): AsyncIterableIterator<[index: number, result: O | Error]>;
export function batchAsCompleted<I, O>(
  inputs: PoolInputs<I>,
  task: Task<I, O>,
  options?: BatchAsCompletedOptions,
): AsyncIterableIterator<[index: number, result: O | Error]> {
  return runPool(inputs, task, { ...options, order: 'completion' });
}
