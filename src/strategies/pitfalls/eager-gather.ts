/** A deliberately wrong "semaphore" over already-started promises: the eager-promise pitfall, kept for benchmarks; not in the public index. */
import { gatherWithConcurrency, type GatherOptions } from '../gather-with-concurrency.ts';

/**
 * The JavaScript pitfall, kept so benchmarks can show it: a "semaphore" over promises that
 * already exist. A promise is eager — the request started when it was created — so limiting
 * how many are *awaited* at once limits nothing: 100 promises of 1 s finish in 1 s with 100 in
 * flight whatever `n` is. Use {@link gatherWithConcurrency} with thunks instead. Every promise
 * is observed at once, so one that rejects before its turn is not an unhandled rejection.
 *
 * @example
 * // Looks bounded, is not: every request below is already running.
 * await eagerGather(10, prompts.map((p) => llm.invoke(p)));
 */
export function eagerGather<O>(n: number | null, promises: Iterable<PromiseLike<O>>, options?: GatherOptions & { returnExceptions?: false }): Promise<O[]>;
export function eagerGather<O>(n: number | null, promises: Iterable<PromiseLike<O>>, options: GatherOptions & { returnExceptions: true }): Promise<Array<O | Error>>;
export function eagerGather<O>(n: number | null, promises: Iterable<PromiseLike<O>>, options?: GatherOptions): Promise<Array<O | Error>>;
export function eagerGather<O>(n: number | null, promises: Iterable<PromiseLike<O>>, options?: GatherOptions): Promise<Array<O | Error>> {
  const started = Array.from(promises, (promise) => Promise.resolve(promise));
  for (const promise of started) promise.catch(() => undefined); // handled now; the gather still sees it
  return gatherWithConcurrency(n, started.map((promise) => () => promise), options);
}
