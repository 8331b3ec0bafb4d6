/** Unit tests of reading `x-ratelimit-*` headers. */
import { describe, expect, it } from 'vitest';
import { readRateLimitHeaders } from '../../../src/strategies/http/ratelimit-headers.ts';

describe('rate-limit headers', () => {
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
