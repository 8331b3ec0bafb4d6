/** Unit tests of the adaptive strategy on a virtual clock with scripted tasks (no mock provider; see test/integration/adaptive.test.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { adaptive, isOverloadError, type LimitChange } from '../../src/strategies/adaptive.ts';
import { AimdLimit } from '../../src/strategies/limiters/aimd-limit.ts';
import { AttemptTimeoutError } from '../../src/strategies/retry/attempt-timeout.ts';
import { GradientLimit } from '../../src/strategies/limiters/gradient-limit.ts';
import type { Limit } from '../../src/strategies/limiters/limit.ts';
import { FixedLimit, TooManyRequests } from './adaptive-fakes.ts';
import type { StrategyEvent, Task } from '../../src/strategies/types.ts';
import { checkPoolProperties } from './pool-properties.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** A provider that answers 429 at once when `capacity` requests are already in flight. */
function capacityServer(clock: VirtualClock, capacity: number, latencyMs: number) {
  const stats = { sent: 0, rejected: 0, peak: 0, inFlight: 0 };
  const task: Task<number, number> = async (x) => {
    stats.sent++;
    if (stats.inFlight >= capacity) {
      stats.rejected++;
      await clock.sleep(0);
      throw new TooManyRequests();
    }
    stats.peak = Math.max(stats.peak, ++stats.inFlight);
    try {
      await clock.sleep(latencyMs);
    } finally {
      stats.inFlight--;
    }
    return x * 2;
  };
  return { task, stats };
}

