/**
 * The distributed scenario: one org-wide request limit (a limit preset of the mock
 * provider), K workers sharing it, and what each variant is given — per-worker
 * concurrency, its share of the limit, BullMQ's shared limiter. Every figure is in real
 * milliseconds at the run's time scale (latencies × timeScale, the limit ÷ timeScale).
 */
import type { MockProviderOptions, ProfileName } from '../../mocks/index.ts';
import type { QueueLimiter } from './worker-config.ts';
import type { Variant, WorkerPolicy } from './worker-core.ts';

/** One org-wide limit, from a provider profile. */
export interface LimitPreset {
  /** The provider profile whose latencies and RPM it uses (TPM off: one request limit). */
  profile: ProfileName;
  /** Requests per minute, in scenario time. */
  rpm: number;
  /** The provider's burst (bucket size), in requests. */
  burst: number;
}

/** The two limits the suite runs: the free tier's and a hosted tier's RPM, each with 5 s of burst. */
export const LIMIT_PRESETS: Readonly<Record<'free-tier' | 'hosted', LimitPreset>> = {
  'free-tier': { profile: 'free-tier', rpm: 60, burst: 5 },
  hosted: { profile: 'hosted', rpm: 500, burst: 41 },
};

/** The scenario of one row. */
export interface DistributedScenario {
  limit: LimitPreset;
  /** Latencies are multiplied by this, the limit divided by it. */
  timeScale: number;
  /** Worker processes. */
  workers: number;
  /** Jobs in flight across all workers (each gets totalConcurrency / K). */
  totalConcurrency: number;
  seed: number;
}

/** The limit in real requests per minute at the time scale. */
export const realRpm = (s: Pick<DistributedScenario, 'limit' | 'timeScale'>): number => s.limit.rpm / s.timeScale;

/** The mock provider's options for a scenario (the org-wide limit, scaled). */
export function providerOptions(s: Pick<DistributedScenario, 'limit' | 'timeScale' | 'seed'>): MockProviderOptions {
  return { profile: s.limit.profile, rpm: realRpm(s), tpm: null, burstRequests: s.limit.burst, timeScale: s.timeScale, seed: s.seed };
}

/**
 * The client-side burst of every row that paces: a tenth of the provider's burst short of
 * it (at least one request), a cushion in the provider's bucket for requests that reach
 * it later or earlier than their client took the token (a loaded machine's jitter). No
 * rate margin: at the same rate, a request sent only after its client took a token cannot
 * outrun the provider's refill once that cushion covers the jitter.
 */
export const cushionedBurst = (burst: number): number => Math.max(1, burst - Math.max(1, Math.ceil(burst / 10)));

/**
 * BullMQ's shared limiter for `queue-global`: windows sized to the provider's burst —
 * `max` = the cushioned burst ({@link cushionedBurst}) jobs per `duration` = the time the limit takes to refill them,
 * rounded up to whole ms (BullMQ's script floors it). Each window
 * releases its jobs at once, as the provider's bucket allows, so the window-opening lag
 * (the first job taken after the last window closed) is paid once per `max` jobs, not per job.
 */
export function globalLimiter(s: Pick<DistributedScenario, 'limit' | 'timeScale'>): QueueLimiter {
  const max = cushionedBurst(s.limit.burst);
  const duration = Math.ceil((max * 60_000) / realRpm(s));
  return { max, duration };
}

/** The K worker policies of a variant. */
export function workerPolicies(variant: Variant, s: DistributedScenario): WorkerPolicy[] {
  const concurrency = Math.max(1, Math.floor(s.totalConcurrency / s.workers));
  return Array.from({ length: s.workers }, (_, id) => ({
    variant,
    concurrency,
    seed: s.seed * 1000 + id,
    ...(variant === 'queue-split' ? { rpm: realRpm(s) / s.workers, burst: Math.max(1, cushionedBurst(s.limit.burst) / s.workers) } : {}),
  }));
}

/** The rate limit's bound: the time N requests take at the limit after the burst, ms. */
export function rateBoundMs(n: number, s: Pick<DistributedScenario, 'limit' | 'timeScale'>): number {
  return (Math.max(0, n - s.limit.burst) / realRpm(s)) * 60_000;
}
