import { describe, expect, it } from 'vitest';
import { parseDurationMs, readRateLimitHeaders } from '../../../src/strategies/http/ratelimit-headers.ts';

describe('rate-limit headers', () => {
  it('parseDurationMs() parses OpenAI’s Go-style durations', () => {
    expect(parseDurationMs('12ms')).toBe(12);
    expect(parseDurationMs('1s')).toBe(1000);
    expect(parseDurationMs('6m0s')).toBe(360_000);
    expect(parseDurationMs('1h2m3.5s')).toBe(3_723_500);
    expect(parseDurationMs('0.5s')).toBe(500);
    expect(parseDurationMs('2')).toBe(2000);
    expect(parseDurationMs('1500us')).toBeCloseTo(1.5, 12);
    expect(parseDurationMs('soon')).toBeUndefined();
    expect(parseDurationMs('5s later')).toBeUndefined();
    expect(parseDurationMs('')).toBeUndefined();
  });

  it('readRateLimitHeaders() reads the six x-ratelimit-* headers and skips absent or malformed ones', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-limit-tokens': '200000',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-remaining-tokens': 'lots',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(readRateLimitHeaders({ headers })).toEqual({
      limitRequests: 500, limitTokens: 200_000, remainingRequests: 499, resetRequestsMs: 120, resetTokensMs: 360_000,
    });
    expect(readRateLimitHeaders(new Error('none'))).toEqual({});
  });
});
