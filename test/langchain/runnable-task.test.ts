/** runnableTask(): a LangChain Runnable as the per-input task of every strategy. */
import { RunnableLambda, type RunnableConfig } from '@langchain/core/runnables';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { runnableTask } from '../../src/langchain/runnable-task.ts';
import { abatch } from '../../src/strategies/abatch.ts';

describe('runnableTask()', () => {
  it('hands the strategy signal to the Runnable as RunnableConfig.signal', async () => {
    const seen: Array<AbortSignal | undefined> = [];
    const runnable = RunnableLambda.from(async (x: number, config?: RunnableConfig) => {
      seen.push(config?.signal);
      return x;
    });
    const controller = new AbortController();
    await runnableTask(runnable)(1, { signal: controller.signal, attempt: 1, index: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.aborted).toBe(false);
    controller.abort();
    expect(seen[0]?.aborted, 'aborting the strategy signal aborts the one the Runnable got').toBe(true);
  });

  it('aborts a call in flight: invoke rejects at the abort, not when the work would have ended', async () => {
    const clock = new VirtualClock();
    const runnable = RunnableLambda.from(async (ms: number, config?: RunnableConfig) => {
      await clock.sleep(ms, config?.signal);
      return ms;
    });
    const controller = new AbortController();
    const settled = clock.run(async () => {
      void clock.sleep(1_000).then(() => controller.abort());
      return runnableTask(runnable)(60_000, { signal: controller.signal, attempt: 1, index: 0 }).then(() => 'done', () => `aborted at ${clock.now()}`);
    });
    await expect(settled).resolves.toBe('aborted at 1000');
  });

  it('keeps a signal of its own config: either one aborts', async () => {
    const own = new AbortController();
    let signal: AbortSignal | undefined;
    const runnable = RunnableLambda.from(async (x: number, config?: RunnableConfig) => {
      signal = config?.signal;
      return x;
    });
    await runnableTask(runnable, { signal: own.signal })(1, { signal: new AbortController().signal, attempt: 1, index: 0 });
    own.abort();
    expect(signal?.aborted).toBe(true);
  });

  it('through abatch, maps each output and each error to its input index', async () => {
    const runnable = RunnableLambda.from(async (x: number) => {
      if (x % 3 === 0) throw new Error(`no ${x}`);
      return x * 10;
    });
    const results = await abatch([1, 2, 3, 4, 5, 6], runnableTask(runnable), { maxConcurrency: 2, returnExceptions: true });
    expect(results.map((r) => (r instanceof Error ? r.message : r))).toEqual([10, 20, 'no 3', 40, 50, 'no 6']);
  });
});
