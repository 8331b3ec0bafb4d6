import { describe, expect, it } from 'vitest';
import { chunkedIdeal, closedForm, listScheduleIdeal, rateLimitedIdeal, serialIdeal } from '../../src/bench/ideal.ts';

describe('ideal makespans', () => {
  it('serialIdeal() sums service times', () => {
    expect(serialIdeal([1000, 2000, 500])).toBe(3500);
    expect(serialIdeal([])).toBe(0);
  });

  it('listScheduleIdeal() replays a sliding pool (hand-computed)', () => {
    // slots 2: a=3 on s1 (0-3), b=1 on s2 (0-1), c=2 on s2 (1-3), d=2 on s1 or s2 (3-5)
    expect(listScheduleIdeal([3, 1, 2, 2], 2)).toBe(5);
    expect(listScheduleIdeal(Array(100).fill(1000), 10)).toBe(10_000);
    expect(listScheduleIdeal(Array(100).fill(1000), 20)).toBe(5_000);
    expect(listScheduleIdeal([5, 9, 2], Number.POSITIVE_INFINITY)).toBe(9);
    expect(listScheduleIdeal([4, 4], 1)).toBe(8);
    expect(() => listScheduleIdeal([1], 0)).toThrow(TypeError);
  });

  it('chunkedIdeal() sums chunk maxima (barrier)', () => {
    expect(chunkedIdeal([1, 3, 2, 2, 5], 2)).toBe(3 + 2 + 5);
    expect(chunkedIdeal([1, 3, 2, 2], 2, 1)).toBe(4 + 4);
  });

  it('rateLimitedIdeal() paces by the request bucket after the burst', () => {
    // 60 RPM: bucket of 60 admits 60 at t=0, then one per second.
    const n = 100;
    const service = Array<number>(n).fill(1000);
    const tokens = Array<number>(n).fill(10);
    expect(rateLimitedIdeal(service, tokens, Number.POSITIVE_INFINITY, { rpm: 60 })).toBe(40_000 + 1000);
    // TPM binding: 600 TPM, 100 tokens each → 6 at once, then one every 10 s.
    expect(rateLimitedIdeal(Array(8).fill(1000), Array(8).fill(100), 100, { tpm: 600 })).toBe(20_000 + 1000);
    // slot-bound when limits are loose
    expect(rateLimitedIdeal(Array(10).fill(1000), Array(10).fill(1), 5, { rpm: 10_000 })).toBe(2000);
  });

  it('closedForm matches the tutorial formulas', () => {
    expect(closedForm.serial(100, 2000)).toBe(200_000);
    expect(closedForm.pool(100, 2000, 10)).toBe(20_000);
    expect(closedForm.pool(100, 2000, Number.POSITIVE_INFINITY)).toBe(2000);
    expect(closedForm.rateLimited(100, 10, 1000, Number.POSITIVE_INFINITY, { rpm: 60 })).toBe(41_000);
  });
});
