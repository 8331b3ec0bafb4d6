/** Unit tests of the batch strategy. */
import { availableParallelism } from 'node:os';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { batch, defaultBatchConcurrency } from '../../src/strategies/batch.ts';
import { checkPoolProperties, expectBoundedPoolTimings, fixedLatencyRun } from './pool-properties.ts';

describe('batch', () => {
  it('batch() keeps the pool invariants', async () => {
    await checkPoolProperties((inputs, task, options) => batch(inputs, task, options), (s) => s.maxConcurrency);
  });

  it('batch() takes 10 s at maxConcurrency 10 and 5 s at 20 for 100 inputs of 1 s', async () => {
    await expectBoundedPoolTimings((inputs, task, clock, limit) => batch(inputs, task, { clock, maxConcurrency: limit }));
  });

  it('defaultBatchConcurrency() is min(32, cpus + 4) and batch() uses it when maxConcurrency is unset', async () => {
    const expected = Math.min(32, availableParallelism() + 4);
    expect(defaultBatchConcurrency()).toBe(expected);
    const { makespan, peak } = await fixedLatencyRun(100, 1000, (inputs, task, clock) => batch(inputs, task, { clock }));
    expect(peak).toBe(expected);
    expect(makespan).toBe(Math.ceil(100 / expected) * 1000);
  });

  it('batch() accepts Infinity for an unlimited pool', async () => {
    const { makespan, peak } = await fixedLatencyRun(100, 1000, (inputs, task, clock) => batch(inputs, task, { clock, maxConcurrency: Infinity }));
    expect([makespan, peak]).toEqual([1000, 100]);
  });

  it('batch() types results as O[] unless returnExceptions is true', () => {
    const task = async (x: number): Promise<string> => String(x);
    expectTypeOf(batch([1], task)).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(batch([1], task, { maxConcurrency: 2 })).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(batch([1], task, { returnExceptions: true })).resolves.toEqualTypeOf<Array<string | Error>>();
    expectTypeOf(batch([1], task, { returnExceptions: false })).resolves.toEqualTypeOf<string[]>();
    const flag: boolean = Math.random() > 2;
    expectTypeOf(batch([1], task, { returnExceptions: flag })).resolves.toEqualTypeOf<Array<string | Error>>();
  });
});
