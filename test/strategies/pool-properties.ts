/**
 * Shared property-test harness for the pool-like strategies: random inputs, latencies
 * (VirtualClock), failures of three kinds (rejected Error, synchronous throw, rejected
 * non-Error) and an optional abort, plus the invariants every pool strategy must keep.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { NonErrorThrownError } from '../../src/strategies/pool/to-error.ts';
import type { StrategyOptions, Task, TaskContext } from '../../src/strategies/types.ts';

export type FailKind = 'reject' | 'throw' | 'non-error';

export interface Item {
  latency: number;
  fail: FailKind | null;
}

export interface Scenario {
  items: Item[];
  maxConcurrency: number;
  returnExceptions: boolean;
  abortAt: number | null;
}

/** Runs the strategy under test; must resolve with one result per input, in input order. */
export type Runner = (inputs: number[], task: Task<number, number>, options: StrategyOptions) => Promise<unknown[]>;

/** What a failing input throws. */
export class InputFailure extends Error {
  constructor(readonly index: number) {
    super(`input ${index} failed`);
  }
}

export interface Observation {
  outcome: { ok: true; results: unknown[] } | { ok: false; error: unknown; at: number };
  calls: number[];
  order: number[];
  peak: number;
  callsAfterStop: number;
  indexMismatches: number;
  inFlightSawAbort: boolean;
  abortReason: Error;
}

const item: fc.Arbitrary<Item> = fc.record({
  latency: fc.integer({ min: 0, max: 6 }).map((x) => x * 100),
  fail: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom<FailKind>('reject', 'throw', 'non-error') }),
});

/** Random scenarios: up to 25 inputs, concurrency 1–8, failures, and an abort in 1 of 3. */
export const scenarios: fc.Arbitrary<Scenario> = fc.record({
  items: fc.array(item, { maxLength: 25 }),
  maxConcurrency: fc.integer({ min: 1, max: 8 }),
  returnExceptions: fc.boolean(),
  abortAt: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 }).map((x) => x * 50) }),
});

/** Runs one scenario on a fresh VirtualClock and records everything the invariants need. */
export async function observe(s: Scenario, run: Runner): Promise<Observation> {
  const clock = new VirtualClock();
  const n = s.items.length;
  const calls = new Array<number>(n).fill(0);
  const order: number[] = [];
  const live = new Set<TaskContext>();
  const abortReason = new Error('test abort');
  let inFlight = 0;
  let peak = 0;
  let stopped = false;
  let callsAfterStop = 0;
  let indexMismatches = 0;
  let inFlightSawAbort = true;
  const task: Task<number, number> = (i, ctx) => {
    calls[i] = (calls[i] ?? 0) + 1;
    order.push(i);
    if (stopped) callsAfterStop++;
    if (ctx.index !== i) indexMismatches++;
    const { latency, fail } = s.items[i] as Item;
    if (fail === 'throw') throw new InputFailure(i);
    inFlight++;
    peak = Math.max(peak, inFlight);
    live.add(ctx);
    return (async () => {
      try {
        await clock.sleep(latency, ctx.signal);
      } finally {
        inFlight--;
        live.delete(ctx);
      }
      if (fail === 'reject') throw new InputFailure(i);
      // A non-Error rejection on purpose: the strategy must wrap it.
      if (fail === 'non-error') return Promise.reject(`fail-${i}`);
      return i * 2;
    })();
  };
  const controller = new AbortController();
  const options: StrategyOptions = { maxConcurrency: s.maxConcurrency, returnExceptions: s.returnExceptions, clock, signal: controller.signal };
  let outcome: Observation['outcome'] | undefined;
  await clock.run(async () => {
    if (s.abortAt !== null) {
      void clock.sleep(s.abortAt).then(() => {
        stopped = true;
        controller.abort(abortReason);
      });
    }
    try {
      outcome = { ok: true, results: await run(Array.from({ length: n }, (_, i) => i), task, options) };
    } catch (error) {
      stopped = true;
      inFlightSawAbort = [...live].every((ctx) => ctx.signal.aborted);
      outcome = { ok: false, error, at: clock.now() };
    }
  });
  // Keep time moving: a pool that goes on starting work after it settled would show up here.
  await clock.run(() => clock.sleep(10_000));
  return { outcome: outcome as Observation['outcome'], calls, order, peak, callsAfterStop, indexMismatches, inFlightSawAbort, abortReason };
}

