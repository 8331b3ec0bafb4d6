/** Unit tests of the backoff delays and jitter modes. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, JITTER_MODES } from '../../../src/strategies/retry/backoff.ts';

describe('backoffDelay', () => {
  it("backoffDelay() doubles the ceiling per retry up to maxDelayMs ('none')", () => {
    const opts = { baseDelayMs: 500, maxDelayMs: 8000, jitter: 'none' as const };
    expect([0, 1, 2, 3, 4, 5].map((k) => backoffDelay(k, opts, 0.3))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it("backoffDelay() 'full' spans [0, ceiling) and 'equal' spans [ceiling/2, ceiling)", () => {
    const full = { baseDelayMs: 100, maxDelayMs: 1000, jitter: 'full' as const };
    const equal = { ...full, jitter: 'equal' as const };
    expect(backoffDelay(2, full, 0)).toBe(0);
    expect(backoffDelay(2, full, 0.5)).toBe(200);
    expect(backoffDelay(2, equal, 0)).toBe(200);
    expect(backoffDelay(2, equal, 0.5)).toBe(300);
    expect(backoffDelay(9, equal, 0.999)).toBeLessThan(1000);
  });

  it("backoffDelay() 'openai' is openai-node 6's ceiling × (1 − U·0.25): (0.75 × ceiling, ceiling], listed in JITTER_MODES", () => {
    const openai = { baseDelayMs: 500, maxDelayMs: 8000, jitter: 'openai' as const };
    expect(backoffDelay(0, openai, 0)).toBe(500);
    expect(backoffDelay(1, openai, 0.5)).toBe(875);
    expect(backoffDelay(2, openai, 0.999_999)).toBeGreaterThan(1500);
    expect(backoffDelay(2, openai, 0.999_999)).toBeLessThan(1501);
    expect(backoffDelay(9, openai, 0.2)).toBe(7600);
    expect(JITTER_MODES).toContain('openai');
  });
});
