/** Random distributions of latencies and output lengths: their shapes, sampling and means. */
import type { Rng } from '../../src/core/index.ts';

/**
 * A non-negative random quantity: a latency in milliseconds or an output length in tokens.
 * `lognormal` is given by its median and 99th percentile, the two numbers people know.
 */
export type Distribution =
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; median: number; p99: number }
  | { kind: 'exponential'; mean: number };

/** z-score of the 99th percentile of the standard normal distribution. */
export const Z99 = 2.3263478740408408;

/** Mean and standard deviation of ln(X) for a lognormal with the given median and p99. */
export function lognormalParams(median: number, p99: number): { mu: number; sigma: number } {
  return { mu: Math.log(median), sigma: Math.log(p99 / median) / Z99 };
}

/** Draws one value (≥ 0). The number of `rng` calls depends only on the kind. */
export function sample(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'normal':
      return Math.max(0, d.mean + d.sd * rng.normal());
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(d.median, d.p99);
      return Math.exp(mu + sigma * rng.normal());
    }
    case 'exponential':
      return -d.mean * Math.log(1 - rng.next());
  }
}

/** The distribution's mean (for summaries and analytical estimates). */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
      return d.mean; // truncation at 0 is ignored: negligible when mean >> sd
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(d.median, d.p99);
      return Math.exp(mu + (sigma * sigma) / 2);
    }
    case 'exponential':
      return d.mean;
  }
}
