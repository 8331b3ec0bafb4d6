// Public signatures of the strategies. The `expectTypeOf` lines are checked at compile time by
// `npx tsc --noEmit` (which includes test/); each test also runs the call so the file means something
// at run time. (a) `onEvent: (e) => …` is contextually typed (a generic options parameter once broke
// that); (b) without `returnExceptions` results are `O[]`; (c) with `returnExceptions: true` (or a
// boolean only known at run time) they are `Array<O | Error>`.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { abatch } from '../../src/strategies/abatch.ts';
import { adaptive } from '../../src/strategies/adaptive.ts';
import { batch } from '../../src/strategies/batch.ts';
import { batchAsCompleted } from '../../src/strategies/batch-as-completed.ts';
import { chunked } from '../../src/strategies/chunked.ts';
import { eagerGather } from '../../src/strategies/pitfalls/eager-gather.ts';
import { gatherWithConcurrency } from '../../src/strategies/gather-with-concurrency.ts';
import { parallel } from '../../src/strategies/parallel.ts';
import { priority } from '../../src/strategies/priority.ts';
import { rateLimited } from '../../src/strategies/rate-limited.ts';
import { serial } from '../../src/strategies/serial.ts';
import type { StrategyEvent, StrategyEventType, Task, TaskContext } from '../../src/strategies/types.ts';

const inputs = [1, 2, 3];
const double: Task<number, string> = async (x) => String(x * 2);
const failOnTwo: Task<number, string> = async (x) => {
  if (x === 2) throw new Error('boom');
  return String(x * 2);
};
const flag: boolean = inputs.length > 0; // a returnExceptions only known at run time (true here)
const thunksOf = (task: Task<number, string>): Array<(ctx: TaskContext) => Promise<string>> => inputs.map((x) => (ctx) => task(x, ctx));
const promisesOf = (task: Task<number, string>): Array<Promise<string>> => inputs.map((x, index) => task(x, { signal: new AbortController().signal, attempt: 1, index }));
const byPriority = inputs.map((input) => ({ input, priority: 0 }));
const ctx: TaskContext = { signal: new AbortController().signal, attempt: 1, index: 0 };

async function collect<T>(entries: AsyncIterable<[index: number, result: T]>): Promise<T[]> {
  const results: T[] = [];
  for await (const [index, result] of entries) results[index] = result;
  return results;
}

/** Asserts `results` is ['2', Error('boom'), '6']: the failure sits at its index. */
function expectFailureAtIndexOne(results: unknown[]): void {
  expect(results).toHaveLength(3);
  expect(results[0]).toBe('2');
  expect(results[1]).toBeInstanceOf(Error);
  expect((results[1] as Error).message).toBe('boom');
  expect(results[2]).toBe('6');
}

