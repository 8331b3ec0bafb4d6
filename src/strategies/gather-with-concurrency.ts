/** The `gatherWithConcurrency` strategy: a semaphore over lazy thunks. */
import { runPool } from './pool/pool.ts';
import type { PoolInputs, PoolStrategyOptions } from './pool/pool-options.ts';
import type { TaskContext } from './types.ts';
import { resolveConcurrency } from './pool/concurrency.ts';

/**
 * Deferred work for {@link gatherWithConcurrency}: nothing may start until it is called. It
 * receives the pool's {@link TaskContext} (signal, attempt, index) and may ignore it.
 */
export type Thunk<O> = (ctx: TaskContext) => Promise<O>;

/** Options of {@link gatherWithConcurrency}: the limit is the `n` argument. */
export type GatherOptions = Omit<PoolStrategyOptions, 'maxConcurrency'>;

/**
 * LangChain's `gather_with_concurrency(n, *coros)` (the tutorial's section 4): a semaphore over lazy work.
 * Python coroutines do not run until awaited, so the JS port takes thunks `() => Promise` and
 * calls each only when one of the `n` slots is free. `n` null (or Infinity) means unlimited.
 * Results are in thunk order. See `eagerGather` (pitfalls/eager-gather.ts) for the tempting version that limits nothing.
 *
 * @example
 * const thunks = urls.map((url) => ({ signal }: TaskContext) => fetchSummary(url, signal));
 * const summaries = await gatherWithConcurrency(10, thunks);
 */
export function gatherWithConcurrency<O>(n: number | null, thunks: PoolInputs<Thunk<O>>, options?: GatherOptions & { returnExceptions?: false }): Promise<O[]>;
export function gatherWithConcurrency<O>(n: number | null, thunks: PoolInputs<Thunk<O>>, options: GatherOptions & { returnExceptions: true }): Promise<Array<O | Error>>;
export function gatherWithConcurrency<O>(n: number | null, thunks: PoolInputs<Thunk<O>>, options?: GatherOptions): Promise<Array<O | Error>>;
export function gatherWithConcurrency<O>(n: number | null, thunks: PoolInputs<Thunk<O>>, options?: GatherOptions): Promise<Array<O | Error>> {
  const maxConcurrency = resolveConcurrency('n', n);
  return runPool(thunks, callThunk, { ...options, maxConcurrency });
}

function callThunk<O>(thunk: Thunk<O>, ctx: TaskContext): Promise<O> {
  return thunk(ctx);
}
