/**
 * The limit-algorithm interface behind `adaptive`'s gate: an algorithm only turns finished
 * attempts into a number, how many may be in flight; the gate (`AdaptiveGate`) admits work.
 * Modelled on Netflix's concurrency-limits `Limit` interface (`getLimit`,
 * `onSample(startTime, rtt, inflight, didDrop)`).
 */

/**
 * What one attempt tells a limiter:
 * - `'success'`: it finished normally;
 * - `'dropped'`: the server pushed back (429) or it timed out — a sign of overload;
 * - `'ignored'`: it failed for a reason that says nothing about load (e.g. a 400).
 */
export type LimitOutcome = 'success' | 'dropped' | 'ignored';

/** One finished attempt, as reported to {@link Limit.onSample}. */
export interface LimitSample {
  /** When the attempt started, in ms on the strategy's clock. */
  startedAt: number;
  /** When it settled, in ms on the same clock. */
  settledAt: number;
  /** Attempts in flight when it started, itself included. */
  inFlight: number;
  /** How it ended. */
  outcome: LimitOutcome;
  /**
   * Admission number of this attempt (1, 2, … in its run). With `latestSeq` it orders
   * starts that share a clock time (a virtual clock, a burst), so a limiter can tell an
   * attempt started after its last cut from one started before it. Optional.
   */
  seq?: number;
  /** Admission number of the latest attempt started when this one settled. Optional. */
  latestSeq?: number;
}

/** A concurrency limiter: `limit` is how many attempts may be in flight right now. */
export interface Limit {
  /** Current limit: an integer from 1 up. Read before every start. */
  readonly limit: number;
  /** Why `limit` last changed (for `limit-changed` events), e.g. `'slow-start'`. */
  readonly reason: string;
  /** Feeds one finished attempt to the limiter; may change `limit`. */
  onSample(sample: LimitSample): void;
}
