/** The gate behind `adaptive`: admits attempts while fewer than a {@link Limit}'s limit are in flight and feeds it each outcome. */
import { abortReason, type Clock } from '../../core/clock.ts';
import type { Limit, LimitOutcome } from './limit.ts';
import { PauseGate } from './pause-gate.ts';

/** One point of the limit's history, as the gate reports it. */
export interface LimitChange {
  /** Clock time of the change. */
  at: number;
  /** The new limit. */
  limit: number;
  /** Why it changed (the algorithm's `reason`, or `'initial'`). */
  reason: string;
}

/** One admitted attempt. Release it exactly once, with how it ended. */
export interface Permit {
  /** Attempts in flight when it was admitted, itself included. */
  readonly inFlight: number;
  /** Admission number (1, 2, … per gate). */
  readonly seq: number;
  /** Clock time of the admission. */
  readonly acquiredAt: number;
  /**
   * Frees the slot and reports the attempt to the limit algorithm: `'success'`, `'dropped'`
   * (overload: 429, timeout) or `'ignored'` (says nothing about load). `startedAt` is when
   * the attempt really started, if not at admission.
   */
  release(outcome: LimitOutcome, startedAt?: number): void;
}

/**
 * A gate that admits work (Netflix concurrency-limits' `Limiter`, next to the `Limit`
 * algorithm it consults): `acquire` resolves with a {@link Permit} when a slot is free,
 * `permit.release(outcome)` frees it and feeds the algorithm.
 */
export interface Limiter {
  /** A permit now if a slot is free (and no pause holds starts), else `undefined`. */
  tryAcquire(): Permit | undefined;
  /** Resolves with a permit once a slot is free; rejects with the signal's reason on abort. */
  acquire(signal: AbortSignal, onPause?: (waitMs: number) => void): Promise<Permit>;
}

/** Options for {@link AdaptiveGate}. */
export interface AdaptiveGateOptions {
  /** The limit algorithm; the gate reads `limit` before every admission and feeds it every release. */
  limit: Limit;
  /** Hard cap on the limit (`Infinity` for none). @default Infinity */
  maxConcurrency?: number;
  /** Clock for sample times and pauses. */
  clock: Clock;
  /** Called with the initial limit (at construction) and every change of the capped limit. */
  onLimitChange?: (change: LimitChange) => void;
}

/**
 * Admits attempts while fewer than `min(maxConcurrency, limit.limit)` are in flight (a
 * limit below 1, or NaN, counts as 1) and no `retry-after` pause holds starts. Waiting
 * acquirers retry, in arrival order, each time a permit is released.
 */
export class AdaptiveGate implements Limiter {
  readonly #algorithm: Limit;
  readonly #max: number;
  readonly #clock: Clock;
  readonly #onLimitChange: ((change: LimitChange) => void) | undefined;
  readonly #pause = new PauseGate();
  readonly #releaseWaiters = new Set<() => void>();
  #inFlight = 0; // permits admitted and not yet released
  #admissions = 0; // permits admitted so far
  #lastLimit = Number.NaN;

  constructor(options: AdaptiveGateOptions) {
    const { limit, maxConcurrency = Number.POSITIVE_INFINITY, clock, onLimitChange } = options;
    if (typeof limit !== 'object' || limit === null || typeof limit.onSample !== 'function') {
      throw new TypeError(`Expected \`limit\` to be a Limit (an object with \`limit\` and \`onSample\`), got \`${String(limit)}\` (${typeof limit})`);
    }
    this.#algorithm = limit;
    this.#max = maxConcurrency;
    this.#clock = clock;
    this.#onLimitChange = onLimitChange;
    this.#report('initial');
  }

  /** The algorithm's limit, defended against one reporting less than 1 (or NaN). Not capped by `maxConcurrency`. */
  get algorithmLimit(): number {
    const limit = this.#algorithm.limit;
    return limit >= 1 ? Math.floor(limit) : 1;
  }

  /** Attempts that may be in flight now: `min(maxConcurrency, algorithmLimit)`. */
  get limit(): number {
    return Math.min(this.#max, this.algorithmLimit);
  }

  /** Permits admitted and not yet released. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Holds every admission until clock time `until` (a server's `retry-after`); never shortens a pause. */
  pauseUntil(until: number): void {
    this.#pause.pauseUntil(until);
  }

  /** Milliseconds of pause left at `now` (0 when none). */
  pauseRemaining(now: number): number {
    return this.#pause.remaining(now);
  }

  tryAcquire(): Permit | undefined {
    if (this.#pause.remaining(this.#clock.now()) > 0) return undefined;
    return this.#admit();
  }

  /** Waits out pauses (calling `onPause(waitMs)` before each), then for a free slot (the limit may drop meanwhile). */
  async acquire(signal: AbortSignal, onPause?: (waitMs: number) => void): Promise<Permit> {
    for (;;) {
      if (signal.aborted) throw abortReason(signal);
      await this.#pause.wait(this.#clock, signal, onPause);
      const permit = this.#admit();
      if (permit !== undefined) return permit;
      await this.#nextRelease(signal);
    }
  }

  #admit(): Permit | undefined {
    if (this.#inFlight >= this.limit) return undefined;
    const inFlight = ++this.#inFlight;
    const seq = ++this.#admissions;
    const acquiredAt = this.#clock.now();
    let released = false;
    return {
      inFlight,
      seq,
      acquiredAt,
      release: (outcome, startedAt = acquiredAt) => {
        if (released) throw new Error('Failed to release a permit: it was already released.');
        released = true;
        this.#release({ inFlight, seq, startedAt, outcome });
      },
    };
  }

  #release(permit: { inFlight: number; seq: number; startedAt: number; outcome: LimitOutcome }): void {
    this.#inFlight--;
    const { inFlight, seq, startedAt, outcome } = permit;
    this.#algorithm.onSample({ startedAt, settledAt: this.#clock.now(), inFlight, outcome, seq, latestSeq: this.#admissions });
    this.#report(this.#algorithm.reason);
    for (const wake of [...this.#releaseWaiters]) {
      this.#releaseWaiters.delete(wake);
      wake();
    }
  }

  #report(reason: string): void {
    const limit = this.limit;
    if (limit === this.#lastLimit) return;
    this.#lastLimit = limit;
    this.#onLimitChange?.({ at: this.#clock.now(), limit, reason });
  }

  #nextRelease(signal: AbortSignal): Promise<void> {
    // An abort between the loop's check and here would never fire the listener below.
    if (signal.aborted) return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
      const done = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        this.#releaseWaiters.delete(done);
        reject(abortReason(signal));
      };
      this.#releaseWaiters.add(done);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
