/** Unit tests of reading retry-after hints. */
import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../src/strategies/retry/retry-after.ts';

describe('retryAfterMs', () => {
  it('retryAfterMs() prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs({ headers: { 'retry-after-ms': '250', 'retry-after': '9' } })).toBe(250);
    expect(retryAfterMs({ headers: { 'Retry-After': '1.5' } })).toBe(1500);
    expect(retryAfterMs({ headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' } }, now)).toBe(30_000);
    expect(retryAfterMs({ headers: { 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' } }, now), 'a past date is 0').toBe(0);
  });

  it('retryAfterMs() reads an openai SDK APIError (Headers object) and a fetch-style error.response', () => {
    const error = APIError.generate(429, { error: { message: 'slow down' } }, undefined, new Headers({ 'retry-after-ms': '120' }));
    expect(retryAfterMs(error)).toBe(120);
    expect(retryAfterMs({ response: { headers: new Headers({ 'retry-after': '2' }) } })).toBe(2000);
  });

  it('retryAfterMs() returns undefined without a usable hint', () => {
    expect(retryAfterMs(new Error('no headers'))).toBeUndefined();
    expect(retryAfterMs({ headers: {} })).toBeUndefined();
    expect(retryAfterMs({ headers: { 'retry-after-ms': 'soon', 'retry-after': 'later' } })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs({ headers: { 'retry-after-ms': '-5' } }), 'never negative').toBe(0);
  });
});
