import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider } from '../../mocks/index.ts';
import { chatBody, errorOf, post, sdkClient } from './helpers.ts';

const RPM_MESSAGE =
  'Rate limit reached for gpt-4o-mini in organization org-mock on requests per min (RPM): Limit 60, Used 60, Requested 1. ' +
  'Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.';

describe('RPM limit (virtual clock)', () => {
  it('a burst of 100 concurrent requests against rpm 60 gets 60 answers and 40 exact 429s', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ rpm: 60, clock });
    const responses = await clock.run(() => Promise.all(Array.from({ length: 100 }, (_, i) => post(provider, '/chat/completions', chatBody(`q${i}`)))));
    const ok = responses.filter((r) => r.status === 200);
    const limited = responses.filter((r) => r.status === 429);
    expect(ok).toHaveLength(60);
    expect(limited).toHaveLength(40);
    // x-ratelimit-remaining-requests counts down 59 … 0 across the accepted requests
    expect(ok.map((r) => Number(r.headers.get('x-ratelimit-remaining-requests')))).toEqual(Array.from({ length: 60 }, (_, i) => 59 - i));
    for (const r of ok) expect(r.headers.get('x-ratelimit-limit-requests')).toBe('60');
    for (const r of limited) {
      expect(Object.fromEntries(['retry-after-ms', 'retry-after', 'x-ratelimit-limit-requests', 'x-ratelimit-remaining-requests', 'x-ratelimit-reset-requests'].map((h) => [h, r.headers.get(h)]))).toEqual({
        'retry-after-ms': '1000', 'retry-after': '1', 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1m0s',
      });
      expect(await r.json()).toEqual({ error: { message: RPM_MESSAGE, type: 'requests', param: null, code: 'rate_limit_exceeded' } });
    }
    expect(provider.stats()).toMatchObject({ ok: 60, rateLimited: 40 });
  });

  it('after waiting the advertised retry-after-ms the next request is accepted, not a millisecond earlier', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ rpm: 60, burstRequests: 1, clock });
    await clock.run(async () => {
      expect((await post(provider, '/chat/completions', chatBody('a'))).status).toBe(200);
      const rejected = await post(provider, '/chat/completions', chatBody('b'));
      expect(rejected.status).toBe(429);
      const wait = Number(rejected.headers.get('retry-after-ms'));
      expect(wait).toBe(1000);
      await clock.sleep(wait - 1);
      const early = await post(provider, '/chat/completions', chatBody('b'));
      expect(early.status).toBe(429);
      expect(early.headers.get('retry-after-ms')).toBe('1');
      await clock.sleep(1);
      expect((await post(provider, '/chat/completions', chatBody('b'))).status).toBe(200);
    });
  });

  it('the SDK sees a RateLimitError carrying the headers', async () => {
    const provider = createMockProvider({ rpm: 1 });
    const client = sdkClient(provider);
    await client.chat.completions.create(chatBody('first'));
    const error = await client.chat.completions.create(chatBody('second')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('60');
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).type).toBe('requests');
  });
});

describe('TPM limit (virtual clock)', () => {
  // 4,000 characters → 1,000 tokens + 3 (message) + 1 (role) + 3 (reply) = 1,007; plus max_tokens 100 = 1,107 reserved.
  const big = (i: number) => chatBody(`${i}`.padEnd(4000, '.'), { max_tokens: 100 });

  it('large prompts fill the token bucket: 9 of 20 accepted, the rest get exact tokens 429s', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ tpm: 10_000, clock });
    const responses = await clock.run(() => Promise.all(Array.from({ length: 20 }, (_, i) => post(provider, '/chat/completions', big(i)))));
    const ok = responses.filter((r) => r.status === 200);
    const limited = responses.filter((r) => r.status === 429);
    expect(ok).toHaveLength(9);
    expect(ok.map((r) => Number(r.headers.get('x-ratelimit-remaining-tokens')))).toEqual(Array.from({ length: 9 }, (_, i) => 10_000 - 1107 * (i + 1)));
    // 1,107 needed, 37 left: 1,070 tokens at 10,000/min = 6,420 ms
    const error = await errorOf(limited[0]!);
    expect(error).toEqual({
      message: 'Rate limit reached for gpt-4o-mini in organization org-mock on tokens per min (TPM): Limit 10000, Used 9963, Requested 1107. Please try again in 6.42s. Visit https://platform.openai.com/account/rate-limits to learn more.',
      type: 'tokens', param: null, code: 'rate_limit_exceeded',
    });
    expect([limited[0]!.headers.get('retry-after-ms'), limited[0]!.headers.get('retry-after')]).toEqual(['6420', '7']);
    await clock.run(async () => {
      await clock.sleep(6419);
      expect((await post(provider, '/chat/completions', big(99))).status).toBe(429);
      await clock.sleep(1);
      expect((await post(provider, '/chat/completions', big(99))).status).toBe(200);
    });
  });

  it('a request larger than the whole bucket gets "Request too large" and no retry-after', async () => {
    const provider = createMockProvider({ tpm: 10_000 });
    const response = await post(provider, '/chat/completions', chatBody('x'.repeat(50_000)));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after-ms')).toBeNull();
    expect((await errorOf(response)).message).toMatch(/^Request too large for gpt-4o-mini .* on tokens per min \(TPM\): Limit 10000, Requested 12507\./);
  });

  it('embeddings count one request and every input\'s tokens', async () => {
    const provider = createMockProvider({ rpm: 100, tpm: 1000 });
    const response = await post(provider, '/embeddings', { model: 'text-embedding-3-small', input: ['a'.repeat(400), 'b'.repeat(400)] });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('99');
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe('800');
  });
});
