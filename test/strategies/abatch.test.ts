/** Unit tests of the abatch strategy. */
import { describe, expect, it } from 'vitest';
import { abatch } from '../../src/strategies/abatch.ts';
import { checkPoolProperties, expectBoundedPoolTimings, fixedLatencyRun } from './pool-properties.ts';

describe('abatch', () => {
  it('abatch() keeps the pool invariants', async () => {
    await checkPoolProperties((inputs, task, options) => abatch(inputs, task, options), (s) => s.maxConcurrency);
  });

  it('abatch() takes 10 s at maxConcurrency 10 and 5 s at 20 for 100 inputs of 1 s', async () => {
    await expectBoundedPoolTimings((inputs, task, clock, limit) => abatch(inputs, task, { clock, maxConcurrency: limit }));
  });

  it('abatch() is unlimited without maxConcurrency: 100 inputs of 1 s take 1 s', async () => {
    const { makespan, peak } = await fixedLatencyRun(100, 1000, (inputs, task, clock) => abatch(inputs, task, { clock }));
    expect([makespan, peak]).toEqual([1000, 100]);
  });

  it('abatch() rejects with the first failure when returnExceptions is false', async () => {
    const boom = new Error('boom');
    await expect(abatch([1, 2, 3], async (x: number) => (x === 2 ? Promise.reject(boom) : x))).rejects.toBe(boom);
  });
});
