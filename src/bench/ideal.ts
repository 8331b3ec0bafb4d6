import { TokenBucket } from '../core/token-bucket.ts';
import type { RateLimits } from './row-strategy.ts';

/** Service times (or token costs) per job: a plain array, or a typed one for long runs. */
export type Durations = readonly number[] | Float64Array;

/**
 * Analytical ideals: the makespan a scheduling policy would reach with zero overhead on
 * the service times actually drawn in an iteration. Measured ÷ ideal is the efficiency
 * the tables print; anything above 1 × ideal is harness, transport or policy waste.
 */

/** Serial execution: the sum of all service times. */
export function serialIdeal(serviceMs: Durations): number {
  let total = 0;
  for (let i = 0; i < serviceMs.length; i++) total += serviceMs[i]!;
  return total;
}

/**
 * Greedy list scheduling on `slots` parallel slots in the given order — what a sliding
 * pool does: each job starts on the earliest-free slot. `slots` may be Infinity.
 */
export function listScheduleIdeal(serviceMs: Durations, slots: number): number {
  checkSlots(slots);
  // A loop, not Math.max(...serviceMs): spreading more than about 100,000 arguments overflows the stack.
  if (slots >= serviceMs.length) {
    let longest = 0;
    for (let i = 0; i < serviceMs.length; i++) longest = Math.max(longest, serviceMs[i]!);
    return longest;
  }
  const free = new MinHeap();
  for (let i = 0; i < slots; i++) free.push(0);
  let makespan = 0;
  for (let i = 0; i < serviceMs.length; i++) {
    const end = free.pop() + serviceMs[i]!;
    free.push(end);
    if (end > makespan) makespan = end;
  }
  return makespan;
}

/** Fixed chunks of `batchSize` with a barrier between them: the sum of each chunk's makespan. */
export function chunkedIdeal(serviceMs: Durations, batchSize: number, innerSlots = Number.POSITIVE_INFINITY): number {
  checkSlots(batchSize, 'batchSize');
  let total = 0;
  for (let i = 0; i < serviceMs.length; i += batchSize) {
    total += listScheduleIdeal(serviceMs.slice(i, i + batchSize), Math.min(innerSlots, batchSize));
  }
  return total;
}

/**
 * A pool of `slots` paced by RPM/TPM token buckets that start full: job i starts at the
 * later of a free slot and the moment both buckets hold its cost (`requestsPerJob`
 * requests — e.g. one per branch of a `parallel` input — and `tokens[i]` tokens).
 */
export function rateLimitedIdeal(
  serviceMs: Durations,
  tokens: Durations,
  slots: number,
  limits: RateLimits,
  requestsPerJob = 1,
): number {
  checkSlots(slots);
  if (tokens.length !== serviceMs.length) {
    throw new RangeError(`Failed to compute the rate-limited ideal: ${serviceMs.length} service times but ${tokens.length} token costs.`);
  }
  const rpm = limits.rpm ? new TokenBucket({ perMinute: limits.rpm, capacity: limits.burstRequests ?? limits.rpm, now: 0 }) : undefined;
  const tpm = limits.tpm ? new TokenBucket({ perMinute: limits.tpm, capacity: limits.burstTokens ?? limits.tpm, now: 0 }) : undefined;
  const free = new MinHeap();
  const active = Math.min(slots, Math.max(1, serviceMs.length));
  for (let i = 0; i < active; i++) free.push(0);
  let makespan = 0;
  let lastStart = 0;
  for (let i = 0; i < serviceMs.length; i++) {
    const cost = Math.min(tokens[i]!, tpm?.capacity ?? Number.POSITIVE_INFINITY);
    let start = Math.max(free.pop(), lastStart);
    start += Math.max(rpm?.waitTime(requestsPerJob, start) ?? 0, tpm?.waitTime(cost, start) ?? 0);
    rpm?.adjust(-requestsPerJob, start);
    tpm?.adjust(-cost, start);
    lastStart = start;
    const end = start + serviceMs[i]!;
    free.push(end);
    if (end > makespan) makespan = end;
  }
  return makespan;
}

/** The textbook formulas the tutorial quotes, from the mean service time T. */
export const closedForm = {
  /** N × T */
  serial: (n: number, meanMs: number): number => n * meanMs,
  /** ⌈N / C⌉ × T (exact for fixed latency; the tutorial's "N × T / concurrency"). */
  pool: (n: number, meanMs: number, slots: number): number => (n === 0 ? 0 : Math.ceil(n / Math.min(slots, n)) * meanMs),
  /** max(pool bound, time for the buckets to admit N jobs + one service time). */
  rateLimited: (n: number, meanTokens: number, meanMs: number, slots: number, limits: RateLimits, requestsPerJob = 1): number => {
    const bound = (perMinute: number | null | undefined, burst: number | null | undefined, need: number): number =>
      perMinute ? Math.max(0, need - (burst ?? perMinute)) / (perMinute / 60_000) : 0;
    const admit = Math.max(bound(limits.rpm, limits.burstRequests, n * requestsPerJob), bound(limits.tpm, limits.burstTokens, n * meanTokens));
    return Math.max(closedForm.pool(n, meanMs, slots), admit + meanMs);
  },
};

function checkSlots(slots: number, name = 'slots'): void {
  if (!(typeof slots === 'number' && slots >= 1 && (Number.isInteger(slots) || slots === Number.POSITIVE_INFINITY))) {
    throw new TypeError(`Expected \`${name}\` to be an integer from 1 and up or Infinity, got \`${String(slots)}\` (${typeof slots})`);
  }
}

/** Minimal binary min-heap of numbers (slot free times). */
class MinHeap {
  readonly #a: number[] = [];

  push(x: number): void {
    const a = this.#a;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }

  pop(): number {
    const a = this.#a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