describe('adaptive', () => {
  it('adaptive() against a provider that answers 429 above 16 in flight: limit 12–20 after warm-up, < 5 % 429s, ≥ 85 % of the 16-slot optimum', async () => {
    const clock = new VirtualClock();
    const { task, stats } = capacityServer(clock, 16, 1000);
    const history: LimitChange[] = [];
    const results = await clock.run(() => adaptive(range(1000), task, { clock, onLimitChange: (c) => history.push(c) }));
    expect(results).toEqual(range(1000).map((x) => x * 2));
    const optimumMs = (1000 / 16) * 1000;
    const warm = history.filter((c) => c.at >= 10_000).map((c) => c.limit);
    const limitAt10s = history.filter((c) => c.at < 10_000).at(-1)?.limit as number;
    expect(Math.min(limitAt10s, ...warm), 'lowest limit after 10 s').toBeGreaterThanOrEqual(12);
    expect(Math.max(limitAt10s, ...warm), 'highest limit after 10 s').toBeLessThanOrEqual(20);
    expect(stats.rejected / stats.sent, '429 ratio').toBeLessThan(0.05);
    expect(optimumMs / clock.now(), 'throughput vs the 16-slot optimum').toBeGreaterThanOrEqual(0.85);
    expect(stats.sent - stats.rejected, 'each input served once').toBe(1000);
  });

  it('adaptive() with a GradientLimit finds the knee of a provider that queues above 16 in flight', async () => {
    const run = async (limiter: Limit) => {
      const clock = new VirtualClock();
      let busy = 0;
      const queue: Array<() => void> = [];
      const rtts: number[] = [];
      const task: Task<number, number> = async (x) => {
        const t0 = clock.now();
        if (busy >= 16) await new Promise<void>((resolve) => queue.push(resolve));
        else busy++;
        try {
          await clock.sleep(1000);
        } finally {
          const next = queue.shift();
          if (next === undefined) busy--;
          else next();
        }
        rtts.push(clock.now() - t0);
        return x;
      };
      const history: LimitChange[] = [];
      await clock.run(() => adaptive(range(1000), task, { clock, limiter, maxConcurrency: 100, onLimitChange: (c) => history.push(c) }));
      const warm = history.filter((c) => c.at >= 15_000).map((c) => c.limit);
      return { makespan: clock.now(), meanRtt: rtts.reduce((a, b) => a + b, 0) / rtts.length, warm, last: history.at(-1)?.limit as number };
    };
    const gradient = await run(new GradientLimit());
    const aimd = await run(new AimdLimit());
    expect(Math.min(...gradient.warm), 'gradient limit after warm-up').toBeGreaterThanOrEqual(16);
    expect(Math.max(...gradient.warm)).toBeLessThanOrEqual(40);
    expect(gradient.meanRtt, 'gradient keeps queueing bounded').toBeLessThan(2000);
    expect(62_500 / gradient.makespan, 'gradient throughput').toBeGreaterThanOrEqual(0.9);
    expect(aimd.last, 'AIMD sees no drop and grows to maxConcurrency').toBe(100);
    expect(aimd.meanRtt, 'AIMD queues deep').toBeGreaterThan(4000);
  });

  it('adaptive() reports the limit over time as limit-changed events and onLimitChange, starting with the initial limit', async () => {
    const clock = new VirtualClock();
    const events: StrategyEvent[] = [];
    const changes: LimitChange[] = [];
    await clock.run(() =>
      adaptive(range(12), (x) => clock.sleep(100).then(() => x), { clock, limiter: new AimdLimit({ initialLimit: 2 }), onEvent: (e) => events.push(e), onLimitChange: (c) => changes.push(c) }),
    );
    const limitEvents = events.filter((e) => e.type === 'limit-changed');
    expect(limitEvents.map((e) => ({ at: e.at, limit: e.limit, reason: e.reason }))).toEqual(changes);
    expect(changes[0]).toEqual({ at: 0, limit: 2, reason: 'initial' });
    expect(changes.slice(1).every((c) => c.reason === 'slow-start')).toBe(true);
    expect(changes.at(-1)?.limit).toBeGreaterThan(2);
  });

  it('adaptive() honours retry-after on a 429 as a global pause and retries the input', async () => {
    const clock = new VirtualClock();
    const starts: Array<[number, number, number]> = [];
    const events: StrategyEvent[] = [];
    const results = await clock.run(() =>
      adaptive(range(4), async (x, ctx) => {
        starts.push([x, ctx.attempt, clock.now()]);
        if (x === 0 && ctx.attempt === 1) {
          await clock.sleep(10);
          throw new TooManyRequests({ 'retry-after-ms': '500' });
        }
        await clock.sleep(100);
        return x;
      }, { clock, limiter: new FixedLimit(2), onEvent: (e) => events.push(e) }),
    );
    expect(results).toEqual([0, 1, 2, 3]);
    expect(starts).toEqual([[0, 1, 0], [1, 1, 0], [0, 2, 510], [2, 1, 510], [3, 1, 610]]);
    const retry = events.find((e) => e.type === 'retry');
    expect(retry).toMatchObject({ index: 0, attempt: 1, at: 10, delayMs: 500 });
    expect(events.filter((e) => e.type === 'rate-limited').every((e) => e.type === 'rate-limited' && e.reason === 'retry-after')).toBe(true);
    expect(events.some((e) => e.type === 'error'), 'a retried 429 is not an error event').toBe(false);
  });

  it('adaptive() backs a 429 without retry-after off per input (full jitter from retryBaseDelayMs) and cuts the limit', async () => {
    const clock = new VirtualClock();
    const limiter = new AimdLimit({ initialLimit: 8, backoffRatio: 0.5 });
    const attempts: number[] = [];
    const retries: StrategyEvent[] = [];
    const results = await clock.run(() =>
      adaptive(range(8), async (x, ctx) => {
        if (x === 3) attempts.push(ctx.attempt);
        await clock.sleep(50);
        if (x === 3 && ctx.attempt <= 3) throw new TooManyRequests();
        return x;
      }, { clock, limiter, retryBaseDelayMs: 200, onEvent: (e) => e.type === 'retry' && retries.push(e) }),
    );
    expect(results).toEqual(range(8));
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(retries).toHaveLength(3);
    retries.forEach((e, k) => {
      if (e.type !== 'retry') throw new Error('not a retry');
      expect(e.delayMs).toBeGreaterThanOrEqual(0);
      expect(e.delayMs).toBeLessThan(200 * 2 ** k);
    });
    expect(limiter.inSlowStart).toBe(false);
  });

  it('adaptive() frees the slot of an input backing off after a 429: the other inputs keep the full limit in flight', async () => {
    const clock = new VirtualClock();
    const limiter = new FixedLimit(4);
    const starts: Array<[number, number, number]> = [];
    const events: StrategyEvent[] = [];
    let inFlight = 0;
    let peak = 0;
    const results = await clock.run(() =>
      adaptive(range(12), async (x, ctx) => {
        starts.push([x, ctx.attempt, clock.now()]);
        peak = Math.max(peak, ++inFlight);
        try {
          await clock.sleep(100);
          if (x < 3 && ctx.attempt === 1) throw new TooManyRequests();
          return x;
        } finally {
          inFlight--;
        }
      }, { clock, limiter, retryBaseDelayMs: 2000, retryMaxDelayMs: 2000, onEvent: (e) => events.push(e) }),
    );
    expect(results).toEqual(range(12));
    expect(peak).toBe(4);
    // Inputs 0–2 get a 429 at 100 ms and back off for up to 2 s; 3–11 run four at a time meanwhile.
    expect(starts.filter(([, attempt]) => attempt === 1)).toEqual(range(12).map((x) => [x, 1, 100 * Math.floor(x / 4)]));
    const backoffs = events.filter((e) => e.type === 'rate-limited');
    expect(backoffs.map((e) => e.type === 'rate-limited' && [e.index, e.at, e.reason])).toEqual([[0, 100, 'backoff'], [1, 100, 'backoff'], [2, 100, 'backoff']]);
    for (const e of backoffs) {
      if (e.type !== 'rate-limited') continue;
      expect(starts, `input ${e.index} retries when its backoff ends`).toContainEqual([e.index, 2, 100 + e.waitMs]);
    }
    expect(clock.now()).toBe(Math.max(...backoffs.map((e) => (e.type === 'rate-limited' ? 100 + e.waitMs + 100 : 0))));
    // The limiter sees the requests actually in flight: four, while three inputs back off.
    expect(limiter.samples.filter((sample) => sample.startedAt > 0 && sample.startedAt < 300).map((sample) => sample.inFlight)).toEqual(new Array(8).fill(4));
  });

  it('adaptive() lets the AimdLimit grow while inputs back off (they do not make it look app-limited)', async () => {
    const clock = new VirtualClock();
    const limits: LimitChange[] = [];
    const retryStarts: number[] = [];
    await clock.run(() =>
      adaptive(range(60), async (x, ctx) => {
        if (ctx.attempt > 1) retryStarts.push(clock.now());
        await clock.sleep(100);
        if (x < 3 && ctx.attempt === 1) throw new TooManyRequests();
        return x;
      }, { clock, limiter: new AimdLimit({ initialLimit: 4, slowStart: false }), retryBaseDelayMs: 5000, retryMaxDelayMs: 5000, onLimitChange: (c) => limits.push(c) }),
    );
    const firstRetry = Math.min(...retryStarts);
    expect(firstRetry).toBeGreaterThan(500);
    const cut = limits.find((c) => c.reason === 'multiplicative-decrease') as LimitChange;
    const beforeRetry = limits.filter((c) => c.at < firstRetry);
    expect(beforeRetry.at(-1)?.limit, 'grown by +1 per round trip since the cut').toBeGreaterThanOrEqual(cut.limit + 4);
  });

  it('adaptive() retries a 429 at most rateLimitRetries times, 10 by default, then fails the input with it', async () => {
    const run = async (options: { rateLimitRetries?: number }) => {
      const clock = new VirtualClock();
      let attempts = 0;
      const results = await clock.run(() =>
        adaptive(range(1), async () => {
          attempts++;
          await clock.sleep(10);
          throw new TooManyRequests();
        }, { clock, limiter: new FixedLimit(1), returnExceptions: true, ...options }),
      );
      return { attempts, result: results[0] };
    };
    const byDefault = await run({});
    expect(byDefault.attempts, 'the first attempt and 10 retries').toBe(11);
    expect(byDefault.result).toBeInstanceOf(TooManyRequests);
    expect((await run({ rateLimitRetries: 2 })).attempts).toBe(3);
  });

  it('isOverloadError() counts 429s and timeouts as overload, but not an insufficient_quota 429', () => {
    expect(isOverloadError(new TooManyRequests())).toBe(true);
    expect(isOverloadError(new AttemptTimeoutError(1000, 0, 1))).toBe(true);
    expect(isOverloadError(Object.assign(new TooManyRequests(), { code: 'insufficient_quota' }))).toBe(false);
    expect(isOverloadError(Object.assign(new Error('bad request'), { status: 400 }))).toBe(false);
  });

  it('adaptive() with rateLimitRetries: 0 fails a 429 like any error; other errors are not retried and do not move the limit', async () => {
    const clock = new VirtualClock();
    const limiter = new FixedLimit(3);
    const results = await clock.run(() =>
      adaptive(range(4), async (x) => {
        await clock.sleep(10);
        if (x === 1) throw new TooManyRequests();
        if (x === 2) throw Object.assign(new Error('bad request'), { status: 400 });
        return x;
      }, { clock, limiter, rateLimitRetries: 0, returnExceptions: true }),
    );
    expect(results[0]).toBe(0);
    expect(results[1]).toBeInstanceOf(TooManyRequests);
    expect(results[2]).toMatchObject({ status: 400 });
    expect(results[3]).toBe(3);
    expect(limiter.samples.map((s) => s.outcome)).toEqual(['success', 'dropped', 'ignored', 'success']);
    const aimd = new AimdLimit({ initialLimit: 4 });
    await expect(clock.run(() => adaptive(range(3), async (x) => {
      if (x === 1) throw Object.assign(new Error('server error'), { status: 500 });
      return x;
    }, { clock, limiter: aimd }))).rejects.toMatchObject({ status: 500 });
  });

  it('adaptive() timeoutMs aborts a slow attempt, counts it as a drop and fails the input', async () => {
    const clock = new VirtualClock();
    const limiter = new AimdLimit({ initialLimit: 10, backoffRatio: 0.5 });
    const results = await clock.run(() =>
      adaptive(range(3), (x, ctx) => clock.sleep(x === 1 ? 5000 : 100, ctx.signal).then(() => x), { clock, limiter, timeoutMs: 1000, returnExceptions: true }),
    );
    expect(results[0]).toBe(0);
    expect(results[1]).toBeInstanceOf(AttemptTimeoutError);
    expect(results[2]).toBe(2);
    expect(limiter.limit, 'cut to 0.5 × the 2 in flight when the timed-out attempt started').toBe(1);
    expect(clock.now()).toBe(1000);
  });

  it('adaptive() caps the limiter at maxConcurrency', async () => {
    const clock = new VirtualClock();
    const changes: LimitChange[] = [];
    let inFlight = 0;
    let peak = 0;
    await clock.run(() =>
      adaptive(range(100), async (x) => {
        peak = Math.max(peak, ++inFlight);
        await clock.sleep(100);
        inFlight--;
        return x;
      }, { clock, maxConcurrency: 6, onLimitChange: (c) => changes.push(c) }),
    );
    expect(peak).toBe(6);
    expect(Math.max(...changes.map((c) => c.limit))).toBe(6);
  });

  it('adaptive() stops at once on abort: rejects with the reason during a retry-after pause, starts nothing more', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const reason = new Error('stop');
    let calls = 0;
    const outcome = clock.run(async () => {
      const running = adaptive(range(10), async () => {
        calls++;
        await clock.sleep(10);
        throw new TooManyRequests({ 'retry-after': '5' });
      }, { clock, signal: controller.signal, limiter: new FixedLimit(2) });
      await clock.sleep(1000);
      controller.abort(reason);
      return running;
    });
    await expect(outcome).rejects.toBe(reason);
    expect(clock.now()).toBe(1000);
    expect(calls).toBe(2);
    await clock.run(() => clock.sleep(10_000));
    expect(calls).toBe(2);
  });

  it('adaptive() validates its options with TypeErrors naming the option', () => {
    const task: Task<number, number> = async (x) => x;
    // @ts-expect-error not a limiter
    expect(() => adaptive([1], task, { limiter: 5 })).toThrow(/`limiter` to be a Limit/);
    expect(() => adaptive([1], task, { rateLimitRetries: -1 })).toThrow(new TypeError('Expected `rateLimitRetries` to be an integer from 0 and up (or Infinity), got `-1` (number)'));
    expect(() => adaptive([1], task, { retryBaseDelayMs: 10, retryMaxDelayMs: 5 })).toThrow(/`retryMaxDelayMs` to be a number from 10/);
    expect(() => adaptive([1], task, { timeoutMs: 0 })).toThrow(/`timeoutMs`/);
    // @ts-expect-error isDrop must be a function
    expect(() => adaptive([1], task, { isDrop: true })).toThrow(/`isDrop` to be a function/);
  });

  describe('properties', () => {
    it('adaptive() keeps the pool invariants: in flight ≤ maxConcurrency, each input once, errors at their index, nothing after abort', async () => {
      await checkPoolProperties(
        (inputs, task, options) => adaptive(inputs, task, { ...options, limiter: new AimdLimit({ initialLimit: 2 }) }),
        (s) => s.maxConcurrency,
        100,
      );
    });

    it('adaptive() never starts an attempt while the attempts in flight reach the current limit, and every input succeeds once', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            capacity: fc.integer({ min: 1, max: 12 }),
            n: fc.integer({ min: 0, max: 60 }),
            latencies: fc.array(fc.integer({ min: 1, max: 20 }).map((x) => x * 50), { minLength: 1, maxLength: 60 }),
            maxConcurrency: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
            hint: fc.option(fc.constantFrom('0', '50', '300'), { nil: undefined }),
            gradient: fc.boolean(),
          }),
          async ({ capacity, n, latencies, maxConcurrency, hint, gradient }) => {
            const clock = new VirtualClock();
            const limiter: Limit = gradient ? new GradientLimit({ initialLimit: 2, windowSize: 3 }) : new AimdLimit({ initialLimit: 2 });
            let inFlight = 0;
            let violations = 0;
            const successes = new Array<number>(n).fill(0);
            const task: Task<number, number> = async (x, ctx) => {
              inFlight++;
              if (inFlight > Math.min(limiter.limit, maxConcurrency ?? Number.POSITIVE_INFINITY)) violations++;
              try {
                await clock.sleep(latencies[(x + ctx.attempt) % latencies.length] as number);
                if (inFlight > capacity) throw new TooManyRequests(hint === undefined ? {} : { 'retry-after-ms': hint });
              } finally {
                inFlight--;
              }
              successes[x] = (successes[x] ?? 0) + 1;
              return x;
            };
            // Retry every 429 until it succeeds: a capacity-1 server can take more than the default 10 retries.
            const results = await clock.run(() => adaptive(range(n), task, { clock, limiter, maxConcurrency, rateLimitRetries: Number.POSITIVE_INFINITY }));
            expect(violations, 'starts while in flight ≥ limit').toBe(0);
            expect(results).toEqual(range(n));
            expect(successes).toEqual(new Array(n).fill(1));
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
