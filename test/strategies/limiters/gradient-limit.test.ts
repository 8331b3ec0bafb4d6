/** Unit tests of the gradient limit algorithm. */
import { describe, expect, it } from 'vitest';
import { GradientLimit } from '../../../src/strategies/limiters/gradient-limit.ts';
import type { LimitSample } from '../../../src/strategies/limiters/limit.ts';

const ok = (rtt: number, inFlight: number, startedAt = 0): LimitSample => ({ startedAt, settledAt: startedAt + rtt, inFlight, outcome: 'success' });
const drop = (inFlight: number, startedAt: number, settledAt = startedAt + 1): LimitSample => ({ startedAt, settledAt, inFlight, outcome: 'dropped' });

/** Feeds `count` identical successes. */
function feed(limiter: GradientLimit, count: number, rtt: number, inFlight: number): void {
  for (let i = 0; i < count; i++) limiter.onSample(ok(rtt, inFlight));
}

describe('GradientLimit', () => {
  it('.onSample() doubles the limit once per window in slow start while RTT stays at the no-load RTT', () => {
    const limiter = new GradientLimit({ initialLimit: 4, windowSize: 4 });
    feed(limiter, 3, 100, 4);
    expect(limiter.limit, 'no update before the window closes').toBe(4);
    limiter.onSample(ok(100, 4));
    expect(limiter.limit).toBe(8);
    expect(limiter.reason).toBe('slow-start');
    expect(limiter.noLoadRtt).toBe(100);
    feed(limiter, 8, 105, 8); // a window closes after max(windowSize, limit) = 8 samples; 5 % slower is still no queueing
    expect(limiter.limit).toBe(16);
    expect(limiter.inSlowStart).toBe(true);
  });

  it('.onSample() leaves slow start and shrinks the limit when a window queues (RTT above rttTolerance × no-load)', () => {
    const limiter = new GradientLimit({ initialLimit: 16, windowSize: 1, queueSize: () => 4, smoothing: 0.2, rttTolerance: 1.5 });
    feed(limiter, 16, 100, 16); // slow start: 16 → 32
    expect(limiter.limit).toBe(32);
    feed(limiter, 32, 300, 32);
    // gradient = max(0.5, 1.5·100/300) = 0.5; next = 0.8·32 + 0.2·(32·0.5 + 4) = 29.6
    expect(limiter.limit).toBe(29);
    expect(limiter.inSlowStart).toBe(false);
    expect(limiter.reason).toBe('gradient');
    for (let w = 0; w < 20; w++) feed(limiter, limiter.limit, 300, limiter.limit);
    expect(limiter.limit).toBeLessThan(12);
  });

  it('.onSample() after slow start grows by smoothing × queueSize per window while RTT is within tolerance', () => {
    const limiter = new GradientLimit({ initialLimit: 16, windowSize: 1, queueSize: () => 4, slowStart: false });
    feed(limiter, 16, 100, 16);
    expect(limiter.limit).toBe(16); // 0.8·16 + 0.2·20 = 16.8
    feed(limiter, 16, 140, 16); // 1.4× the no-load RTT: gradient still 1
    expect(limiter.limit).toBe(17); // 17.6
  });

  it('.onSample() holds the limit while less than half of it was in flight in the window', () => {
    const limiter = new GradientLimit({ initialLimit: 40, windowSize: 1 });
    for (let w = 0; w < 10; w++) feed(limiter, 40, 100, 19);
    expect(limiter.limit).toBe(40);
    expect(limiter.reason).toBe('initial');
  });

  it('.noLoadRtt follows the fastest request and creeps up by 1/baselineWindows per window', () => {
    const limiter = new GradientLimit({ initialLimit: 2, windowSize: 2, baselineWindows: 10, slowStart: false, minLimit: 1, maxLimit: 2 });
    limiter.onSample(ok(100, 2));
    limiter.onSample(ok(300, 2));
    expect(limiter.noLoadRtt).toBe(100);
    feed(limiter, 2, 200, 2);
    expect(limiter.noLoadRtt).toBeCloseTo(110, 9);
    feed(limiter, 2, 200, 2);
    expect(limiter.noLoadRtt).toBeCloseTo(121, 9);
    limiter.onSample(ok(50, 2));
    limiter.onSample(ok(500, 2));
    expect(limiter.noLoadRtt).toBe(50);
  });

  it('.onSample() cuts on a drop once per overload episode and respects minLimit/maxLimit', () => {
    const limiter = new GradientLimit({ initialLimit: 20, minLimit: 2, maxLimit: 24, backoffRatio: 0.5, windowSize: 1 });
    limiter.onSample(drop(20, 10, 20));
    expect(limiter.limit).toBe(10);
    expect(limiter.reason).toBe('drop');
    expect(limiter.inSlowStart).toBe(false);
    limiter.onSample(drop(20, 15, 25)); // started before the cut
    expect(limiter.limit).toBe(10);
    for (let w = 0; w < 100; w++) feed(limiter, limiter.limit, 100, 24);
    expect(limiter.limit).toBe(24);
    for (let t = 1; t < 30; t++) limiter.onSample(drop(24, 1000 * t));
    expect(limiter.limit).toBe(2);
  });

  it('new GradientLimit() validates its options with TypeErrors naming the option', () => {
    expect(() => new GradientLimit({ smoothing: 0 })).toThrow(new TypeError('Expected `smoothing` to be a number above 0 and at most 1, got `0` (number)'));
    expect(() => new GradientLimit({ rttTolerance: 0.5 })).toThrow(new TypeError('Expected `rttTolerance` to be a number from 1 and up, got `0.5` (number)'));
    expect(() => new GradientLimit({ baselineWindows: 0 })).toThrow(/`baselineWindows`/);
    expect(() => new GradientLimit({ windowSize: 2.5 })).toThrow(/`windowSize` to be an integer/);
    expect(() => new GradientLimit({ backoffRatio: 1 })).toThrow(/`backoffRatio` to be a number above 0 and below 1/);
    // @ts-expect-error queueSize must be a function
    expect(() => new GradientLimit({ queueSize: 4 })).toThrow(/`queueSize` to be a function/);
  });
});
