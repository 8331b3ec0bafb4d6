/** The `chunked` strategy: fixed-size chunks with a barrier between them. */
import { abortReason } from '../core/clock.ts';
import { runPool } from './pool/pool.ts';
import type { PoolInputs, PoolStrategyOptions } from './pool/pool-options.ts';
import type { Task } from './types.ts';
import { checkNumberOption } from '../core/option-checks.ts';
import { resolveConcurrency } from './pool/concurrency.ts';

/** Options of {@link chunked}. */
export interface ChunkedOptions extends PoolStrategyOptions {
  /** Inputs per chunk; a chunk starts only when every input of the previous one has settled. Minimum: 1. */
  batchSize: number;
  /** Concurrency inside a chunk (the tutorial's `max_concurrency` passed to `abatch`). @default unlimited (the whole chunk) */
  maxConcurrency?: number | null;
}

/**
 * The tutorial's `DocumentProcessor.process_batch` (section 8): inputs cut into fixed chunks of
 * `batchSize`, each run like `Promise.all` (optionally bounded by `maxConcurrency`), with a
 * barrier between chunks. The barrier makes head-of-line blocking visible: a chunk takes as
 * long as its slowest input, so the total is the sum of the chunk maxima — slower than a
 * sliding pool of the same width ({@link abatch}). Results are in input order.
 *
 * @example
 * const results = await chunked(documents, summarize, { batchSize: 100, maxConcurrency: 20 });
 */
export function chunked<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: ChunkedOptions & { returnExceptions?: false }): Promise<O[]>;
export function chunked<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: ChunkedOptions & { returnExceptions: true }): Promise<Array<O | Error>>;
export function chunked<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: ChunkedOptions): Promise<Array<O | Error>>;
export function chunked<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: ChunkedOptions): Promise<Array<O | Error>> {
  const batchSize = checkNumberOption('batchSize', options?.batchSize, { min: 1, integer: true });
  let open = 0; // the chunk allowed to run; chunk open + 1 waits for its barrier
  let settled = 0; // inputs of chunk `open` that have settled
  let waiting: Array<() => void> = [];
  const beforeStart = (index: number, _input: I, signal: AbortSignal): Promise<void> | void => {
    if (Math.floor(index / batchSize) <= open) return;
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(abortReason(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      waiting.push(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  };
  const afterSettle = (): void => {
    if (++settled < batchSize) return;
    open++;
    settled = 0;
    const release = waiting;
    waiting = [];
    for (const start of release) start();
  };
  // A chunk never has more than batchSize inputs, so at most batchSize slots are ever useful.
  const limit = Math.min(batchSize, resolveConcurrency('maxConcurrency', options.maxConcurrency));
  return runPool(inputs, task, { ...options, maxConcurrency: limit, hooks: { beforeStart, afterSettle } });
}
