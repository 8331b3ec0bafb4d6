/** Unit tests of the parallel strategy. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { abatch } from '../../src/strategies/abatch.ts';
import { InFlightGauge } from '../../src/strategies/pool/in-flight-gauge.ts';
import { parallel } from '../../src/strategies/parallel.ts';
import type { Task, TaskContext } from '../../src/strategies/types.ts';

const ctx = (signal = new AbortController().signal): TaskContext => ({ signal, attempt: 1, index: 0 });

describe('parallel', () => {
  it('parallel() of branches of 1 s, 2 s and 3 s takes 3 s, not 6 s, keyed in branch order', async () => {
    const clock = new VirtualClock();
    const after = <T>(ms: number, value: T): Task<string, T> => async (_input, c) => (await clock.sleep(ms, c.signal), value);
    const analyse = parallel({ summary: after(1000, 'short'), keywords: after(2000, ['a', 'b']), sentiment: after(3000, 'positive') });
    const result = await clock.run(() => analyse('text', ctx()));
    expect(clock.now()).toBe(3000);
    expect(result).toEqual({ summary: 'short', keywords: ['a', 'b'], sentiment: 'positive' });
    expect(Object.keys(result)).toEqual(['summary', 'keywords', 'sentiment']);
    expectTypeOf(result).toEqualTypeOf<{ summary: string; keywords: string[]; sentiment: string }>();
  });

  it('parallel() passes the input and the caller\'s index and attempt to every branch', async () => {
    const seen: Array<[string, number, number]> = [];
    const probe: Task<string, number> = async (input, c) => (seen.push([input, c.index, c.attempt]), 1);
    await parallel({ a: probe, b: probe })('x', { signal: new AbortController().signal, attempt: 2, index: 7 });
    expect(seen).toEqual([
      ['x', 7, 2],
      ['x', 7, 2],
    ]);
  });

  it('parallel() inside abatch() multiplies in flight, and a shared gauge shows it', async () => {
    const clock = new VirtualClock();
    const gauge = new InFlightGauge();
    const branch: Task<number, number> = async (x, c) => (await clock.sleep(1000, c.signal), x);
    const perInput = parallel({ a: branch, b: branch, c: branch }, { gauge });
    const results = await clock.run(() => abatch(Array.from({ length: 100 }, (_, i) => i), perInput, { clock, maxConcurrency: 10 }));
    expect(results[99]).toEqual({ a: 99, b: 99, c: 99 });
    expect(gauge.peak).toBe(30);
    expect(clock.now()).toBe(10_000);
  });

  it('parallel() rejects with the first branch failure and aborts the other branches', async () => {
    const clock = new VirtualClock();
    const boom = new Error('boom');
    let slowSignal: AbortSignal | undefined;
    const task = parallel({
      slow: async (_: string, c: TaskContext) => ((slowSignal = c.signal), await clock.sleep(5000, c.signal), 1),
      bad: async () => (await clock.sleep(100), Promise.reject(boom)),
    });
    await expect(clock.run(() => task('x', ctx()))).rejects.toBe(boom);
    expect(clock.now()).toBe(100);
    expect(slowSignal?.aborted).toBe(true);
  });

  it('parallel() with returnExceptions puts a branch error under its key', async () => {
    const boom = new Error('boom');
    const task = parallel({ ok: async () => 1, bad: async () => Promise.reject(boom) }, { returnExceptions: true });
    const result = await task('x', ctx());
    expect(result).toEqual({ ok: 1, bad: boom });
    expectTypeOf(result).toEqualTypeOf<{ ok: number | Error; bad: Error }>();
  });

  it('parallel() stops its branches when the caller\'s signal aborts', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const task = parallel({ a: async (_: number, c: TaskContext) => (await clock.sleep(1000, c.signal), 1) });
    await expect(
      clock.run(async () => {
        void clock.sleep(10).then(() => controller.abort(reason));
        return task(1, ctx(controller.signal));
      }),
    ).rejects.toBe(reason);
    expect(clock.now()).toBe(10);
  });

  it('parallel() throws a TypeError naming a branch that is not a function', () => {
    expect(() => parallel({ a: 42 } as unknown as Record<string, Task<unknown, unknown>>)).toThrow(
      new TypeError('Expected branch `a` to be a task function, got `42` (number)'),
    );
  });
});
