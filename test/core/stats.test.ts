/** Unit tests of the sample statistics. */
import { describe, expect, it } from 'vitest';
import { bootstrapCi, mean, median, percentile, sortSamples, summarize } from '../../src/core/stats.ts';

describe('stats', () => {
  it('percentile() interpolates between closest ranks (R-7)', () => {
    const s = sortSamples([4, 1, 3, 2]);
    expect(percentile(s, 0), 'p0').toBe(1);
    expect(percentile(s, 50), 'p50').toBe(2.5);
    expect(percentile(s, 75), 'p75').toBe(3.25);
    expect(percentile(s, 90), 'p90').toBeCloseTo(3.7, 12);
    expect(percentile(s, 100), 'p100').toBe(4);
    expect(() => percentile(s, 101)).toThrow(RangeError);
  });

  it('sortSamples() rejects empty and non-finite input', () => {
    expect(() => sortSamples([])).toThrow(/empty/);
    expect(() => sortSamples([1, Number.NaN])).toThrow(/not a finite/);
  });

  it('mean() and median()', () => {
    expect(mean([1, 2, 3, 10])).toBe(4);
    expect(median(sortSamples([5, 1, 3]))).toBe(3);
  });

  it('bootstrapCi() collapses for identical samples and brackets the median otherwise', () => {
    expect(bootstrapCi([7, 7, 7], median)).toEqual([7, 7]);
    const samples = Array.from({ length: 50 }, (_, i) => i + 1);
    const [lo, hi] = bootstrapCi(samples as [number, ...number[]], median, { seed: 3 });
    expect(lo).toBeLessThan(25.5);
    expect(hi).toBeGreaterThan(25.5);
    expect(lo).toBeGreaterThan(15);
    expect(hi).toBeLessThan(36);
    expect(bootstrapCi(samples as [number, ...number[]], median, { seed: 3 })).toEqual([lo, hi]);
  });

  it('summarize() reports median, mean, min, max and keeps raw samples in order', () => {
    const s = summarize([3, 1, 2]);
    expect(s).toMatchObject({ median: 2, mean: 2, min: 1, max: 3, samples: [3, 1, 2] });
    expect(s.ci95[0]).toBeLessThanOrEqual(2);
    expect(s.ci95[1]).toBeGreaterThanOrEqual(2);
  });
});
