/** Tests of the rateLimited strategy, on scripted tasks and through the mock provider. */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.ts';
import { TokenBucket } from '../../src/core/token-bucket.ts';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { createMockProvider } from '../../mocks/index.ts';
import { RateLimiter } from '../../mocks/engine/rate-limiter.ts';
import { estimateChatPromptTokens } from '../../mocks/engine/tokens.ts';
import { rateLimited, type RateLimitedOptions } from '../../src/strategies/rate-limited.ts';
import { ReservationTooLargeError } from '../../src/strategies/limiters/request-pacer.ts';
import type { StrategyEvent, Task } from '../../src/strategies/types.ts';
import { checkPoolProperties } from './pool-properties.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** An error shaped like the openai SDK's `RateLimitError`. */
class TooManyRequests extends Error {
  readonly status = 429;
  constructor(readonly headers: Record<string, string> = {}) {
    super('429 Rate limit reached');
  }
}

/**
 * The analytical optimum with buckets of capacity = per-minute limit: the last request
 * cannot start before every bucket has refilled what the run takes beyond its capacity,
 * max(0, (N − cap)/rate) per bucket, and then takes its service time.
 */
function optimumMs(n: number, tokens: number, rpm: number, tpm: number, serviceMs: number): number {
  const forRequests = Math.max(0, (n - rpm) / (rpm / 60_000));
  const forTokens = Math.max(0, (tokens - tpm) / (tpm / 60_000));
  return Math.max(forRequests, forTokens) + serviceMs;
}

/** Runs `n` one-at-a-time inputs of 10 ms that return `output`; resolves with their start times. */
async function startTimes(n: number, output: unknown, options: RateLimitedOptions<number, unknown>): Promise<number[]> {
  const clock = new VirtualClock();
  const starts: number[] = [];
  await clock.run(() =>
    rateLimited(range(n), async () => {
      starts.push(clock.now());
      await clock.sleep(10);
      return output;
    }, { ...options, clock, maxConcurrency: 1 }),
  );
  return starts;
}

