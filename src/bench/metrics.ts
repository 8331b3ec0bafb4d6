import { bootstrapCi, median, percentile, sortSamples, summarize } from '../core/stats.ts';
import { chunkedIdeal, closedForm, listScheduleIdeal, rateLimitedIdeal, serialIdeal } from './ideal.ts';
import type { Policy, RateLimits } from './row-strategy.ts';
import type { InputTrace } from './recorder.ts';
import type { RowResult } from './results.ts';

/** The provider's totals for the requests of one iteration (a slice of `stats().endpoints.chat`). */
export interface RequestTotals {
  requests: number;
  /** Status 200. */
  ok: number;
  /** Status 429. */
  rateLimited: number;
  /** Tokens of the status-200 requests only: a 429 or an aborted request costs nothing. */
  okPromptTokens: number;
  okCompletionTokens: number;
}

/** Everything observed in one iteration of one row. */
export interface IterationObservation {
  startedAt: number;
  endedAt: number;
  /**
   * When the caller got its first successful output: the first yield of a streaming
   * strategy, `null` for strategies that hand back every result at once (then: the end).
   */
  firstResultAt: number | null;
  traces: readonly InputTrace[];
  requests: RequestTotals;
  /** Token cost per input as the provider's TPM bucket charges it (for the rate-limited ideal). */
  tokenCosts: readonly number[];
  /** Requests one input sends (one per branch for `parallel` inputs). */
  requestsPerInput: number;
  /** Most requests the client had open at once. */
  peakInFlight: number;
  retries: number;
  /** Final results that are errors. */
  errors: number;
  policy: Policy;
  limits: RateLimits | null;
  costUsd: number | null;
}

/** Per-iteration figures, before aggregation over iterations. */
export interface IterationMetrics {
  makespanMs: number;
  idealMs: number;
  expectedMs: number;
  latencies: number[];
  services: number[];
  timeToFirstResultMs: number;
  peakInFlight: number;
  requests: number;
  ok: number;
  rateLimited: number;
  errors: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number | null;
}

/**
 * Zero-overhead makespan of `policy` on the drawn service times (in the order the
 * strategy started them), bounded by rate limits.
 */
export function idealMakespan(policy: Policy, services: readonly number[], tokens: readonly number[], limits: RateLimits | null, requestsPerJob = 1): number {
  const slots = policy.kind === 'serial' ? 1 : policy.kind === 'pool' ? policy.slots : Math.min(policy.batchSize, policy.innerSlots);
  const ideal =
    policy.kind === 'serial' ? serialIdeal(services)
    : policy.kind === 'pool' ? listScheduleIdeal(services, policy.slots)
    : chunkedIdeal(services, policy.batchSize, policy.innerSlots);
  if (limits === null || (!limits.rpm && !limits.tpm)) return ideal;
  return Math.max(ideal, rateLimitedIdeal(services, tokens, slots, limits, requestsPerJob));
}

/** The tutorial's closed-form estimate for `policy` with `n` inputs of mean service time `meanMs`. */
export function expectedMakespan(policy: Policy, n: number, meanMs: number, meanTokens: number, limits: RateLimits | null, requestsPerJob = 1): number {
  const slots = policy.kind === 'serial' ? 1 : policy.kind === 'pool' ? policy.slots : Math.min(policy.batchSize, policy.innerSlots);
  const base =
    policy.kind === 'chunked'
      ? Math.ceil(n / policy.batchSize) * closedForm.pool(Math.min(n, policy.batchSize), meanMs, slots)
      : closedForm.pool(n, meanMs, slots);
  if (limits === null || (!limits.rpm && !limits.tpm)) return base;
  return Math.max(base, closedForm.rateLimited(n, meanTokens, meanMs, slots, limits, requestsPerJob));
}

