/** Sample statistics for benchmark results: mean, median, percentiles and bootstrap confidence intervals. */
import { createRng } from './random.ts';

/** A non-empty list of samples. */
export type Samples = readonly [number, ...number[]];

/** Samples sorted ascending; obtain one only through {@link sortSamples}. */
export type SortedSamples = Samples & { readonly __sorted: true };

/** Returns a sorted copy; the only way to produce {@link SortedSamples}. */
export function sortSamples(samples: readonly number[]): SortedSamples {
  if (samples.length === 0) throw new RangeError('Failed to sort samples: the list is empty. Please pass at least one sample.');
  for (const x of samples) {
    if (!Number.isFinite(x)) throw new RangeError(`Failed to sort samples: \`${String(x)}\` is not a finite number.`);
  }
  return [...samples].sort((a, b) => a - b) as unknown as SortedSamples;
}

/** A typed array of samples sorted ascending; obtain one only through {@link sortDurations}. */
export type SortedFloat64Array = Float64Array & { readonly __sorted: true };

/**
 * Sorts a typed array of samples in place (8 bytes a sample, no copy) — for long runs whose
 * per-request figures would not fit comfortably in a plain array.
 */
export function sortDurations(samples: Float64Array): SortedFloat64Array {
  if (samples.length === 0) throw new RangeError('Failed to sort samples: the list is empty. Please pass at least one sample.');
  for (const x of samples) {
    if (!Number.isFinite(x)) throw new RangeError(`Failed to sort samples: \`${String(x)}\` is not a finite number.`);
  }
  return samples.sort() as SortedFloat64Array;
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) with linear interpolation between closest ranks
 * (the "R-7" rule used by numpy's default and tinybench).
 */
export function percentile(sorted: SortedSamples | SortedFloat64Array, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Expected \`p\` to be a number from 0 to 100, got \`${String(p)}\``);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

/** Arithmetic mean. */
export function mean(samples: Samples): number {
  let sum = 0;
  for (const x of samples) sum += x;
  return sum / samples.length;
}

/** Options for {@link bootstrapCi}. */
export interface BootstrapOptions {
  /** Number of resamples. @default 2000 */
  resamples?: number;
  /** Two-sided confidence level in (0, 1). @default 0.95 */
  confidence?: number;
  /** Seed for the resampling, so the interval is reproducible. @default 1 */
  seed?: number;
}

/**
 * Percentile-bootstrap confidence interval of `statistic` over `samples`. With a single
 * sample (or identical samples) the interval collapses to the point estimate.
 */
export function bootstrapCi(
  samples: Samples,
  statistic: (sorted: SortedSamples) => number,
  options: BootstrapOptions = {},
): [number, number] {
  const { resamples = 2000, confidence = 0.95, seed = 1 } = options;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`Expected \`confidence\` in (0, 1), got \`${confidence}\``);
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`Expected \`resamples\` to be an integer from 1 and up, got \`${resamples}\``);
  const n = samples.length;
  const rng = createRng(seed, 'bootstrap');
  const estimates: number[] = new Array<number>(resamples);
  const draw: number[] = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) draw[i] = samples[Math.floor(rng.next() * n)]!;
    estimates[r] = statistic(sortSamples(draw));
  }
  const sorted = sortSamples(estimates);
  const alpha = (1 - confidence) / 2;
  return [percentile(sorted, alpha * 100), percentile(sorted, (1 - alpha) * 100)];
}

/** Median of sorted samples. */
export const median = (sorted: SortedSamples): number => percentile(sorted, 50);

/** Summary of a set of measurements, as stored in results JSON. */
export interface Summary {
  median: number;
  mean: number;
  min: number;
  max: number;
  /** 95 % bootstrap confidence interval of the median. */
  ci95: [number, number];
  samples: number[];
}

/** Median, mean, min, max and a 95 % bootstrap CI of the median. */
export function summarize(samples: readonly number[], seed = 1): Summary {
  const sorted = sortSamples(samples);
  return {
    median: median(sorted),
    mean: mean(sorted),
    min: sorted[0],
    max: sorted[sorted.length - 1]!,
    ci95: bootstrapCi(sorted, median, { seed }),
    samples: [...samples],
  };
}
