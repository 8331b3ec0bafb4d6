/** The `batch` strategy: LangChain's `batch` as a sliding pool, by default at min(32, CPUs + 4). */
import { availableParallelism } from 'node:os';
import { runPool } from './pool/pool.ts';
import type { PoolInputs, PoolStrategyOptions } from './pool/pool-options.ts';
import type { Task } from './types.ts';

/**
 * The pool size {@link batch} uses when `maxConcurrency` is unset: `min(32, cpus + 4)`, the
 * default `max_workers` of Python's `ThreadPoolExecutor`, which LangChain's `batch()` runs on.
 */
export function defaultBatchConcurrency(): number {
  return Math.min(32, availableParallelism() + 4);
}

/**
 * LangChain's `batch()` (the tutorial's section 2): a sliding pool — a new input starts as soon as any
 * running one settles — with results in input order. Unlike {@link abatch} it is bounded by
 * default: `maxConcurrency` unset (or `null`) means {@link defaultBatchConcurrency}, i.e.
 * `min(32, cpus + 4)` like Python's thread pool; pass `Infinity` for unlimited.
 *
 * @example
 * const summaries = await batch(docs, summarize, { maxConcurrency: 10, returnExceptions: true });
 */
export function batch<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: PoolStrategyOptions & { returnExceptions?: false }): Promise<O[]>;
export function batch<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: PoolStrategyOptions & { returnExceptions: true }): Promise<Array<O | Error>>;
export function batch<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: PoolStrategyOptions): Promise<Array<O | Error>>;
export function batch<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: PoolStrategyOptions): Promise<Array<O | Error>> {
  const maxConcurrency = options?.maxConcurrency ?? defaultBatchConcurrency();
  return runPool(inputs, task, { ...options, maxConcurrency });
}
