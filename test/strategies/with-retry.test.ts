/** Unit tests of the withRetry wrapper. */
import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { abatch } from '../../src/strategies/abatch.ts';
import { AttemptTimeoutError } from '../../src/strategies/retry/attempt-timeout.ts';
import type { StrategyEvent, TaskContext } from '../../src/strategies/types.ts';
import { withRetry, type RetryOptions } from '../../src/strategies/with-retry.ts';

/** An openai SDK error exactly as the SDK builds it from a response. */
function apiError(status: number, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, { error: { message: `status ${status}` } }, undefined, new Headers(headers));
}

function ctx(overrides: Partial<TaskContext> = {}): TaskContext {
  return { signal: new AbortController().signal, attempt: 1, index: 0, ...overrides };
}

/** The backoff delays `withRetry` waits, on a virtual clock, for a task that always fails with a 500. */
async function retryDelays(options: RetryOptions): Promise<number[]> {
  const clock = new VirtualClock();
  const delays: number[] = [];
  const task = withRetry(async () => {
    throw apiError(500);
  }, { ...options, clock, onEvent: (e) => e.type === 'retry' && delays.push(e.delayMs) });
  await expect(clock.run(() => task('x', ctx()))).rejects.toMatchObject({ status: 500 });
  return delays;
}

