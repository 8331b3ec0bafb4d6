import { cpus } from 'node:os';
import type { Summary } from '../core/stats.ts';
import type { RowOptions } from './row-strategy.ts';
import type { TargetRecord } from './target.ts';

/** Version of the results JSON layout; bump on any breaking change. */
export const SCHEMA_VERSION = 1;

/** Where and on what a run happened. */
export interface Environment {
  node: string;
  platform: string;
  arch: string;
  cpus: number;
}

/** The conditions every row of a suite ran under. */
export interface Scenario {
  profile: string;
  requests: number;
  clock: 'virtual' | 'real';
  /** Real clock: latencies were multiplied by this; 1 under the virtual clock. */
  timeScale: number;
  seed: number;
  iterations: number;
  transport: 'fetch' | 'intercept' | 'http';
  model: string;
  provider: Record<string, string | number | null>;
}

/** One row's statistics, as results JSON stores them (docs/results.md). */
export interface RowResult {
  name: string;
  /** A built-in strategy's name (see the strategy registry) or the name of the row's own strategy object. */
  strategy: string;
  options: RowOptions & { maxConcurrency?: number | null };
  /** Effective concurrency limit of the policy (Infinity is stored as null). */
  concurrency: number | null;
  makespanMs: Summary;
  /** Paired per iteration against the serial row; null without one, or when an input failed. */
  speedup: { median: number; ci95: [number, number] } | null;
  /**
   * Median over iterations of the zero-overhead replay of this policy on the drawn service
   * times, bounded by the provider's rate limits; failed inputs are costed at the mean.
   */
  idealMs: number;
  /** The closed-form formula from the mean service time. */
  expectedMs: number;
  /** idealMs / measured median makespan; null when some input failed (dropped work is not speed). */
  efficiency: number | null;
  throughput: { requestsPerSec: number; outputTokensPerSec: number };
  latencyMs: { p50: number; p90: number; p99: number };
  serviceMs: { p50: number; p90: number; p99: number };
  timeToFirstResultMs: number;
  peakInFlight: number;
  /** Means per iteration. `wasted` = requests that produced no output (429s, faults). */
  counts: { requests: number; ok: number; rateLimited: number; errors: number; retries: number; wasted: number };
  tokens: { prompt: number; completion: number };
  costUsd: number | null;
  /** Real clock only: makespan divided by the time scale, and the calibrated overhead share. */
  rescaledMakespanMs?: number;
  predictedOverheadShare?: number;
  /**
   * Chunked rows: how stale a progress line printed once per chunk is (medians over
   * iterations, ms): the mean and largest wait between an input's completion and the end of
   * its chunk, and when the first chunk line appears.
   */
  chunkProgress?: { lagMeanMs: number; lagMaxMs: number; firstReportMs: number };
  /**
   * Suites with `priorityOf`: when the last high-priority input settled, from the iteration
   * start, and the list-schedule ideal of the high-priority inputs alone on the row's slots
   * (medians over iterations, ms).
   */
  highPriority?: { completionMs: number; idealMs: number };
  /** Adaptive rows: the limit after each change in the median iteration, as [time ms, limit]. */
  limitHistory?: Array<[number, number]>;
  /** A real endpoint's `x-ratelimit-*` headers in the row's last iteration, when it sent any. */
  rateLimitsSeen?: RateLimitsSeen;
}

/**
 * What a real endpoint's `x-ratelimit-*` headers said during an iteration: the limits as
 * last stated and the lowest remaining counts (how close the row came to the limit).
 */
export interface RateLimitsSeen {
  limitRequests?: number;
  limitTokens?: number;
  minRemainingRequests?: number;
  minRemainingTokens?: number;
}

/** A whole strategy-suite run. */
export interface SuiteResult {
  schemaVersion: typeof SCHEMA_VERSION;
  suite: string;
  createdAt: string;
  environment: Environment;
  scenario: Scenario;
  /**
   * Runs against a real endpoint (`--target openai`): its base URL and model, never its key.
   * Absent for the mock. `scenario.profile` is then `none` and `scenario.provider` empty.
   */
  target?: TargetRecord;
  /** Real clock only: the measured per-request overhead in ms. */
  calibration?: { overheadMsPerRequest: number; samples: number };
  rows: RowResult[];
  /** Lines the suite's `analyze` added, and warnings. */
  notes: string[];
  /** True when the run was interrupted and only some rows finished. */
  partial?: boolean;
}

/** The current process's environment block. */
export function currentEnvironment(): Environment {
  return { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length };
}

/** JSON with Infinity written as null and a trailing newline (stable, diff-friendly). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
