import { describe, expect, it } from 'vitest';
import type { RowResult } from '../../src/bench/results.ts';
import { analyzeSweep } from '../../src/bench/sweep.ts';
import { sweepChart } from '../../src/report/chart.ts';

const row = (concurrency: number, requestsPerSec: number, errors = 0, p50 = 2000): RowResult =>
  ({ concurrency, throughput: { requestsPerSec, outputTokensPerSec: 0 }, serviceMs: { p50, p90: p50, p99: p50 * 2 }, counts: { errors } }) as unknown as RowResult;

describe('analyzeSweep()', () => {
  it('finds the knee and optimum among error-free steps', () => {
    const a = analyzeSweep([row(1, 0.31), row(2, 0.36), row(4, 0.4), row(8, 0.4), row(16, 0.401)], null);
    expect(a.optimum).toBe(4);
    expect(a.knee).toBe(4);
    expect(a.stepsFromOptimum).toBe(0);
    expect(a.littlesLaw).toBeNull();
  });

  it('leaves out steps that lost inputs and applies Little\'s law to an RPM limit', () => {
    const a = analyzeSweep([row(1, 0.49), row(2, 0.98), row(4, 1.44, 11.7), row(8, 5.9, 130)], 60);
    expect(a.failedSteps).toEqual([4, 8]);
    expect(a.optimum).toBe(2);
    expect(a.knee).toBe(2);
    expect(a.littlesLaw).toBeCloseTo(2, 12); // 60/60 × 2 s
  });

  it('throws when every step lost inputs', () => {
    expect(() => analyzeSweep([row(1, 1, 3)], null)).toThrow(/every step lost inputs/);
  });
});

describe('sweepChart()', () => {
  it('scales bars to the best error-free step and marks lossy steps', () => {
    const lines = sweepChart([
      { concurrency: 1, requestsPerSec: 1, serviceP99Ms: 2000, errors: 0 },
      { concurrency: 2, requestsPerSec: 2, serviceP99Ms: 2000, errors: 0 },
      { concurrency: 4, requestsPerSec: 8, serviceP99Ms: 2000, errors: 5 },
    ], 10);
    expect(lines[1]).toContain(`${'#'.repeat(5)}${' '.repeat(5)}`);
    expect(lines[2]).toContain('#'.repeat(10));
    expect(lines[3]).toContain('x'.repeat(10));
    expect(lines.at(-1)).toMatch(/x = inputs lost/);
  });
});