describe('strategy signatures', () => {
  // (a) Each call's `onEvent` is written inline without a parameter type: under `strict` an
  // implicitly-any `e` fails to compile, and the expectTypeOf line pins it to StrategyEvent.
  it('serial(), batch(), abatch(), priority(), adaptive(), rateLimited() type onEvent events contextually', async () => {
    const seen: StrategyEventType[] = [];
    const onEvent = (e: StrategyEvent): number => seen.push(e.type);
    await serial(inputs, double, { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) });
    await batch(inputs, double, { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) });
    await abatch(inputs, double, { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) });
    await priority(byPriority, double, { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) });
    await adaptive(inputs, double, { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) });
    await rateLimited(inputs, double, { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) });
    // The same with returnExceptions: true, which resolves to another overload.
    await abatch(inputs, double, { returnExceptions: true, onEvent: (e) => onEvent(e) });
    expect(seen.filter((type) => type === 'success')).toHaveLength(7 * inputs.length);
  });

  it('gatherWithConcurrency(), eagerGather(), chunked(), batchAsCompleted(), parallel() type onEvent events contextually', async () => {
    const seen: StrategyEventType[] = [];
    const onEvent = (e: StrategyEvent): number => seen.push(e.type);
    await gatherWithConcurrency(2, thunksOf(double), { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) });
    await eagerGather(2, promisesOf(double), { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) });
    await chunked(inputs, double, { batchSize: 2, onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) });
    await collect(batchAsCompleted(inputs, double, { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) }));
    await parallel({ a: double, b: double, c: double }, { onEvent: (e) => (expectTypeOf(e).toEqualTypeOf<StrategyEvent>(), onEvent(e)) })(1, ctx);
    await chunked(inputs, double, { batchSize: 2, returnExceptions: true, onEvent: (e) => onEvent(e) });
    expect(seen.filter((type) => type === 'success')).toHaveLength(6 * inputs.length);
  });

  // (b) Without returnExceptions (absent or false) a failure rejects, so every slot is an O.
  // Every typed call below is also awaited, so none is left running.
  it('serial(), batch(), abatch(), priority(), adaptive(), rateLimited() resolve to O[] without returnExceptions', async () => {
    const calls = [
      serial(inputs, double),
      serial(inputs, double, { returnExceptions: false }),
      batch(inputs, double, { maxConcurrency: 2 }),
      abatch(inputs, double, { returnExceptions: false }),
      priority(byPriority, double),
      adaptive(inputs, double, { maxConcurrency: 2 }),
      rateLimited(inputs, double, { rpm: 60_000 }),
    ] as const;
    expectTypeOf(calls[0]).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(calls[1]).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(calls[2]).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(calls[3]).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(calls[4]).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(calls[5]).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(calls[6]).resolves.toEqualTypeOf<string[]>();
    expect(await Promise.all(calls)).toEqual(Array.from({ length: calls.length }, () => ['2', '4', '6']));
  });

  it('gatherWithConcurrency(), eagerGather(), chunked(), batchAsCompleted(), parallel() resolve to O without returnExceptions', async () => {
    const calls = [
      gatherWithConcurrency(2, thunksOf(double)),
      eagerGather(2, promisesOf(double), { returnExceptions: false }),
      chunked(inputs, double, { batchSize: 2 }),
    ] as const;
    expectTypeOf(calls[0]).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(calls[1]).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(calls[2]).resolves.toEqualTypeOf<string[]>();
    const completed = batchAsCompleted(inputs, double);
    expectTypeOf(completed).toEqualTypeOf<AsyncIterableIterator<[index: number, result: string]>>();
    const branches = parallel({ text: double, size: async (x: number) => x });
    expectTypeOf(branches).toEqualTypeOf<Task<number, { text: string; size: number }>>();
    expect([...(await Promise.all(calls)), await collect(completed)]).toEqual(Array.from({ length: 4 }, () => ['2', '4', '6']));
    expect(await branches(2, ctx)).toEqual({ text: '4', size: 2 });
  });

  // (c) With returnExceptions: true a failure sits at its index; a boolean flag may be true, so it types the same.
  it('serial(), batch(), abatch(), priority(), adaptive(), rateLimited() resolve to Array<O | Error> with returnExceptions', async () => {
    const calls = [
      serial(inputs, failOnTwo, { returnExceptions: true }),
      batch(inputs, failOnTwo, { returnExceptions: flag }),
      abatch(inputs, failOnTwo, { returnExceptions: true, maxConcurrency: 2 }),
      priority(byPriority, failOnTwo, { returnExceptions: true }),
      adaptive(inputs, failOnTwo, { returnExceptions: flag }),
      rateLimited(inputs, failOnTwo, { returnExceptions: true }),
    ] as const;
    expectTypeOf(calls[0]).resolves.toEqualTypeOf<Array<string | Error>>();
    expectTypeOf(calls[1]).resolves.toEqualTypeOf<Array<string | Error>>();
    expectTypeOf(calls[2]).resolves.toEqualTypeOf<Array<string | Error>>();
    expectTypeOf(calls[3]).resolves.toEqualTypeOf<Array<string | Error>>();
    expectTypeOf(calls[4]).resolves.toEqualTypeOf<Array<string | Error>>();
    expectTypeOf(calls[5]).resolves.toEqualTypeOf<Array<string | Error>>();
    for (const results of await Promise.all(calls)) expectFailureAtIndexOne(results);
  });

  it('gatherWithConcurrency(), eagerGather(), chunked(), batchAsCompleted(), parallel() resolve to O | Error with returnExceptions', async () => {
    const calls = [
      gatherWithConcurrency(2, thunksOf(failOnTwo), { returnExceptions: true }),
      eagerGather(2, promisesOf(failOnTwo), { returnExceptions: flag }),
      chunked(inputs, failOnTwo, { batchSize: 2, returnExceptions: true }),
    ] as const;
    expectTypeOf(calls[0]).resolves.toEqualTypeOf<Array<string | Error>>();
    expectTypeOf(calls[1]).resolves.toEqualTypeOf<Array<string | Error>>();
    expectTypeOf(calls[2]).resolves.toEqualTypeOf<Array<string | Error>>();
    const completed = batchAsCompleted(inputs, failOnTwo, { returnExceptions: flag });
    expectTypeOf(completed).toEqualTypeOf<AsyncIterableIterator<[index: number, result: string | Error]>>();
    const branches = parallel({ text: failOnTwo, size: async (x: number) => x }, { returnExceptions: true });
    expectTypeOf(branches).toEqualTypeOf<Task<number, { text: string | Error; size: number | Error }>>();
    for (const results of await Promise.all(calls)) expectFailureAtIndexOne(results);
    expectFailureAtIndexOne(await collect(completed));
    const { text, size } = await branches(2, ctx);
    expect(text).toBeInstanceOf(Error);
    expect(size).toBe(2);
  });
});
