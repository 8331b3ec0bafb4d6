/** Public API of the core layer: clocks, randomness, statistics, token buckets, option checks and durations. */
export type { Clock } from './clock.ts';
export { abortableSleep, abortReason, isAbortError, checkSleepMs } from './clock.ts';
export { DurationSyntaxError, formatDuration, formatGoDuration, parseDuration, parseDurationMs } from './duration.ts';
export type { ParseDurationOptions } from './duration.ts';
export { RealClock, realClock } from './real-clock.ts';
export { VirtualClock, VirtualClockStallError } from './virtual-clock.ts';
export type { VirtualClockOptions } from './virtual-clock.ts';
export { createRng, hashString } from './random.ts';
export type { Rng } from './random.ts';
export { bootstrapCi, mean, median, percentile, sortSamples, summarize } from './stats.ts';
export type { BootstrapOptions, Samples, SortedSamples, Summary } from './stats.ts';
export { TokenBucket } from './token-bucket.ts';
export type { TokenBucketOptions } from './token-bucket.ts';
export {
  checkEnumOption, checkFunctionOption, checkKnownKeys, checkNumberOption, checkNumberOrNullOption, checkObjectOption, describeRange, describeValue,
} from './option-checks.ts';
export type { NumberRange } from './option-checks.ts';
