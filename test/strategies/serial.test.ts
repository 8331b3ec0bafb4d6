/** Unit tests of the serial strategy. */
import { describe, expect, it } from 'vitest';
import { serial } from '../../src/strategies/serial.ts';
import { checkPoolProperties, fixedLatencyRun } from './pool-properties.ts';

describe('serial', () => {
  it('serial() keeps the pool invariants with one task in flight', async () => {
    await checkPoolProperties((inputs, task, { maxConcurrency: _ignored, ...options }) => serial(inputs, task, options), () => 1);
  });

  it('serial() takes 100 s for 100 inputs of 1 s', async () => {
    const { makespan, peak } = await fixedLatencyRun(100, 1000, (inputs, task, clock) => serial(inputs, task, { clock }));
    expect(makespan).toBe(100_000);
    expect(peak).toBe(1);
  });

  it('serial() ignores a maxConcurrency smuggled in at run time', async () => {
    const options = { maxConcurrency: 50 } as unknown as Parameters<typeof serial>[2];
    const { peak } = await fixedLatencyRun(10, 1000, (inputs, task, clock) => serial(inputs, task, { ...options, clock }));
    expect(peak).toBe(1);
  });
});
