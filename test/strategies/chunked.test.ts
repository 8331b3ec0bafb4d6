/** Unit tests of the chunked strategy. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.ts';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { abatch } from '../../src/strategies/abatch.ts';
import { chunked } from '../../src/strategies/chunked.ts';
import type { Task } from '../../src/strategies/types.ts';
import { checkPoolProperties, fixedLatencyRun } from './pool-properties.ts';

/** Runs `latencies` through `run` on a VirtualClock; returns the makespan and each input's start/end. */
async function timeline(latencies: number[], run: (inputs: number[], task: Task<number, number>, clock: VirtualClock) => Promise<unknown>) {
  const clock = new VirtualClock();
  const start: number[] = [];
  const end: number[] = [];
  const task: Task<number, number> = async (i, ctx) => {
    start[i] = clock.now();
    await clock.sleep(latencies[i] as number, ctx.signal);
    end[i] = clock.now();
    return i;
  };
  await clock.run(() => run(latencies.map((_, i) => i), task, clock));
  return { makespan: clock.now(), start, end };
}

const sumOfChunkMaxima = (latencies: number[], size: number): number => {
  let total = 0;
  for (let i = 0; i < latencies.length; i += size) total += Math.max(...latencies.slice(i, i + size));
  return total;
};

describe('chunked', () => {
  it('chunked() keeps the pool invariants (in flight ≤ min(batchSize, maxConcurrency))', async () => {
    for (const batchSize of [1, 3, 5]) {
      await checkPoolProperties(
        (inputs, task, options) => chunked(inputs, task, { ...options, batchSize }),
        (s) => Math.min(batchSize, s.maxConcurrency),
        60,
      );
    }
  });

  it('chunked() starts no input before every input of the previous chunk has settled', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 20 }).map((x) => x * 50), { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        async (latencies, batchSize, maxConcurrency) => {
          const { start, end } = await timeline(latencies, (inputs, task, clock) => chunked(inputs, task, { clock, batchSize, maxConcurrency }));
          for (let i = batchSize; i < latencies.length; i++) {
            const previous = Math.floor(i / batchSize) - 1;
            const lastEnd = Math.max(...end.slice(previous * batchSize, (previous + 1) * batchSize));
            expect(start[i], `input ${i} starts after chunk ${previous} ends`).toBeGreaterThanOrEqual(lastEnd);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('chunked() takes 10 s for 100 inputs of 1 s in chunks of 10', async () => {
    const { makespan, peak } = await fixedLatencyRun(100, 1000, (inputs, task, clock) => chunked(inputs, task, { clock, batchSize: 10 }));
    expect([makespan, peak]).toEqual([10_000, 10]);
  });

  it('chunked() with uniform 1–3 s latencies takes the sum of chunk maxima, slower than abatch() at the same width', async () => {
    const rng = createRng(42);
    const latencies = Array.from({ length: 100 }, () => rng.int(1000, 3000));
    const chunks = await timeline(latencies, (inputs, task, clock) => chunked(inputs, task, { clock, batchSize: 10 }));
    const pool = await timeline(latencies, (inputs, task, clock) => abatch(inputs, task, { clock, maxConcurrency: 10 }));
    expect(chunks.makespan).toBe(sumOfChunkMaxima(latencies, 10));
    // Seed 42: 28,732 ms chunked vs 21,662 ms sliding (the sum of latencies / 10 is 19,967 ms).
    expect(chunks.makespan).toBe(28_732);
    expect(pool.makespan).toBe(21_662);
    expect(chunks.makespan / pool.makespan).toBeGreaterThan(1.2);
  });

  it('chunked() bounds each chunk by maxConcurrency (the tutorial\'s inner abatch limit)', async () => {
    const { makespan, peak } = await fixedLatencyRun(100, 1000, (inputs, task, clock) => chunked(inputs, task, { clock, batchSize: 50, maxConcurrency: 10 }));
    expect([makespan, peak]).toEqual([10_000, 10]);
  });

  it('chunked() throws a TypeError naming batchSize', () => {
    const task: Task<number, number> = async (x) => x;
    expect(() => chunked([1], task, { batchSize: 0 })).toThrow(new TypeError('Expected `batchSize` to be an integer from 1 and up, got `0` (number)'));
    expect(() => chunked([1], task, undefined as unknown as { batchSize: number })).toThrow(/`batchSize`/);
  });
});