/** Reduces one iteration's observation to its figures. */
export function measureIteration(o: IterationObservation): IterationMetrics {
  const latencies: number[] = [];
  const services: number[] = [];
  for (const t of o.traces) {
    if (t.end === null) continue;
    latencies.push(t.end - t.wantedAt);
    if (t.ok && t.start !== null) services.push(t.end - t.start);
  }
  // The ideal is for the whole workload, replayed in the order the strategy started inputs
  // (priority reorders them); inputs that failed are costed at the mean service time.
  const meanService = services.length === 0 ? 0 : services.reduce((s, x) => s + x, 0) / services.length;
  const order = o.traces.map((_, i) => i);
  if (o.policy.kind === 'pool') order.sort((a, b) => (o.traces[a]!.start ?? Infinity) - (o.traces[b]!.start ?? Infinity) || a - b);
  const serviceOf = (t: InputTrace): number => (t.ok && t.start !== null && t.end !== null ? t.end - t.start : meanService);
  const orderedServices = order.map((i) => serviceOf(o.traces[i]!));
  const orderedTokens = order.map((i) => o.tokenCosts[i] ?? 0);
  const meanTokens = o.tokenCosts.length === 0 ? 0 : o.tokenCosts.reduce((s, x) => s + x, 0) / o.tokenCosts.length;
  return {
    makespanMs: o.endedAt - o.startedAt,
    idealMs: idealMakespan(o.policy, orderedServices, orderedTokens, o.limits, o.requestsPerInput),
    expectedMs: expectedMakespan(o.policy, o.traces.length, meanService, meanTokens, o.limits, o.requestsPerInput),
    latencies,
    services,
    timeToFirstResultMs: (o.firstResultAt ?? o.endedAt) - o.startedAt,
    peakInFlight: o.peakInFlight,
    requests: o.requests.requests,
    ok: o.requests.ok,
    rateLimited: o.requests.rateLimited,
    errors: o.errors,
    retries: o.retries,
    promptTokens: o.requests.okPromptTokens,
    completionTokens: o.requests.okCompletionTokens,
    costUsd: o.costUsd,
  };
}

const pct = (xs: readonly number[]): { p50: number; p90: number; p99: number } => {
  if (xs.length === 0) return { p50: 0, p90: 0, p99: 0 };
  const s = sortSamples(xs);
  return { p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99) };
};
const meanOf = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const medianOf = (xs: readonly number[]): number => median(sortSamples(xs));

/**
 * Aggregates iterations into the row statistics of results JSON. `serialMakespans`
 * (same iteration order, same seeds) gives the paired speedup; null when there is no
 * serial row. Speedup and efficiency are null when any input failed: finishing sooner by
 * dropping work is not speed.
 */
export function aggregateRow(
  iterations: readonly IterationMetrics[],
  serialMakespans: readonly number[] | null,
  seed: number,
): Omit<RowResult, 'name' | 'strategy' | 'options' | 'concurrency'> {
  if (iterations.length === 0) throw new RangeError('Failed to aggregate a row: it has no iterations.');
  const makespans = iterations.map((m) => m.makespanMs);
  const makespan = summarize(makespans, seed);
  let speedup: RowResult['speedup'] = null;
  const failed = iterations.some((m) => m.errors > 0);
  const measurable = iterations.every((m) => m.makespanMs > 0) && (serialMakespans ?? []).every((ms) => ms > 0);
  if (!failed && measurable && serialMakespans !== null && serialMakespans.length === iterations.length) {
    const ratios = iterations.map((m, i) => serialMakespans[i]! / m.makespanMs);
    speedup = { median: medianOf(ratios), ci95: bootstrapCi(sortSamples(ratios), median, { seed }) };
  }
  const idealMs = medianOf(iterations.map((m) => m.idealMs));
  const costs = iterations.map((m) => m.costUsd);
  return {
    makespanMs: makespan,
    speedup,
    idealMs,
    expectedMs: medianOf(iterations.map((m) => m.expectedMs)),
    // Paired per iteration. Finishing faster by dropping work is not efficiency: undefined when any input failed.
    efficiency: failed ? null : medianOf(iterations.map((m) => (m.makespanMs > 0 ? m.idealMs / m.makespanMs : 1))),
    throughput: {
      requestsPerSec: medianOf(iterations.map((m) => (m.makespanMs > 0 ? (m.ok * 1000) / m.makespanMs : 0))),
      outputTokensPerSec: medianOf(iterations.map((m) => (m.makespanMs > 0 ? (m.completionTokens * 1000) / m.makespanMs : 0))),
    },
    latencyMs: pct(iterations.flatMap((m) => m.latencies)),
    serviceMs: pct(iterations.flatMap((m) => m.services)),
    timeToFirstResultMs: medianOf(iterations.map((m) => m.timeToFirstResultMs)),
    peakInFlight: Math.max(...iterations.map((m) => m.peakInFlight)),
    counts: {
      requests: meanOf(iterations.map((m) => m.requests)),
      ok: meanOf(iterations.map((m) => m.ok)),
      rateLimited: meanOf(iterations.map((m) => m.rateLimited)),
      errors: meanOf(iterations.map((m) => m.errors)),
      retries: meanOf(iterations.map((m) => m.retries)),
      wasted: meanOf(iterations.map((m) => m.requests - m.ok)),
    },
    tokens: {
      prompt: meanOf(iterations.map((m) => m.promptTokens)),
      completion: meanOf(iterations.map((m) => m.completionTokens)),
    },
    costUsd: costs.some((c) => c === null) ? null : meanOf(costs as number[]),
  };
}
