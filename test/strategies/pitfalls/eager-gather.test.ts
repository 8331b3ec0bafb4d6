/** Unit tests of eagerGather, the eager-promise pitfall demo. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/virtual-clock.ts';
import { eagerGather } from '../../../src/strategies/pitfalls/eager-gather.ts';
import { fixedLatencyRun } from '../pool-properties.ts';

describe('eagerGather', () => {
  it('eagerGather(10) over 100 started promises of 1 s takes 1 s with 100 in flight', async () => {
    const { makespan, peak } = await fixedLatencyRun(100, 1000, (inputs, task, clock) => {
      const promises = inputs.map((i) => task(i, { signal: new AbortController().signal, attempt: 1, index: i }));
      return eagerGather(10, promises, { clock });
    });
    expect(makespan).toBe(1000);
    expect(peak).toBe(100);
  });

  it('eagerGather() keeps input order and leaves no unhandled rejection for a promise that fails before its turn', async () => {
    const clock = new VirtualClock();
    const late = new Error('late');
    const results = await clock.run(() => {
      const promises = [
        clock.sleep(1000).then(() => 'slow'),
        Promise.reject(new Error('early')),
        clock.sleep(10).then(() => Promise.reject(late)),
      ];
      return eagerGather(1, promises, { clock, returnExceptions: true });
    });
    expect(results[0]).toBe('slow');
    expect((results[1] as Error).message).toBe('early');
    expect(results[2]).toBe(late);
  });

  it('eagerGather() rejects with the first failure it awaits', async () => {
    const bad = new Error('bad');
    await expect(eagerGather(2, [Promise.resolve(1), Promise.reject(bad), Promise.reject(new Error('other'))])).rejects.toBe(bad);
  });
});
