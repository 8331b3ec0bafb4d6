/** The `abatch` strategy: LangChain's `abatch` as a sliding pool, unbounded unless `maxConcurrency` is set. */
import { runPool } from './pool/pool.ts';
import type { PoolInputs, PoolStrategyOptions } from './pool/pool-options.ts';
import type { Task } from './types.ts';

/**
 * LangChain's `abatch()` (the tutorial's section 3): a sliding pool over async tasks, results in input
 * order — in Python it is `gather_with_concurrency(max_concurrency, ...)`. Unlimited unless
 * `maxConcurrency` is set: 100 inputs of 1 s finish in 1 s unlimited, 10 s at 10.
 *
 * @example
 * const outputs = await abatch(prompts, (p, { signal }) => llm.invoke(p, { signal }), { maxConcurrency: 20 });
 */
export function abatch<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: PoolStrategyOptions & { returnExceptions?: false }): Promise<O[]>;
export function abatch<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: PoolStrategyOptions & { returnExceptions: true }): Promise<Array<O | Error>>;
export function abatch<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: PoolStrategyOptions): Promise<Array<O | Error>>;
export function abatch<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: PoolStrategyOptions): Promise<Array<O | Error>> {
  return runPool(inputs, task, options);
}
