import type { RowResult } from './results.ts';

/** One step of a concurrency sweep. */
export interface SweepPoint {
  concurrency: number;
  /** Successful requests per second. */
  requestsPerSec: number;
  /** p99 of the time from sending a request to its answer (provider queueing included). */
  serviceP99Ms: number;
  /** Inputs that failed (mean per iteration); such steps cannot be the recommendation. */
  errors: number;
}

/** What a sweep found. */
export interface SweepAnalysis {
  points: SweepPoint[];
  /** Smallest error-free concurrency whose throughput is within 0.5 % of the best error-free one. */
  optimum: number;
  /** Smallest error-free concurrency reaching 95 % of that best: past it, more in flight buys little. */
  knee: number;
  /** Steps between the knee and the optimum in the sweep (0 = same step). */
  stepsFromOptimum: number;
  /** Steps left out because some inputs failed there. */
  failedSteps: number[];
  /** Median service time at the knee, in ms. */
  medianServiceMs: number;
  /** Little's law for a request limit: RPM/60 × median service time, when `rpm` is given. */
  littlesLaw: number | null;
}

/** Reads the `name@N` rows of a sweep and finds its optimum, knee and Little's-law bound. */
export function analyzeSweep(rows: readonly RowResult[], rpm: number | null): SweepAnalysis {
  const steps = rows
    .filter((r) => r.concurrency !== null)
    .map((r) => ({
      point: { concurrency: r.concurrency!, requestsPerSec: r.throughput.requestsPerSec, serviceP99Ms: r.serviceMs.p99, errors: r.counts.errors },
      medianServiceMs: r.serviceMs.p50,
    }))
    .sort((a, b) => a.point.concurrency - b.point.concurrency);
  const clean = steps.filter((s) => s.point.errors === 0);
  if (clean.length === 0) throw new RangeError('Failed to analyse the sweep: every step lost inputs, so none can be recommended.');
  const best = Math.max(...clean.map((s) => s.point.requestsPerSec));
  const optimum = clean.find((s) => s.point.requestsPerSec >= best * 0.995)!;
  const knee = clean.find((s) => s.point.requestsPerSec >= best * 0.95)!;
  return {
    points: steps.map((s) => s.point),
    optimum: optimum.point.concurrency,
    knee: knee.point.concurrency,
    stepsFromOptimum: Math.abs(steps.indexOf(optimum) - steps.indexOf(knee)),
    failedSteps: steps.filter((s) => s.point.errors > 0).map((s) => s.point.concurrency),
    medianServiceMs: knee.medianServiceMs,
    littlesLaw: rpm ? (rpm / 60) * (knee.medianServiceMs / 1000) : null,
  };
}
