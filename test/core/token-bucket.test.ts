/** Unit tests of the token bucket. */
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/core/token-bucket.ts';

describe('TokenBucket', () => {
  it('starts full and refuses beyond capacity', () => {
    const b = new TokenBucket({ perMinute: 60, now: 0 });
    let taken = 0;
    while (b.tryTake(1, 0)) taken++;
    expect(taken).toBe(60);
    expect(b.waitTime(1, 0)).toBe(1000);
  });

  it('refills continuously at perMinute/60000 per ms, capped at capacity', () => {
    const b = new TokenBucket({ perMinute: 60, capacity: 10, now: 0 });
    expect(b.tryTake(10, 0)).toBe(true);
    expect(b.available(500)).toBeCloseTo(0.5, 12);
    expect(b.tryTake(1, 999)).toBe(false);
    expect(b.tryTake(1, 1000)).toBe(true);
    expect(b.available(1_000_000)).toBe(10);
  });

  it('.adjust() settles reservations, possibly going negative', () => {
    const b = new TokenBucket({ perMinute: 600, now: 0 });
    b.adjust(-700, 0);
    expect(b.available(0)).toBe(-100);
    expect(b.waitTime(100, 0)).toBeCloseTo(20_000, 6);
    b.adjust(1000, 0);
    expect(b.available(0)).toBe(600);
  });

  it('validates options', () => {
    expect(() => new TokenBucket({ perMinute: 0, now: 0 })).toThrow(/perMinute/);
    expect(() => new TokenBucket({ perMinute: 10, capacity: -1, now: 0 })).toThrow(/capacity/);
  });
});
