/** langchainBatch: LangChain.js's Runnable.batch scheduler as a row strategy. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { langchainBatch, runnableBatch } from '../../src/langchain/langchain-batch.ts';
import { abatch } from '../../src/strategies/abatch.ts';
import type { Task } from '../../src/strategies/types.ts';

/** Runs `schedule` over inputs whose value is their latency in ms; returns the makespan and the peak in flight. */
async function timed(latencies: number[], schedule: (task: Task<number, number>, clock: VirtualClock) => Promise<unknown[]>) {
  const clock = new VirtualClock();
  let inFlight = 0;
  let peak = 0;
  const task: Task<number, number> = async (ms, { signal }) => {
    peak = Math.max(peak, ++inFlight);
    try {
      await clock.sleep(ms, signal);
      return ms;
    } finally {
      inFlight--;
    }
  };
  const results = await clock.run(() => schedule(task, clock));
  return { makespan: clock.now(), peak, results };
}

const LATENCIES = Array.from({ length: 100 }, (_, i) => 1000 + ((i * 7919) % 13) * 150);
const signal = new AbortController().signal;

describe('runnableBatch() (langchainBatch)', () => {
  it.each([1, 3, 10, 20, 100])('gives the same makespan as abatch at maxConcurrency %i, and never exceeds it', async (limit) => {
    const ours = await timed(LATENCIES, (task, clock) => abatch(LATENCIES, task, { clock, maxConcurrency: limit }));
    const theirs = await timed(LATENCIES, (task) => runnableBatch(LATENCIES, task, { maxConcurrency: limit, signal }));
    expect(theirs.makespan).toBe(ours.makespan);
    expect(theirs.peak).toBe(limit);
    expect(theirs.results).toEqual(LATENCIES);
  });

  it('is unlimited without maxConcurrency, as LangChain is by default', async () => {
    const { makespan, peak } = await timed(LATENCIES, (task) => runnableBatch(LATENCIES, task, { maxConcurrency: null, signal }));
    expect([makespan, peak]).toEqual([Math.max(...LATENCIES), LATENCIES.length]);
  });

  it('puts each error at its index and passes the index to the task', async () => {
    const task: Task<number, string> = async (x, { index }) => {
      if (x === 2) throw new Error('two');
      if (x === 4) throw 'four'; // a non-Error rejection, on purpose
      return `${x}@${index}`;
    };
    const results = await runnableBatch([1, 2, 3, 4], task, { maxConcurrency: 2, signal });
    expect(results.map((r) => (r instanceof Error ? `Error: ${r.message}` : r))).toEqual(['1@0', 'Error: two', '3@2', 'Error: four']);
  });

  it('stops on abort: the call in flight gets the signal, the rest never start', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    let started = 0;
    const task: Task<number, number> = async (ms, ctx) => {
      started++;
      await clock.sleep(ms, ctx.signal);
      return ms;
    };
    const results = await clock.run(async () => {
      void clock.sleep(1500).then(() => controller.abort());
      return runnableBatch([1000, 1000, 1000, 1000], task, { maxConcurrency: 1, signal: controller.signal });
    });
    expect(clock.now()).toBe(1500);
    expect(started).toBe(2);
    expect(results[0]).toBe(1000);
    expect(results.slice(1).every((r) => r instanceof Error)).toBe(true);
  });

  it('is a pool row: the sliding-pool ideal over maxConcurrency, which --concurrency overrides', () => {
    expect(langchainBatch.name).toBe('langchainBatch');
    expect(langchainBatch.policy({ maxConcurrency: 20 })).toEqual({ kind: 'pool', slots: 20 });
    expect(langchainBatch.concurrency({})).toBe(Number.POSITIVE_INFINITY);
    expect(langchainBatch.limitOption).toBe('maxConcurrency');
  });
});
