import { describe, expect, it } from 'vitest';
import { FifoSlots } from '../../mocks/engine/fifo-slots.ts';
import { pickFault, resolveFaultRates } from '../../mocks/engine/faults.ts';
import { RateLimiter } from '../../mocks/engine/rate-limiter.ts';
import { estimateChatPromptTokens, estimateEmbeddingTokens, estimateTextTokens } from '../../mocks/engine/tokens.ts';

describe('RateLimiter', () => {
  it('.admit() takes from both buckets or from neither', () => {
    const limiter = new RateLimiter({ rpm: 60, tpm: 1000, burstRequests: null, burstTokens: null }, 0);
    expect(limiter.admit(600, 0)).toBeNull();
    const rejected = limiter.admit(600, 0);
    expect(rejected).toMatchObject({ kind: 'tokens', limit: 1000, used: 600, requested: 600 });
    // 200 tokens missing at 1000/min = 12 s
    expect(rejected?.retryAfterMs).toBe(12_000);
    // the request bucket was not charged for the rejected request
    expect(limiter.headers(0)['x-ratelimit-remaining-requests']).toBe('59');
  });

  it('.admit() reports requests first, with the refill time rounded up', () => {
    const limiter = new RateLimiter({ rpm: 3, tpm: null, burstRequests: 1, burstTokens: null }, 0);
    expect(limiter.admit(10, 0)).toBeNull();
    expect(limiter.admit(10, 5)).toEqual({ kind: 'requests', limit: 3, used: 1, requested: 1, retryAfterMs: 19_995 });
    expect(limiter.admit(10, 20_000)).toBeNull();
  });

  it('.admit() flags a request larger than the bucket with retryAfterMs null', () => {
    const limiter = new RateLimiter({ rpm: null, tpm: 1000, burstRequests: null, burstTokens: null }, 0);
    expect(limiter.admit(5000, 0)).toMatchObject({ kind: 'tokens', requested: 5000, retryAfterMs: null });
  });

  it('.headers() gives limit, remaining and Go-style reset for limited dimensions only', () => {
    const limiter = new RateLimiter({ rpm: 60, tpm: null, burstRequests: null, burstTokens: null }, 0);
    limiter.admit(1, 0);
    limiter.admit(1, 0);
    expect(limiter.headers(0)).toEqual({
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-remaining-requests': '58',
      'x-ratelimit-reset-requests': '2s',
    });
  });

  it('.charge() takes extra tokens after the fact', () => {
    const limiter = new RateLimiter({ rpm: null, tpm: 100, burstRequests: null, burstTokens: null }, 0);
    limiter.charge(150, 0);
    expect(limiter.headers(0)['x-ratelimit-remaining-tokens']).toBe('0');
    expect(limiter.admit(1, 0)).toMatchObject({ kind: 'tokens', retryAfterMs: Math.ceil(51 / (100 / 60_000)) });
  });
});

describe('FifoSlots', () => {
  it('.acquire() grants slots in FIFO order as they are released', async () => {
    const slots = new FifoSlots(1);
    const order: number[] = [];
    await slots.acquire();
    const waiters = [1, 2, 3].map((n) => slots.acquire().then(() => order.push(n)));
    expect(slots.waiting).toBe(3);
    for (let i = 0; i < 3; i++) {
      slots.release();
      await Promise.resolve();
      await Promise.resolve();
    }
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
    expect(slots.running).toBe(1);
  });

  it('.acquire() leaves the queue when its signal aborts', async () => {
    const slots = new FifoSlots(1);
    await slots.acquire();
    const controller = new AbortController();
    const aborted = slots.acquire(controller.signal);
    const next = slots.acquire();
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    expect(slots.waiting).toBe(1);
    slots.release();
    await next;
    expect(slots.running).toBe(1);
    slots.release();
    expect(slots.running).toBe(0);
  });

  it('.tryAcquire() does not jump the queue', async () => {
    const slots = new FifoSlots(1);
    expect(slots.tryAcquire()).toBe(true);
    const queued = slots.acquire();
    expect(slots.tryAcquire()).toBe(false);
    slots.release();
    await queued;
    expect(slots.tryAcquire()).toBe(false);
  });
});

describe('resolveFaultRates()', () => {
  it('spreads errorRate over 500/502/503 and lets explicit faults override it', () => {
    expect(resolveFaultRates(undefined, 0.3, { error502: 0, hang: 0.1 })).toEqual({ error500: 0.3 / 3, error502: 0, error503: 0.3 / 3, hang: 0.1, malformed: 0 });
  });

  it('rejects rates outside 0–1, unknown keys and sums above 1, naming the option', () => {
    expect(() => resolveFaultRates(undefined, 1.5, undefined)).toThrow(/Expected `errorRate` to be a number from 0 to 1, got `1.5` \(number\)/);
    expect(() => resolveFaultRates(undefined, undefined, { hang: -1 })).toThrow(/`faults.hang`/);
    expect(() => resolveFaultRates(undefined, undefined, { oops: 0.1 })).toThrow(/unknown key `oops`/);
    expect(() => resolveFaultRates(undefined, undefined, { hang: 0.6, malformed: 0.6 })).toThrow(/sum to at most 1, got 1.2/);
  });
});

describe('pickFault()', () => {
  it('maps a uniform draw onto the cumulative rates', () => {
    const rates = { error500: 0.1, error502: 0.1, error503: 0, hang: 0.2, malformed: 0 };
    expect(pickFault(rates, 0.05)).toBe('error500');
    expect(pickFault(rates, 0.15)).toBe('error502');
    expect(pickFault(rates, 0.35)).toBe('hang');
    expect(pickFault(rates, 0.4)).toBeNull();
  });
});

describe('token estimates', () => {
  it('estimateTextTokens() is ceil(chars / 4)', () => {
    expect(estimateTextTokens('')).toBe(0);
    expect(estimateTextTokens('abcd')).toBe(1);
    expect(estimateTextTokens('abcde')).toBe(2);
  });

  it('estimateChatPromptTokens() adds per-message and reply overhead', () => {
    // 3 (reply) + per message: 3 + 1 (role) + content
    expect(estimateChatPromptTokens([{ role: 'user', content: 'a'.repeat(400) }])).toBe(3 + 4 + 100);
    expect(estimateChatPromptTokens([{ role: 'system', content: 'abcd' }, { role: 'user', content: [{ type: 'text', text: 'abcdefgh' }] }])).toBe(3 + 5 + 6);
  });

  it('estimateEmbeddingTokens() sums strings and token ids', () => {
    expect(estimateEmbeddingTokens('abcdefgh')).toBe(2);
    expect(estimateEmbeddingTokens(['abcd', 'abcd'])).toBe(2);
    expect(estimateEmbeddingTokens([1, 2, 3])).toBe(3);
    expect(estimateEmbeddingTokens([[1, 2], [3]])).toBe(3);
  });
});
