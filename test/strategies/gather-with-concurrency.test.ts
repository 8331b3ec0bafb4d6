/** Unit tests of the gatherWithConcurrency strategy. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { gatherWithConcurrency, type Thunk } from '../../src/strategies/gather-with-concurrency.ts';
import { checkPoolProperties, expectBoundedPoolTimings, fixedLatencyRun } from './pool-properties.ts';

describe('gatherWithConcurrency', () => {
  it('gatherWithConcurrency() keeps the pool invariants over thunks', async () => {
    await checkPoolProperties(
      (inputs, task, { maxConcurrency, ...options }) =>
        gatherWithConcurrency(maxConcurrency ?? null, inputs.map((i): Thunk<number> => (ctx) => task(i, ctx)), options),
      (s) => s.maxConcurrency,
    );
  });

  it('gatherWithConcurrency() takes 10 s at n = 10 and 5 s at n = 20 for 100 thunks of 1 s', async () => {
    await expectBoundedPoolTimings((inputs, task, clock, n) => gatherWithConcurrency(n, inputs.map((i): Thunk<number> => (ctx) => task(i, ctx)), { clock }));
  });

  it('gatherWithConcurrency() with n null is unlimited', async () => {
    const { makespan, peak } = await fixedLatencyRun(100, 1000, (inputs, task, clock) =>
      gatherWithConcurrency(null, inputs.map((i) => (ctx) => task(i, ctx)), { clock }),
    );
    expect([makespan, peak]).toEqual([1000, 100]);
  });

  it('gatherWithConcurrency() calls a thunk only when a slot is free', async () => {
    const clock = new VirtualClock();
    const calledAt: number[] = [];
    const thunks = Array.from({ length: 6 }, () => async () => {
      calledAt.push(clock.now());
      await clock.sleep(1000);
      return calledAt.length;
    });
    await clock.run(() => gatherWithConcurrency(2, thunks, { clock }));
    expect(calledAt).toEqual([0, 0, 1000, 1000, 2000, 2000]);
  });

  it('gatherWithConcurrency() throws a TypeError naming n', () => {
    expect(() => gatherWithConcurrency(0, [])).toThrow(new TypeError('Expected `n` to be an integer from 1 and up (or Infinity), got `0` (number)'));
  });
});
