/** The `serial` strategy: one input at a time, the baseline. */
import { runPool } from './pool/pool.ts';
import type { PoolInputs, PoolStrategyOptions } from './pool/pool-options.ts';
import type { Task } from './types.ts';

/** Options of {@link serial}: every {@link PoolStrategyOptions} except `maxConcurrency` (always 1). */
export type SerialOptions = Omit<PoolStrategyOptions, 'maxConcurrency'>;

/**
 * Runs `task` over `inputs` one at a time, in order — the tutorial's baseline
 * `for x in inputs: chain.invoke(x)` (section 1.1): N inputs of latency T take N × T.
 * Results are in input order; with `returnExceptions` a failure sits at its index and the
 * next input still runs, otherwise the first failure rejects and nothing further starts.
 *
 * @example
 * const answers = await serial(questions, (q, { signal }) => client.chat.completions.create(req(q), { signal }));
 */
export function serial<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: SerialOptions & { returnExceptions?: false }): Promise<O[]>;
export function serial<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: SerialOptions & { returnExceptions: true }): Promise<Array<O | Error>>;
export function serial<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: SerialOptions): Promise<Array<O | Error>>;
export function serial<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: SerialOptions): Promise<Array<O | Error>> {
  return runPool(inputs, task, { ...options, maxConcurrency: 1 });
}
