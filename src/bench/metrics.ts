import { bootstrapCi, median, percentile, sortDurations, sortSamples, summarize } from '../core/stats.ts';
import { chunkedIdeal, closedForm, listScheduleIdeal, rateLimitedIdeal, serialIdeal, type Durations } from './ideal.ts';
import type { Policy, RateLimits } from './row-strategy.ts';
import type { Traces } from './recorder.ts';
import type { RowResult } from './results.ts';

/** What the provider counted of one iteration's requests (its running aggregates, not a log). */
export interface RequestCounts {
  /** Requests answered. */
  requests: number;
  /** Answered 200. */
  ok: number;
  /** Answered 429. */
  rateLimited: number;
  /** Prompt and completion tokens of the requests answered 200 (the ones billed). */
  promptTokens: number;
  completionTokens: number;
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
  traces: Traces;
  requests: RequestCounts;
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
  /** 1 for each high-priority input (the suite's `priorityOf` > 0); absent when the suite marks none. */
  high?: Uint8Array | null;
}

/** Chunked rows: how stale a progress line printed once per chunk (the tutorial's §8 loop) is. */
export interface ChunkProgress {
  /** Mean over inputs of (end of its chunk − its own completion), in ms: how long a finished result goes unreported. */
  lagMeanMs: number;
  /** The largest such wait. */
  lagMaxMs: number;
  /** When the first chunk line is printed (the end of the first chunk), from the iteration start. */
  firstReportMs: number;
}

/** Suites that mark high-priority inputs: when the last of them settled, and its lower bound. */
export interface HighPriorityCompletion {
  /** From the iteration start to the moment the last high-priority input settled (ok or failed). */
  completionMs: number;
  /** List-schedule ideal of the high-priority inputs alone on the row's slots (a lower bound). */
  idealMs: number;
}

/** Per-iteration figures, before aggregation over iterations. */
export interface IterationMetrics {
  makespanMs: number;
  idealMs: number;
  expectedMs: number;
  /** Per input: wanted-to-send → result, for every input that finished (8 bytes each). */
  latencies: Float64Array;
  /** Per input: service time of successful final attempts. */
  services: Float64Array;
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
  /** Chunked policies only. */
  chunkProgress?: ChunkProgress;
  /** Only when the suite marks high-priority inputs. */
  highPriority?: HighPriorityCompletion;
}

/** The slots a policy keeps in flight at most. */
const slotsOf = (policy: Policy): number =>
  policy.kind === 'serial' ? 1 : policy.kind === 'pool' ? policy.slots : Math.min(policy.batchSize, policy.innerSlots);

/**
 * Zero-overhead makespan of `policy` on the drawn service times (in the order the
 * strategy started them), bounded by rate limits.
 */
export function idealMakespan(policy: Policy, services: Durations, tokens: Durations, limits: RateLimits | null, requestsPerJob = 1): number {
  const slots = slotsOf(policy);
  const ideal =
    policy.kind === 'serial' ? serialIdeal(services)
    : policy.kind === 'pool' ? listScheduleIdeal(services, policy.slots)
    : chunkedIdeal(services, policy.batchSize, policy.innerSlots);
  if (limits === null || (!limits.rpm && !limits.tpm)) return ideal;
  return Math.max(ideal, rateLimitedIdeal(services, tokens, slots, limits, requestsPerJob));
}

/** The tutorial's closed-form estimate for `policy` with `n` inputs of mean service time `meanMs`. */
export function expectedMakespan(policy: Policy, n: number, meanMs: number, meanTokens: number, limits: RateLimits | null, requestsPerJob = 1): number {
  const slots = slotsOf(policy);
  const base =
    policy.kind === 'chunked'
      ? Math.ceil(n / policy.batchSize) * closedForm.pool(Math.min(n, policy.batchSize), meanMs, slots)
      : closedForm.pool(n, meanMs, slots);
  if (limits === null || (!limits.rpm && !limits.tpm)) return base;
  return Math.max(base, closedForm.rateLimited(n, meanTokens, meanMs, slots, limits, requestsPerJob));
}

