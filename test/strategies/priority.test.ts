/** Unit tests of the priority strategy. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { priority } from '../../src/strategies/priority.ts';
import type { Task } from '../../src/strategies/types.ts';
import { checkPoolProperties, expectPoolInvariants, observe, scenarios } from './pool-properties.ts';

const priorityOf = (i: number): number => (i * 7) % 3;

describe('priority', () => {
  it('priority() keeps the pool invariants with results at each item\'s input index', async () => {
    await checkPoolProperties(
      (inputs, task, options) => priority(inputs.map((input) => ({ input, priority: priorityOf(input) })), task, options),
      (s) => s.maxConcurrency,
    );
  });

  it('priority() starts inputs by descending priority, ties in input order', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (s) => {
        const obs = await observe(s, (inputs, task, options) =>
          priority(inputs.map((input) => ({ input, priority: priorityOf(input) })), task, options),
        );
        expectPoolInvariants(s, obs, s.maxConcurrency);
        const expected = s.items.map((_, i) => i).sort((a, b) => priorityOf(b) - priorityOf(a));
        expect(obs.order).toEqual(expected.slice(0, obs.order.length));
      }),
      { numRuns: 100 },
    );
  });

  it('priority() lets low-priority work fill slots the high-priority work leaves free', async () => {
    // 2 slots; high: one 3 s item; low: four 1 s items. The tutorial's two passes take 3 s + 2 s = 5 s;
    // one pool runs the low items beside the high one: 7 s of work on 2 slots, done at 4 s.
    const clock = new VirtualClock();
    const latencies = [1000, 1000, 3000, 1000, 1000];
    const items = latencies.map((ms, i) => ({ input: ms, priority: i === 2 ? 1 : 0 }));
    const task: Task<number, number> = async (ms) => (await clock.sleep(ms), ms);
    const results = await clock.run(() => priority(items, task, { clock, maxConcurrency: 2 }));
    expect(results).toEqual(latencies);
    expect(clock.now()).toBe(4000);
  });

  it('priority() throws a TypeError naming the item whose priority is not a finite number', () => {
    const task: Task<number, number> = async (x) => x;
    expect(() => priority([{ input: 1, priority: 0 }, { input: 2, priority: Number.NaN }], task)).toThrow(
      new TypeError('Expected `items[1].priority` to be a finite number, got `NaN` (number)'),
    );
  });
});
