/** Unit tests of the AIMD limit algorithm. */
import { describe, expect, it } from 'vitest';
import { AimdLimit } from '../../../src/strategies/limiters/aimd-limit.ts';
import type { LimitSample } from '../../../src/strategies/limiters/limit.ts';

const ok = (inFlight: number, at = 0): LimitSample => ({ startedAt: at, settledAt: at + 1, inFlight, outcome: 'success' });
const drop = (inFlight: number, startedAt: number, settledAt = startedAt + 1): LimitSample => ({ startedAt, settledAt, inFlight, outcome: 'dropped' });

describe('AimdLimit', () => {
  it('.onSample() in slow start adds 1 per success, doubling the limit per round trip', () => {
    const limiter = new AimdLimit({ initialLimit: 4 });
    for (let i = 0; i < 4; i++) limiter.onSample(ok(4));
    expect(limiter.limit).toBe(8);
    for (let i = 0; i < 8; i++) limiter.onSample(ok(8));
    expect(limiter.limit).toBe(16);
    expect(limiter.reason).toBe('slow-start');
    expect(limiter.inSlowStart).toBe(true);
  });

  it('.onSample() does not grow while less than half the limit is in flight', () => {
    const limiter = new AimdLimit({ initialLimit: 10 });
    for (let i = 0; i < 50; i++) limiter.onSample(ok(4));
    expect(limiter.limit).toBe(10);
    limiter.onSample(ok(5));
    expect(limiter.limit).toBe(11);
  });

  it('.onSample() on a drop cuts to backoffRatio × the in-flight count it started under and ends slow start', () => {
    const limiter = new AimdLimit({ initialLimit: 30, backoffRatio: 0.9 });
    limiter.onSample(drop(17, 100));
    expect(limiter.limit).toBe(15); // floor(17 × 0.9)
    expect(limiter.reason).toBe('multiplicative-decrease');
    expect(limiter.inSlowStart).toBe(false);
    const small = new AimdLimit({ initialLimit: 10, backoffRatio: 0.5 });
    small.onSample(drop(40, 0)); // more in flight than the limit (it was just cut): cut from the limit
    expect(small.limit).toBe(5);
  });

  it('.onSample() cuts once per overload episode: drops that started no later than the last cut are ignored', () => {
    const limiter = new AimdLimit({ initialLimit: 20, backoffRatio: 0.5 });
    limiter.onSample(drop(20, 100, 150));
    expect(limiter.limit).toBe(10);
    limiter.onSample(drop(20, 120, 160)); // started before the cut at 150
    limiter.onSample(drop(20, 150, 170)); // started at the cut
    expect(limiter.limit).toBe(10);
    limiter.onSample(drop(10, 151, 180)); // started after it: a new episode
    expect(limiter.limit).toBe(5);
  });

  it('.onSample() after slow start adds 1 per round trip (1/limit per success)', () => {
    const limiter = new AimdLimit({ initialLimit: 10, backoffRatio: 0.5 });
    limiter.onSample(drop(10, 0));
    expect(limiter.limit).toBe(5);
    for (let i = 0; i < 5; i++) limiter.onSample(ok(5));
    expect(limiter.limit).toBe(5); // +1/window each: 5 → 5.2 → 5.39 → … → 5.93
    limiter.onSample(ok(5));
    expect(limiter.limit).toBe(6);
    expect(limiter.reason).toBe('additive-increase');
    for (let i = 0; i < 6; i++) limiter.onSample(ok(6));
    expect(limiter.limit).toBe(7);
  });

  it('.onSample() grows plateauFactor times slower within 1 of the concurrency that drew the last drop', () => {
    const limiter = new AimdLimit({ initialLimit: 20, backoffRatio: 0.9, plateauFactor: 4 });
    limiter.onSample(drop(17, 0)); // ceiling 17, window 15.3
    let successes = 0;
    while (limiter.limit < 16) {
      limiter.onSample(ok(16));
      successes++;
    }
    expect(successes, '15.3 → 16 at +1/window per success').toBe(11);
    successes = 0;
    while (limiter.limit < 17) {
      limiter.onSample(ok(16));
      successes++;
    }
    expect(successes, '16 → 17 on the plateau: about 4 round trips of 16').toBeGreaterThan(3 * 16);
    expect(successes).toBeLessThanOrEqual(4 * 17);
    successes = 0;
    while (limiter.limit < 18) {
      limiter.onSample(ok(17));
      successes++;
    }
    expect(successes, 'past the ceiling: one round trip again').toBeLessThanOrEqual(18);
    const flat = new AimdLimit({ initialLimit: 20, plateauFactor: 1 });
    flat.onSample(drop(17, 0));
    successes = 0;
    while (flat.limit < 17) {
      flat.onSample(ok(16));
      successes++;
    }
    expect(successes, 'plateauFactor 1: no plateau').toBeLessThan(30);
  });

  it('.onSample() keeps the limit within minLimit and maxLimit and ignores "ignored" samples', () => {
    const limiter = new AimdLimit({ initialLimit: 4, minLimit: 3, maxLimit: 6 });
    for (let i = 0; i < 20; i++) limiter.onSample(ok(6));
    expect(limiter.limit).toBe(6);
    for (let t = 1; t < 20; t++) limiter.onSample(drop(6, t * 10));
    expect(limiter.limit).toBe(3);
    limiter.onSample({ startedAt: 500, settledAt: 501, inFlight: 3, outcome: 'ignored' });
    expect(limiter.limit).toBe(3);
  });

  it('new AimdLimit() validates its options with TypeErrors naming the option', () => {
    expect(() => new AimdLimit({ minLimit: 0 })).toThrow(new TypeError('Expected `minLimit` to be an integer from 1 and up, got `0` (number)'));
    expect(() => new AimdLimit({ minLimit: 5, initialLimit: 4 })).toThrow(/`initialLimit` to be an integer from 5/);
    expect(() => new AimdLimit({ initialLimit: 8, maxLimit: 4 })).toThrow(/`maxLimit` to be an integer from 8/);
    expect(() => new AimdLimit({ backoffRatio: 1 })).toThrow(new TypeError('Expected `backoffRatio` to be a number above 0 and below 1, got `1` (number)'));
    expect(() => new AimdLimit({ backoffRatio: 0 })).toThrow(/`backoffRatio`/);
    expect(() => new AimdLimit({ plateauFactor: 0.5 })).toThrow(new TypeError('Expected `plateauFactor` to be a number from 1 and up, got `0.5` (number)'));
    expect(new AimdLimit({ maxLimit: Number.POSITIVE_INFINITY }).maxLimit).toBe(Number.POSITIVE_INFINITY);
  });
});