/** Reduces one iteration's observation to its figures. */
export function measureIteration(o: IterationObservation): IterationMetrics {
  const { wantedAt, start, end, ok } = o.traces;
  const n = o.traces.length;
  const latencies = new Float64Array(n);
  const services = new Float64Array(n);
  let finished = 0;
  let served = 0;
  let serviceSum = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(end[i]!)) continue;
    latencies[finished++] = end[i]! - wantedAt[i]!;
    if (ok[i] === 1 && !Number.isNaN(start[i]!)) {
      const service = end[i]! - start[i]!;
      services[served++] = service;
      serviceSum += service;
    }
  }
  // The ideal is for the whole workload, replayed in the order the strategy started inputs
  // (priority reorders them); inputs that failed are costed at the mean service time.
  const meanService = served === 0 ? 0 : serviceSum / served;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const startOrSort = (i: number): number => (Number.isNaN(start[i]!) ? Number.POSITIVE_INFINITY : start[i]!);
  if (o.policy.kind === 'pool') order.sort((a, b) => startOrSort(a) - startOrSort(b) || a - b);
  const orderedServices = new Float64Array(n);
  const orderedTokens = new Float64Array(n);
  let tokenSum = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    orderedServices[k] = ok[i] === 1 && !Number.isNaN(start[i]!) && !Number.isNaN(end[i]!) ? end[i]! - start[i]! : meanService;
    orderedTokens[k] = o.tokenCosts[i] ?? 0;
    tokenSum += orderedTokens[k]!;
  }
  const meanTokens = n === 0 ? 0 : tokenSum / n;
  const extra: Pick<IterationMetrics, 'chunkProgress' | 'highPriority'> = {};
  if (o.policy.kind === 'chunked' && n > 0) extra.chunkProgress = chunkProgress(end, o.policy.batchSize, o.startedAt);
  if (o.high) {
    // The high-priority inputs in the order the ideal replays them, each at its service time (failed: the mean).
    let last = o.startedAt;
    const highServices: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      if (o.high[i] !== 1) continue;
      if (!Number.isNaN(end[i]!)) last = Math.max(last, end[i]!);
      highServices.push(orderedServices[k]!);
    }
    extra.highPriority = { completionMs: last - o.startedAt, idealMs: listScheduleIdeal(highServices, slotsOf(o.policy)) };
  }
  return {
    makespanMs: o.endedAt - o.startedAt,
    idealMs: idealMakespan(o.policy, orderedServices, orderedTokens, o.limits, o.requestsPerInput),
    expectedMs: expectedMakespan(o.policy, n, meanService, meanTokens, o.limits, o.requestsPerInput),
    latencies: latencies.slice(0, finished),
    services: services.slice(0, served),
    timeToFirstResultMs: (o.firstResultAt ?? o.endedAt) - o.startedAt,
    peakInFlight: o.peakInFlight,
    requests: o.requests.requests,
    ok: o.requests.ok,
    rateLimited: o.requests.rateLimited,
    errors: o.errors,
    retries: o.retries,
    promptTokens: o.requests.promptTokens,
    completionTokens: o.requests.completionTokens,
    costUsd: o.costUsd,
    ...extra,
  };
}

/** Progress printed once per chunk: every input of chunk k is reported when chunk k has settled. */
function chunkProgress(end: Float64Array, batchSize: number, startedAt: number): ChunkProgress {
  let lagSum = 0;
  let lagMax = 0;
  let counted = 0;
  let firstReport = Number.NaN;
  for (let from = 0; from < end.length; from += batchSize) {
    const to = Math.min(end.length, from + batchSize);
    let chunkEnd = Number.NEGATIVE_INFINITY;
    for (let i = from; i < to; i++) if (!Number.isNaN(end[i]!)) chunkEnd = Math.max(chunkEnd, end[i]!);
    if (!Number.isFinite(chunkEnd)) continue;
    if (Number.isNaN(firstReport)) firstReport = chunkEnd - startedAt;
    for (let i = from; i < to; i++) {
      if (Number.isNaN(end[i]!)) continue;
      const lag = chunkEnd - end[i]!;
      lagSum += lag;
      lagMax = Math.max(lagMax, lag);
      counted++;
    }
  }
  return { lagMeanMs: counted === 0 ? 0 : lagSum / counted, lagMaxMs: lagMax, firstReportMs: Number.isNaN(firstReport) ? 0 : firstReport };
}

/** p50, p90 and p99 over every iteration's values together. */
const pct = (parts: readonly Float64Array[]): { p50: number; p90: number; p99: number } => {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  if (all.length === 0) return { p50: 0, p90: 0, p99: 0 };
  const s = sortDurations(all);
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
    latencyMs: pct(iterations.map((m) => m.latencies)),
    serviceMs: pct(iterations.map((m) => m.services)),
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
    ...aggregateOptional(iterations),
  };
}

/** The optional per-iteration figures, as medians over iterations, when every iteration has them. */
function aggregateOptional(iterations: readonly IterationMetrics[]): Pick<RowResult, 'chunkProgress' | 'highPriority'> {
  const out: Pick<RowResult, 'chunkProgress' | 'highPriority'> = {};
  const progress = iterations.map((m) => m.chunkProgress);
  if (progress.every((p) => p !== undefined)) {
    out.chunkProgress = {
      lagMeanMs: medianOf(progress.map((p) => p.lagMeanMs)),
      lagMaxMs: medianOf(progress.map((p) => p.lagMaxMs)),
      firstReportMs: medianOf(progress.map((p) => p.firstReportMs)),
    };
  }
  const high = iterations.map((m) => m.highPriority);
  if (high.every((h) => h !== undefined)) {
    out.highPriority = { completionMs: medianOf(high.map((h) => h.completionMs)), idealMs: medianOf(high.map((h) => h.idealMs)) };
  }
  return out;
}
