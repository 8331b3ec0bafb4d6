/** Unit tests of the batchAsCompleted strategy. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { batchAsCompleted } from '../../src/strategies/batch-as-completed.ts';
import type { StrategyOptions, Task } from '../../src/strategies/types.ts';
import { checkPoolProperties } from './pool-properties.ts';

/** Collects the stream into input order, failing on a repeated index. */
async function collect(inputs: number[], task: Task<number, number>, options: StrategyOptions): Promise<unknown[]> {
  const results: unknown[] = new Array(inputs.length);
  const seen = new Set<number>();
  for await (const [index, result] of batchAsCompleted(inputs, task, options)) {
    if (seen.has(index)) throw new Error(`index ${index} yielded twice`);
    seen.add(index);
    results[index] = result;
  }
  return results;
}

describe('batchAsCompleted', () => {
  it('batchAsCompleted() keeps the pool invariants and yields each index exactly once', async () => {
    await checkPoolProperties(collect, (s) => s.maxConcurrency);
  });

  it('batchAsCompleted() yields in completion order, at the moment each input settles', async () => {
    const clock = new VirtualClock();
    const latencies = [500, 100, 400, 200, 300, 100];
    const seen: Array<[number, number]> = [];
    await clock.run(async () => {
      const task: Task<number, number> = async (ms) => (await clock.sleep(ms), ms);
      for await (const [index] of batchAsCompleted(latencies, task, { clock, maxConcurrency: 3 })) seen.push([index, clock.now()]);
    });
    // Slots: 0,1,2 start at 0; 1 ends at 100 → 3 starts; 3 ends at 300 → 4; 2 ends at 400 → 5; ...
    expect(seen).toEqual([
      [1, 100],
      [3, 300],
      [2, 400],
      [0, 500],
      [5, 500],
      [4, 600],
    ]);
  });

  it('batchAsCompleted() stops scheduling and aborts in-flight tasks when the consumer breaks', async () => {
    const clock = new VirtualClock();
    const started: number[] = [];
    const signals: AbortSignal[] = [];
    let startedAtBreak = 0;
    await clock.run(async () => {
      const task: Task<number, number> = async (i, ctx) => {
        started.push(i);
        signals.push(ctx.signal);
        await clock.sleep(100 * (1 + (i % 3)), ctx.signal);
        return i;
      };
      let taken = 0;
      for await (const _ of batchAsCompleted(Array.from({ length: 100 }, (_, i) => i), task, { clock, maxConcurrency: 5 })) {
        if (++taken === 3) break;
      }
      startedAtBreak = started.length;
      await clock.sleep(10_000);
    });
    expect(startedAtBreak).toBeLessThan(20);
    expect(started.length).toBe(startedAtBreak);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('batchAsCompleted() reads 100k inputs from a generator with bounded read-ahead', async () => {
    let read = 0;
    let yielded = 0;
    let maxAhead = 0;
    function* inputs(): Generator<number> {
      for (let i = 0; i < 100_000; i++) {
        read++;
        maxAhead = Math.max(maxAhead, read - yielded);
        yield i;
      }
    }
    let sum = 0;
    for await (const [index, value] of batchAsCompleted(inputs(), async (x: number) => x, { maxConcurrency: 10 })) {
      yielded++;
      sum += value - index;
    }
    expect(yielded).toBe(100_000);
    expect(sum).toBe(0);
    expect(maxAhead).toBeLessThanOrEqual(10 + 1024 + 1);
  });

  it('batchAsCompleted() throws signal.reason at the next step after an abort', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const reason = new Error('stop');
    const got: number[] = [];
    await expect(
      clock.run(async () => {
        const task: Task<number, number> = async (ms, ctx) => (await clock.sleep(ms, ctx.signal), ms);
        for await (const [index] of batchAsCompleted([100, 200, 300], task, { clock, signal: controller.signal })) {
          got.push(index);
          controller.abort(reason);
        }
      }),
    ).rejects.toBe(reason);
    expect(got).toEqual([0]);
  });

  it('batchAsCompleted() types entries as [number, O] unless returnExceptions is true', () => {
    const task = async (x: number): Promise<string> => String(x);
    expectTypeOf(batchAsCompleted([1], task)).toEqualTypeOf<AsyncIterableIterator<[index: number, result: string]>>();
    expectTypeOf(batchAsCompleted([1], task, { returnExceptions: true })).toEqualTypeOf<
      AsyncIterableIterator<[index: number, result: string | Error]>
    >();
  });
});
