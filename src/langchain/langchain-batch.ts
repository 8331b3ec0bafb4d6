import { poolStrategy, type RowStrategy, type RowStrategyCallOptions } from '../bench/row-strategy.ts';
import type { Task } from '../strategies/types.ts';
import { loadRunnables } from './load-optional.ts';

/**
 * LangChain.js's own scheduler, `Runnable.batch`, as a strategy: the task becomes a
 * `RunnableLambda` and LangChain runs it over the inputs with
 * `batch(inputs, { maxConcurrency, signal }, { returnExceptions: true })` (the config given
 * per input, so each call gets its own child of `signal`) — its
 * `AsyncCaller` (a p-queue) decides what starts when, not this toolkit's pool. One slot per
 * input, in input order: the output, or the `Error` it failed with; never a rejection.
 * `@langchain/core` loads on the first call.
 */
export async function runnableBatch<I, O>(inputs: readonly I[], task: Task<I, O>, options: Pick<RowStrategyCallOptions, 'maxConcurrency' | 'signal'>): Promise<Array<O | Error>> {
  const { RunnableLambda } = await loadRunnables();
  const { signal } = options;
  // The index rides along with the input: LangChain hands a lambda only its input and config.
  // After an abort LangChain still calls the lambda for every queued input; those fail here
  // without calling the task. A rejection that is not an Error becomes one.
  const lambda = RunnableLambda.from(async ({ input, index }: { input: I; index: number }, config) => {
    const own = config?.signal ?? signal;
    own.throwIfAborted();
    return task(input, { signal: own, attempt: 1, index }).catch((error: unknown) => {
      throw error instanceof Error ? error : new Error(String(error));
    });
  });
  // One config per input, each with its own child of the signal: LangChain adds an abort
  // listener per call to the signal it is given, and a shared one would collect hundreds.
  const maxConcurrency = options.maxConcurrency ?? undefined;
  const settled = await lambda.batch(
    inputs.map((input, index) => ({ input, index })),
    inputs.map(() => ({ maxConcurrency, signal: AbortSignal.any([signal]) })),
    { returnExceptions: true },
  );
  return settled;
}

/**
 * The `langchainBatch` row strategy: {@link runnableBatch} with the sliding-pool ideal over
 * `maxConcurrency` (unlimited when unset, LangChain's default), so it shares a table, an
 * ideal and every metric with `abatch` at the same concurrency. Name it in a row as an object:
 * `{ name: 'langchain-batch', strategy: langchainBatch, options: { maxConcurrency: 20 } }`.
 */
export const langchainBatch: RowStrategy = poolStrategy(
  'langchainBatch',
  "LangChain.js's own Runnable.batch() scheduler: a p-queue of maxConcurrency (unlimited unless set)",
  runnableBatch,
);