describe('withRetry', () => {
  it('withRetry() honours retry-after-ms: two 429s with 500 ms then success → attempt 3 at exactly 1000 ms', async () => {
    const clock = new VirtualClock();
    const starts: Array<[number, number]> = [];
    const events: StrategyEvent[] = [];
    const task = withRetry(
      async (input: string, { attempt }: TaskContext) => {
        starts.push([attempt, clock.now()]);
        await clock.sleep(0);
        if (attempt < 3) throw apiError(429, { 'retry-after-ms': '500' });
        return `${input}:ok`;
      },
      { clock, onEvent: (e) => events.push(e) },
    );
    const out = await clock.run(() => task('x', ctx()));
    expect(out).toBe('x:ok');
    expect(starts).toEqual([[1, 0], [2, 500], [3, 1000]]);
    expect(clock.now()).toBe(1000);
    expect(events.map((e) => (e.type === 'retry' ? [e.attempt, e.at, e.delayMs] : e.type))).toEqual([[1, 0, 500], [2, 500, 500]]);
  });

  it('withRetry() never retries a 400 (or 401, 403, 404, 422)', async () => {
    for (const status of [400, 401, 403, 404, 422]) {
      const clock = new VirtualClock();
      let calls = 0;
      const task = withRetry(async () => {
        calls++;
        throw apiError(status, { 'retry-after-ms': '10' });
      }, { clock, attempts: 5 });
      await expect(clock.run(() => task('x', ctx()))).rejects.toMatchObject({ status });
      expect(calls, `status ${status}`).toBe(1);
      expect(clock.now()).toBe(0);
    }
  });

  it('withRetry() retries 408, 409, 429 and 5xx until attempts run out, rethrowing the last error', async () => {
    for (const status of [408, 409, 429, 500, 502, 503, 599]) {
      const clock = new VirtualClock();
      let calls = 0;
      const task = withRetry(async () => {
        calls++;
        throw apiError(status);
      }, { clock, attempts: 4, jitter: 'none', baseDelayMs: 100 });
      await expect(clock.run(() => task('x', ctx()))).rejects.toMatchObject({ status });
      expect(calls, `status ${status}`).toBe(4);
      expect(clock.now(), `status ${status}`).toBe(100 + 200 + 400);
    }
  });

  it("withRetry() with jitter 'none' doubles the delay up to maxDelayMs", async () => {
    expect(await retryDelays({ attempts: 6, jitter: 'none', baseDelayMs: 500, maxDelayMs: 3000 })).toEqual([500, 1000, 2000, 3000, 3000]);
  });

  it("withRetry() with jitter 'full' / 'equal' stays inside the ceiling and is reproducible per seed", async () => {
    const run = (jitter: 'full' | 'equal', seed: number): Promise<number[]> => retryDelays({ attempts: 8, jitter, seed, baseDelayMs: 100, maxDelayMs: 1600 });
    const full = await run('full', 7);
    expect(await run('full', 7)).toEqual(full);
    expect(await run('full', 8)).not.toEqual(full);
    full.forEach((d, k) => {
      const ceiling = Math.min(1600, 100 * 2 ** k);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(ceiling);
    });
    const equal = await run('equal', 7);
    equal.forEach((d, k) => {
      const ceiling = Math.min(1600, 100 * 2 ** k);
      expect(d).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d).toBeLessThan(ceiling);
    });
  });

  it("withRetry() with jitter 'openai' draws each delay from (0.75 × ceiling, ceiling], as openai-node 6 does", async () => {
    const delays = await retryDelays({ attempts: 8, jitter: 'openai', baseDelayMs: 500, maxDelayMs: 8000 });
    expect(delays).toHaveLength(7);
    delays.forEach((d, k) => {
      const ceiling = Math.min(8000, 500 * 2 ** k);
      expect(d, `retry ${k}`).toBeGreaterThan(0.75 * ceiling);
      expect(d, `retry ${k}`).toBeLessThanOrEqual(ceiling);
    });
    expect(new Set(delays.map((d, k) => d / Math.min(8000, 500 * 2 ** k))).size, 'jittered, not fixed').toBe(7);
  });

  it('withRetry() never retries an insufficient_quota 429 (the default retryOn)', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const quota = APIError.generate(429, { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } }, undefined, new Headers({ 'retry-after-ms': '10' }));
    const task = withRetry(async () => {
      calls++;
      throw quota;
    }, { clock, attempts: 5 });
    await expect(clock.run(() => task('x', ctx()))).rejects.toBe(quota);
    expect(calls).toBe(1);
    expect(clock.now()).toBe(0);
  });

  it('withRetry() honours retry-after in seconds and as an HTTP date; hints above maxRetryAfterMs fall back to backoff', async () => {
    const delaysFor = async (headers: Record<string, string>, extra = {}): Promise<number[]> => {
      const clock = new VirtualClock();
      const delays: number[] = [];
      const task = withRetry(async () => {
        throw apiError(429, headers);
      }, { clock, attempts: 2, jitter: 'none', baseDelayMs: 250, onEvent: (e) => e.type === 'retry' && delays.push(e.delayMs), ...extra });
      await clock.run(() => task('x', ctx()).catch(() => undefined));
      return delays;
    };
    expect(await delaysFor({ 'retry-after': '2' })).toEqual([2000]);
    expect(await delaysFor({ 'retry-after': '1.5', 'retry-after-ms': '40' })).toEqual([40]);
    const [fromDate] = await delaysFor({ 'retry-after': new Date(Date.now() + 30_000).toUTCString() });
    expect(fromDate).toBeGreaterThan(25_000);
    expect(fromDate).toBeLessThanOrEqual(30_000);
    expect(await delaysFor({ 'retry-after': '120' })).toEqual([250]);
    expect(await delaysFor({ 'retry-after-ms': '500' }, { honourRetryAfter: false })).toEqual([250]);
  });

  it('withRetry() hands the task ctx.attempt counting up from the caller and keeps ctx.index', async () => {
    const clock = new VirtualClock();
    const seen: Array<[number, number]> = [];
    const task = withRetry(async (_: string, c: TaskContext) => {
      seen.push([c.attempt, c.index]);
      if (c.attempt < 4) throw apiError(500);
      return c.attempt;
    }, { clock, attempts: 3, jitter: 'none', baseDelayMs: 1 });
    expect(await clock.run(() => task('x', ctx({ attempt: 2, index: 7 })))).toBe(4);
    expect(seen).toEqual([[2, 7], [3, 7], [4, 7]]);
  });

  it('withRetry() timeoutMs aborts a slow attempt through ctx.signal and retries it', async () => {
    const clock = new VirtualClock();
    const reasons: unknown[] = [];
    const task = withRetry(async (_: string, c: TaskContext) => {
      if (c.attempt === 1) {
        // ignores its signal entirely: the timeout must still fire
        c.signal.addEventListener('abort', () => reasons.push(c.signal.reason));
        await clock.sleep(10_000);
        return 'late';
      }
      await clock.sleep(100);
      return 'fast';
    }, { clock, timeoutMs: 1000, jitter: 'none', baseDelayMs: 50 });
    expect(await clock.run(() => task('x', ctx()))).toBe('fast');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(AttemptTimeoutError);
    expect(reasons[0]).toMatchObject({ name: 'TimeoutError', timeoutMs: 1000, attempt: 1 });
    expect(clock.now()).toBe(1000 + 50 + 100);
  });

  it('withRetry() timeoutMs rejects with AttemptTimeoutError once attempts run out', async () => {
    const clock = new VirtualClock();
    const task = withRetry((_: string, c: TaskContext) => clock.sleep(5000, c.signal), { clock, attempts: 2, timeoutMs: 300, jitter: 'none', baseDelayMs: 10 });
    await expect(clock.run(() => task('x', ctx()))).rejects.toBeInstanceOf(AttemptTimeoutError);
    expect(clock.now()).toBe(300 + 10 + 300);
  });

  it('withRetry() stops at once on outer abort during a backoff and starts no further attempt', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    let calls = 0;
    const task = withRetry(async () => {
      calls++;
      throw apiError(503);
    }, { clock, attempts: 5, jitter: 'none', baseDelayMs: 1000 });
    const reason = new Error('cancelled by test');
    await expect(clock.run(async () => {
      const running = task('x', ctx({ signal: controller.signal }));
      await clock.sleep(1500);
      controller.abort(reason);
      return running;
    })).rejects.toBe(reason);
    expect(calls).toBe(2);
    expect(clock.now()).toBe(1500);
  });

  it('withRetry() does not retry an attempt that failed because the outer signal aborted', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    let calls = 0;
    const task = withRetry((_: string, c: TaskContext) => {
      calls++;
      return clock.sleep(1000, c.signal);
    }, { clock, timeoutMs: 5000 });
    const reason = new Error('stop');
    await expect(clock.run(async () => {
      const running = task('x', ctx({ signal: controller.signal }));
      await clock.sleep(10);
      controller.abort(reason);
      return running;
    })).rejects.toBe(reason);
    expect(calls).toBe(1);
  });

  it('withRetry() retryOn replaces the policy and sees non-Error throws as Errors', async () => {
    const clock = new VirtualClock();
    const seen: Error[] = [];
    let calls = 0;
    const task = withRetry(async () => {
      calls++;
      if (calls === 1) throw 'plain string';
      throw apiError(400);
    }, {
      clock, attempts: 3, jitter: 'none', baseDelayMs: 1,
      retryOn: (error) => {
        seen.push(error);
        return !('status' in error);
      },
    });
    await expect(clock.run(() => task('x', ctx()))).rejects.toMatchObject({ status: 400 });
    expect(calls).toBe(2);
    expect(seen[0]).toBeInstanceOf(Error);
    expect(seen[0]?.cause).toBe('plain string');
  });

  it('withRetry() composes inside a pool: each input retries in its own slot with exact virtual timings', async () => {
    const clock = new VirtualClock();
    const attempts = new Map<number, number[]>();
    const task = withRetry(async (x: number, c: TaskContext) => {
      attempts.set(c.index, [...(attempts.get(c.index) ?? []), c.attempt]);
      await clock.sleep(1000, c.signal);
      if (c.attempt === 1 && x % 2 === 0) throw apiError(503);
      return x;
    }, { clock, jitter: 'none', baseDelayMs: 250 });
    const results = await clock.run(() => abatch(Array.from({ length: 20 }, (_, i) => i), task, { clock, maxConcurrency: 10 }));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(attempts.get(0)).toEqual([1, 2]);
    expect(attempts.get(1)).toEqual([1]);
    // an even input holds its slot 1000 + 250 + 1000 ms; input 18 gets input 0's slot at 2250
    expect(clock.now()).toBe(2250 + 2250);
  });

  it('withRetry() ignores an onEvent that throws', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const task = withRetry(async () => {
      if (++calls < 2) throw apiError(500);
      return 'ok';
    }, { clock, jitter: 'none', baseDelayMs: 1, onEvent: () => { throw new Error('listener bug'); } });
    expect(await clock.run(() => task('x', ctx()))).toBe('ok');
  });

  it('withRetry() validates its options with TypeErrors naming the option', () => {
    const noop = async (): Promise<void> => undefined;
    expect(() => withRetry(noop, { attempts: 0 })).toThrow(new TypeError('Expected `attempts` to be an integer from 1 and up, got `0` (number)'));
    expect(() => withRetry(noop, { attempts: 1.5 })).toThrow(/`attempts`/);
    expect(() => withRetry(noop, { baseDelayMs: -1 })).toThrow(/`baseDelayMs`/);
    expect(() => withRetry(noop, { baseDelayMs: 100, maxDelayMs: 50 })).toThrow(/`maxDelayMs` to be a number from 100/);
    // @ts-expect-error an invalid jitter mode
    expect(() => withRetry(noop, { jitter: 'half' })).toThrow("Expected `jitter` to be one of 'full', 'equal', 'openai', 'none', got `half` (string)");
    expect(() => withRetry(noop, { timeoutMs: 0 })).toThrow(/`timeoutMs` to be a number above 0/);
    // @ts-expect-error retryOn must be a function
    expect(() => withRetry(noop, { retryOn: 3 })).toThrow(/`retryOn` to be a function/);
  });
});
