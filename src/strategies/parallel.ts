/** The `parallel` strategy: LangChain's `RunnableParallel`, branches of one input run concurrently. */
import { runPool } from './pool/pool.ts';
import type { PoolStrategyOptions } from './pool/pool-options.ts';
import type { Task, TaskContext } from './types.ts';

/**
 * Options of {@link parallel}. The per-call signal is the caller's `ctx.signal`; `onEvent`
 * events use the branch position (in key order) as `index`.
 */
export type ParallelOptions = Omit<PoolStrategyOptions, 'signal'>;

/** Any task, as a branch of {@link parallel}. */
export type Branch = (input: never, ctx: TaskContext) => Promise<unknown>;

type InputOf<T> = T extends (input: infer X, ctx: TaskContext) => unknown ? X : never;

/** The input every branch accepts (the intersection of the branches' input types). */
export type ParallelInput<B extends Record<string, Branch>> = {
  [K in keyof B]: (input: InputOf<B[K]>) => void;
}[keyof B] extends (input: infer I) => void
  ? I
  : never;

/**
 * The object {@link parallel}'s task resolves with: one key per branch, in branch order. `E` is
 * added to every value: `never` by default, `Error` with `returnExceptions`.
 */
export type ParallelOutput<B extends Record<string, Branch>, E = never> = { [K in keyof B]: Awaited<ReturnType<B[K]>> | E };

/**
 * LangChain's `RunnableParallel` (the tutorial's section 6): runs every named branch on the same input
 * concurrently and returns one object keyed in branch order — T1 + T2 + T3 becomes
 * max(T1, T2, T3). The result is itself a task, so it composes with the pools; nesting
 * multiplies in-flight requests (`abatch` at 10 over 3 branches sends up to 30), so pass a
 * shared `gauge` (`InFlightGauge`) to see the effective count. Branches get the caller's
 * `signal`, `attempt` and `index`; the first branch failure aborts the others and rejects,
 * unless `returnExceptions` puts the error under its key. `maxConcurrency` bounds branches.
 *
 * @example
 * const analyse = parallel({ summary: summarize, keywords: extractKeywords, sentiment: classify });
 * const { summary, keywords, sentiment } = await analyse(text, ctx);
 */
export function parallel<B extends Record<string, Branch>>(
  branches: B,
  options?: ParallelOptions & { returnExceptions?: false },
): Task<ParallelInput<B>, ParallelOutput<B>>;
export function parallel<B extends Record<string, Branch>>(
  branches: B,
  options: ParallelOptions & { returnExceptions: true },
): Task<ParallelInput<B>, ParallelOutput<B, Error>>;
export function parallel<B extends Record<string, Branch>>(branches: B, options?: ParallelOptions): Task<ParallelInput<B>, ParallelOutput<B, Error>>;
export function parallel<B extends Record<string, Branch>>(branches: B, options?: ParallelOptions): Task<ParallelInput<B>, ParallelOutput<B, Error>> {
  if (branches === null || typeof branches !== 'object') {
    throw new TypeError(`Expected \`branches\` to be an object of tasks, got \`${String(branches)}\` (${typeof branches})`);
  }
  const names = Object.keys(branches);
  const tasks = names.map((name) => {
    const branch: unknown = branches[name];
    if (typeof branch !== 'function') {
      throw new TypeError(`Expected branch \`${name}\` to be a task function, got \`${String(branch)}\` (${typeof branch})`);
    }
    return branch as Task<ParallelInput<B>, unknown>;
  });
  return async (input, ctx) => {
    const runBranch = (branch: Task<ParallelInput<B>, unknown>, branchCtx: TaskContext): Promise<unknown> =>
      branch(input, { signal: branchCtx.signal, attempt: ctx.attempt, index: ctx.index });
    const results = await runPool(tasks, runBranch, { ...options, signal: ctx.signal });
    const output: Record<string, unknown> = {};
    names.forEach((name, i) => (output[name] = results[i]));
    return output as ParallelOutput<B, Error>;
  };
}
