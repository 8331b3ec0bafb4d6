import type { Runnable, RunnableConfig } from '@langchain/core/runnables';
import type { Task } from '../strategies/types.ts';

/**
 * Turns a LangChain Runnable — a chain, a chat model, a `RunnableLambda` — into the
 * per-input task every strategy and suite row runs: `(input, { signal }) =>
 * runnable.invoke(input, { ...config, signal })`. The strategy's signal goes through
 * `RunnableConfig.signal`, so Ctrl-C (or a strategy giving up) aborts the call in flight;
 * a `signal` in `config` is honoured too (either one aborts).
 *
 * @example
 * const chain = prompt.pipe(model).pipe(new StringOutputParser());
 * await abatch(docs, runnableTask(chain), { maxConcurrency: 10 });
 */
export function runnableTask<I, O>(runnable: Pick<Runnable<I, O>, 'invoke'>, config: RunnableConfig = {}): Task<I, O> {
  const own = config.signal;
  return (input, ctx) => runnable.invoke(input, { ...config, signal: own ? AbortSignal.any([own, ctx.signal]) : ctx.signal });
}