/** True when `value` is the failure input `index` produces. */
export function isFailureOf(value: unknown, index: number): boolean {
  if (value instanceof InputFailure) return value.index === index;
  return value instanceof NonErrorThrownError && value.cause === `fail-${index}`;
}

/** The pool invariants (bounded in flight, each input once, errors at their index, nothing after abort) for a strategy whose in-flight bound is `limit`. */
export function expectPoolInvariants(s: Scenario, obs: Observation, limit: number): void {
  const n = s.items.length;
  const anyFailure = s.items.some((it) => it.fail !== null);
  expect(obs.peak, 'in flight never exceeds the limit').toBeLessThanOrEqual(limit);
  expect(obs.indexMismatches, 'ctx.index is the input index').toBe(0);
  expect(Math.max(0, ...obs.calls), 'no input invoked twice').toBeLessThanOrEqual(1);
  expect(obs.callsAfterStop, 'nothing starts after abort or fail-fast').toBe(0);
  if (obs.outcome.ok) {
    const { results } = obs.outcome;
    expect(s.returnExceptions || !anyFailure, 'resolves only when nothing failed or failures are returned').toBe(true);
    expect(obs.calls, 'every input invoked exactly once').toEqual(new Array(n).fill(1));
    expect(results.length, 'one result per input').toBe(n);
    results.forEach((result, i) => {
      if ((s.items[i] as Item).fail === null) expect(result, `result ${i}`).toBe(i * 2);
      else expect(isFailureOf(result, i), `failure ${i} sits at its index`).toBe(true);
    });
    return;
  }
  const { error, at } = obs.outcome;
  expect(obs.inFlightSawAbort, 'in-flight tasks see ctx.signal aborted').toBe(true);
  if (error === obs.abortReason) {
    expect(at, 'rejects promptly at the abort').toBe(s.abortAt);
    return;
  }
  expect(s.returnExceptions, 'returnExceptions never rejects').toBe(false);
  const failed = obs.calls.findIndex((count, i) => count === 1 && isFailureOf(error, i));
  expect(failed, `rejects with the failure of an invoked input (got ${String(error)})`).toBeGreaterThanOrEqual(0);
}

/** Asserts the invariants over `numRuns` random scenarios. */
export async function checkPoolProperties(run: Runner, limitOf: (s: Scenario) => number, numRuns = 150): Promise<void> {
  await fc.assert(
    fc.asyncProperty(scenarios, async (s) => {
      expectPoolInvariants(s, await observe(s, run), limitOf(s));
    }),
    { numRuns },
  );
}

/** Runs `n` inputs of fixed `ms` on a VirtualClock; returns the makespan and peak in flight. */
export async function fixedLatencyRun(
  n: number,
  ms: number,
  run: (inputs: number[], task: Task<number, number>, clock: VirtualClock) => Promise<unknown>,
): Promise<{ makespan: number; peak: number }> {
  const clock = new VirtualClock();
  let inFlight = 0;
  let peak = 0;
  const task: Task<number, number> = async (x, ctx) => {
    peak = Math.max(peak, ++inFlight);
    try {
      await clock.sleep(ms, ctx.signal);
    } finally {
      inFlight--;
    }
    return x;
  };
  await clock.run(() => run(Array.from({ length: n }, (_, i) => i), task, clock));
  return { makespan: clock.now(), peak };
}

/** Bounded-pool timings: 100 inputs of fixed 1 s take 10 s at a limit of 10 and 5 s at 20, that many in flight. */
export async function expectBoundedPoolTimings(
  run: (inputs: number[], task: Task<number, number>, clock: VirtualClock, limit: number) => Promise<unknown>,
): Promise<void> {
  for (const [limit, expected] of [
    [10, 10_000],
    [20, 5_000],
  ] as const) {
    const { makespan, peak } = await fixedLatencyRun(100, 1000, (inputs, task, clock) => run(inputs, task, clock, limit));
    expect([makespan, peak], `at ${limit}`).toEqual([expected, limit]);
  }
}