describe('rateLimited', () => {
  it('rateLimited() at 60 RPM / 10,000 TPM against the mock provider’s buckets: zero 429s, 300 inputs within 5 % of the optimum', async () => {
    const clock = new VirtualClock();
    const rng = createRng(5);
    const costs = range(300).map(() => rng.int(50, 350));
    const server = new RateLimiter({ rpm: 60, tpm: 10_000, burstRequests: null, burstTokens: null }, clock.now());
    let rejected = 0;
    const task: Task<number, { usage: { total_tokens: number } }> = async (cost) => {
      if (server.admit(cost, clock.now()) !== null) {
        rejected++;
        throw new TooManyRequests();
      }
      await clock.sleep(2000);
      return { usage: { total_tokens: cost } };
    };
    const results = await clock.run(() => rateLimited(costs, task, { clock, rpm: 60, tpm: 10_000, estimateTokens: (cost) => cost }));
    const optimum = optimumMs(300, costs.reduce((a, b) => a + b, 0), 60, 10_000, 2000);
    expect(results).toHaveLength(300);
    expect(rejected, '429s').toBe(0);
    expect(clock.now()).toBeGreaterThanOrEqual(optimum);
    expect(clock.now() / optimum, 'makespan / optimum').toBeLessThanOrEqual(1.05);

    // Without pacing the same provider rejects most of the run.
    const unpaced = new VirtualClock();
    const server2 = new RateLimiter({ rpm: 60, tpm: 10_000, burstRequests: null, burstTokens: null }, 0);
    const out = await unpaced.run(() => rateLimited(costs, async (cost) => {
      if (server2.admit(cost, unpaced.now()) !== null) throw new TooManyRequests();
      await unpaced.sleep(2000);
      return cost;
    }, { clock: unpaced, returnExceptions: true }));
    expect(out.filter((r) => r instanceof TooManyRequests).length).toBeGreaterThan(200);
  });

  it('rateLimited() through createMockProvider and the openai SDK: zero 429s and within 5 % of the optimum', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ clock, latency: 2000, rpm: 60, tpm: 10_000, seed: 3 });
    const client = new OpenAI({ apiKey: 'test', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 0 });
    const rng = createRng(9);
    const prompts = range(300).map((i) => `prompt ${i} ${'x'.repeat(rng.int(100, 700))}`);
    const maxTokens = 60;
    const messagesOf = (p: string) => [{ role: 'user' as const, content: p }];
    const estimate = (p: string): number => estimateChatPromptTokens(messagesOf(p)) + maxTokens;
    let rateLimitedCount = 0;
    const results = await clock.run(() =>
      rateLimited(prompts, (p, { signal }) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: messagesOf(p), max_tokens: maxTokens }, { signal }), {
        clock, rpm: 60, tpm: 10_000, estimateTokens: estimate, returnExceptions: true,
      }),
    );
    for (const r of results) if (r instanceof Error) rateLimitedCount++;
    expect(rateLimitedCount, 'errors (429s)').toBe(0);
    expect(provider.stats()).toMatchObject({ requests: 300 });
    const optimum = optimumMs(300, prompts.reduce((a, p) => a + estimate(p), 0), 60, 10_000, 2000);
    expect(clock.now()).toBeGreaterThanOrEqual(optimum);
    expect(clock.now() / optimum, 'makespan / optimum').toBeLessThanOrEqual(1.05);
  });

  it('rateLimited() paces requests at rpm after the burst and reports each wait as a rate-limited event', async () => {
    const clock = new VirtualClock();
    const starts: number[] = [];
    const events: StrategyEvent[] = [];
    await clock.run(() =>
      rateLimited(range(5), async (x) => {
        starts.push(clock.now());
        return x;
      }, { clock, rpm: 60, burst: { requests: 2 }, onEvent: (e) => events.push(e) }),
    );
    expect(starts).toEqual([0, 0, 1000, 2000, 3000]);
    const waits = events.filter((e) => e.type === 'rate-limited');
    expect(waits.map((e) => e.type === 'rate-limited' && [e.index, e.waitMs, e.reason])).toEqual([
      [2, 1000, 'rpm'],
      [3, 1000, 'rpm'],
      [4, 1000, 'rpm'],
    ]);
  });

  it('rateLimited() admits first come, first served: a large request is not overtaken by small ones', async () => {
    const clock = new VirtualClock();
    const starts: Array<[number, number]> = [];
    const costs = [100, 100, 10, 10];
    await clock.run(() =>
      rateLimited(range(4), async (i) => {
        starts.push([i, clock.now()]);
      }, { clock, tpm: 6000, burst: { tokens: 100 }, estimateTokens: (i) => costs[i] as number }),
    );
    // 100 tokens per second: input 1 waits 1 s for 100 tokens; 2 and 3 queue behind it.
    expect(starts).toEqual([[0, 0], [1, 1000], [2, 1100], [3, 1200]]);
  });

  it('rateLimited() settles reservations with usageOf: overruns are charged, refunds only with refundUnused', async () => {
    const run = (usage: number, refundUnused: boolean): Promise<number[]> =>
      startTimes(3, { usage: { total_tokens: usage } }, { tpm: 6000, burst: { tokens: 100 }, estimateTokens: () => 50, refundUnused });
    // 100 tokens per second, bucket of 100, 50 reserved per input, one at a time (10 ms each)
    expect(await run(50, false), 'estimate exact').toEqual([0, 10, 500]);
    expect(await run(100, false), 'overrun of 50 charged').toEqual([0, 500, 1500]);
    expect(await run(10, false), 'no refund by default').toEqual([0, 10, 500]);
    expect(await run(10, true), 'refund of 40').toEqual([0, 10, 20]);
  });

  it('rateLimited() fails an input whose reservation exceeds the token bucket, or whose estimate is invalid, at its index', async () => {
    const clock = new VirtualClock();
    const results = await clock.run(() =>
      rateLimited(['ok', 'huge', 'nan', 'ok2'], async (s) => s, {
        clock, tpm: 1000, returnExceptions: true,
        estimateTokens: (s) => (s === 'huge' ? 5000 : s === 'nan' ? Number.NaN : 10),
      }),
    );
    expect(results[0]).toBe('ok');
    expect(results[1]).toBeInstanceOf(ReservationTooLargeError);
    expect(results[1]).toMatchObject({ tokens: 5000, capacity: 1000 });
    expect(String(results[1])).toMatch(/Failed to reserve 5000 tokens: the TPM bucket holds at most 1000\. Please raise/);
    expect(results[2]).toBeInstanceOf(TypeError);
    expect(String(results[2])).toMatch(/`estimateTokens` to return a finite number from 0 and up for input 2, got `NaN`/);
    expect(results[3]).toBe('ok2');
  });

  it('rateLimited() holds every new start for retry-after when a 429 still arrives', async () => {
    const clock = new VirtualClock();
    const starts: Array<[number, number]> = [];
    const events: StrategyEvent[] = [];
    const results = await clock.run(() =>
      rateLimited(range(4), async (i) => {
        starts.push([i, clock.now()]);
        await clock.sleep(10);
        if (i === 0) throw new TooManyRequests({ 'retry-after-ms': '700' });
        return i;
      }, { clock, rpm: 600, maxConcurrency: 1, returnExceptions: true, onEvent: (e) => events.push(e) }),
    );
    expect(results[0]).toBeInstanceOf(TooManyRequests);
    expect(starts).toEqual([[0, 0], [1, 710], [2, 720], [3, 730]]);
    expect(events.find((e) => e.type === 'rate-limited')).toMatchObject({ index: 1, at: 10, waitMs: 700, reason: 'retry-after' });
  });

  it('rateLimited() with adaptToHeaders lowers its buckets to x-ratelimit-remaining-* when the server has less', async () => {
    // another client used the key: the server has no requests left
    const output = { headers: new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-remaining-tokens': '5000' }) };
    const run = (adaptToHeaders: boolean): Promise<number[]> => startTimes(3, output, { rpm: 60, adaptToHeaders });
    expect(await run(false)).toEqual([0, 10, 20]);
    // after the first: 59 left locally, 0 on the server → the bucket drops by 59 and refills at 1/s
    const adapted = await run(true);
    [0, 1000, 2000].forEach((at, i) => expect(adapted[i], `start ${i}`).toBeCloseTo(at, 6));
  });

  it('rateLimited() with adaptToHeaders corrects a shared-key deficit once: near-optimal pacing with 10 in flight', async () => {
    // The server's 60-RPM bucket already lost 20 requests to another client; each response reports what is left.
    const run = async (adaptToHeaders: boolean) => {
      const clock = new VirtualClock();
      const server = new TokenBucket({ perMinute: 60, capacity: 60, now: 0 });
      server.tryTake(20, 0);
      let rejected = 0;
      const results = await clock.run(() =>
        rateLimited(range(100), async (x) => {
          const ok = server.tryTake(1, clock.now());
          const headers = { 'x-ratelimit-remaining-requests': String(Math.floor(server.available(clock.now()))) };
          await clock.sleep(1000);
          if (!ok) {
            rejected++;
            throw new TooManyRequests(headers);
          }
          return { x, headers };
        }, { clock, rpm: 60, maxConcurrency: 10, adaptToHeaders, returnExceptions: true }),
      );
      return { makespan: clock.now(), rejected, served: results.filter((r) => !(r instanceof Error)).length };
    };
    expect(await run(false)).toEqual({ makespan: 41_000, rejected: 20, served: 80 });
    // Optimum: 40 requests at once, then 1 per second → the 100th starts at 60 s and ends at 61 s.
    expect(await run(true)).toEqual({ makespan: 61_000, rejected: 0, served: 100 });
  });

  it('rateLimited() combines the buckets with maxConcurrency', async () => {
    const clock = new VirtualClock();
    let inFlight = 0;
    let peak = 0;
    await clock.run(() =>
      rateLimited(range(20), async () => {
        peak = Math.max(peak, ++inFlight);
        await clock.sleep(500);
        inFlight--;
      }, { clock, rpm: 6000, maxConcurrency: 3 }),
    );
    expect(peak).toBe(3);
    expect(clock.now()).toBe(Math.ceil(20 / 3) * 500);
  });

  it('rateLimited() validates its options with TypeErrors naming the option', () => {
    const task: Task<number, number> = async (x) => x;
    expect(() => rateLimited([1], task, { rpm: 0 })).toThrow(new TypeError('Expected `rpm` to be a number above 0, got `0` (number)'));
    expect(() => rateLimited([1], task, { tpm: Number.NaN })).toThrow(/`tpm`/);
    expect(() => rateLimited([1], task, { rpm: 10, burst: { requests: -1 } })).toThrow(/`burstRequests` to be a number above 0/);
    // @ts-expect-error estimateTokens must be a function
    expect(() => rateLimited([1], task, { tpm: 10, estimateTokens: 4 })).toThrow(/`estimateTokens` to be a function/);
  });

  describe('properties', () => {
    it('rateLimited() keeps the pool invariants: in flight ≤ maxConcurrency, each input once, errors at their index, nothing after abort', async () => {
      await checkPoolProperties(
        (inputs, task, options) => rateLimited(inputs, task, { ...options, rpm: 600, tpm: 60_000, burst: { requests: 3, tokens: 2000 }, estimateTokens: (i) => 100 + (i % 5) * 100 }),
        (s) => s.maxConcurrency,
        100,
      );
    });
  });
});
