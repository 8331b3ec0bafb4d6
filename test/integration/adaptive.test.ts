/** End-to-end tests of adaptive through the mock provider and the openai SDK (its client and its error classes). */
import OpenAI, { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { createMockProvider } from '../../mocks/index.ts';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { adaptive, isOverloadError, type LimitChange } from '../../src/strategies/adaptive.ts';
import { FixedLimit, TooManyRequests } from '../strategies/adaptive-fakes.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('adaptive (integration)', () => {
  it('adaptive() through createMockProvider (maxInFlight 16, reject) and the openai SDK meets the same bounds', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ clock, latency: 1000, maxInFlight: 16 });
    const client = new OpenAI({ apiKey: 'test', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 0 });
    const history: LimitChange[] = [];
    const results = await clock.run(() =>
      adaptive(range(1000), (i, { signal }) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `q${i}` }] }, { signal }), {
        clock, onLimitChange: (c) => history.push(c),
      }),
    );
    expect(results).toHaveLength(1000);
    const stats = provider.stats();
    const warm = [history.filter((c) => c.at < 10_000).at(-1)?.limit as number, ...history.filter((c) => c.at >= 10_000).map((c) => c.limit)];
    expect(Math.min(...warm)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...warm)).toBeLessThanOrEqual(20);
    expect(stats.rateLimited / stats.requests, '429 ratio').toBeLessThan(0.05);
    expect(stats.ok).toBe(1000);
    expect(62_500 / clock.now(), 'throughput vs the 16-slot optimum').toBeGreaterThanOrEqual(0.85);
  });


  it('adaptive() never retries an insufficient_quota 429 and does not count it as overload', async () => {
    const clock = new VirtualClock();
    const quota = APIError.generate(429, { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } }, undefined, new Headers({ 'retry-after-ms': '100' }));
    expect(isOverloadError(quota)).toBe(false);
    expect(isOverloadError(new TooManyRequests())).toBe(true);
    const limiter = new FixedLimit(2);
    let calls = 0;
    const outcome = clock.run(() =>
      adaptive(range(3), async (x) => {
        calls++;
        await clock.sleep(10);
        if (x === 0) throw quota;
        return x;
      }, { clock, limiter }),
    );
    await expect(outcome).rejects.toBe(quota);
    expect(calls).toBe(2);
    expect(limiter.samples[0]?.outcome).toBe('ignored');
  });
});
