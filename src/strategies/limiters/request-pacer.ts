/** The gate behind `rateLimited`: client-side RPM and TPM pacing with two token buckets. */
import type { Clock } from '../../core/clock.ts';
import { TokenBucket } from '../../core/token-bucket.ts';
import { checkNumberOption } from '../../core/option-checks.ts';
import { PauseGate } from './pause-gate.ts';

/** Thrown when one input needs more tokens than the TPM bucket can ever hold. */
export class ReservationTooLargeError extends Error {
  override readonly name = 'ReservationTooLargeError';
  constructor(
    /** Tokens the input needs. */
    readonly tokens: number,
    /** Most tokens the bucket holds. */
    readonly capacity: number,
  ) {
    super(
      `Failed to reserve ${tokens} tokens: the TPM bucket holds at most ${capacity}. ` +
        'Please raise `tpm` or `burstTokens`, or split the input.',
    );
  }
}

/** Options for {@link RequestPacer}. */
export interface RequestPacerOptions {
  /** Requests per minute; `undefined` means no request limit. Minimum: > 0. */
  rpm?: number;
  /** Tokens per minute; `undefined` means no token limit. Minimum: > 0. */
  tpm?: number;
  /** Request bucket capacity (the burst allowed after idling). Minimum: > 0. @default rpm */
  burstRequests?: number;
  /** Token bucket capacity. Minimum: > 0. @default tpm */
  burstTokens?: number;
  /**
   * Give back the unused part of a token reservation when the actual usage is lower. Off
   * by default because OpenAI (and the mock provider) charge the full reservation — prompt
   * plus `max_tokens` — and only add overruns. @default false
   */
  refundUnused?: boolean;
  /** Clock the buckets refill on and waits happen on. */
  clock: Clock;
}

/** A granted admission: what was taken and what the buckets held right after. */
export interface Reservation {
  /** Admission sequence number (1, 2, …), so {@link RequestPacer.sync} can tell stale reports. */
  seq: number;
  /** Tokens reserved (the estimate). */
  tokens: number;
  /** Requests left in the request bucket right after this admission (`Infinity` without `rpm`). */
  requestsLeft: number;
  /** Tokens left in the token bucket right after this admission (`Infinity` without `tpm`). */
  tokensLeft: number;
}

/** Why an admission waited: the request bucket, the token bucket or a server pause. */
export type PaceReason = 'rpm' | 'tpm' | 'retry-after';

/**
 * Client-side RPM and TPM pacing with OpenAI's model of limits: two continuously refilled
 * token buckets (core `TokenBucket`). Admissions are first come, first served — a large
 * request is never overtaken by small ones — and wait on the clock instead of sending a
 * request the server would reject. A token reservation is an estimate, settled with the
 * actual usage when it is known (overruns are charged; refunds are opt-in).
 */
export class RequestPacer {
  /** The request bucket, if `rpm` was given. */
  readonly requests: TokenBucket | undefined;
  /** The token bucket, if `tpm` was given. */
  readonly tokens: TokenBucket | undefined;
  /** Server-requested pauses (`retry-after`) that hold every admission. */
  readonly gate = new PauseGate();
  readonly #clock: Clock;
  readonly #refundUnused: boolean;
  #tail: Promise<unknown> = Promise.resolve();
  #seq = 0; // sequence number of the latest admission
  #requestsSyncedThrough = 0; // admissions up to this seq predate the last request-bucket correction
  #tokensSyncedThrough = 0; // the same for the token bucket

  constructor(options: RequestPacerOptions) {
    const { rpm, tpm, clock } = options;
    const now = clock.now();
    if (rpm !== undefined) {
      checkNumberOption('rpm', rpm, { min: 0, exclusiveMin: true });
      const capacity = checkNumberOption('burstRequests', options.burstRequests ?? rpm, { min: 0, exclusiveMin: true });
      this.requests = new TokenBucket({ perMinute: rpm, capacity, now });
    }
    if (tpm !== undefined) {
      checkNumberOption('tpm', tpm, { min: 0, exclusiveMin: true });
      const capacity = checkNumberOption('burstTokens', options.burstTokens ?? tpm, { min: 0, exclusiveMin: true });
      this.tokens = new TokenBucket({ perMinute: tpm, capacity, now });
    }
    this.#clock = clock;
    this.#refundUnused = options.refundUnused === true;
  }

  /**
   * Waits its turn (FIFO), then until the pause is over and one request and `tokens`
   * tokens are available, and takes them. `onWait` hears every wait before it starts.
   * Rejects with {@link ReservationTooLargeError} when `tokens` exceeds the token bucket's
   * capacity, and with `signal.reason` on abort (the next admission then proceeds).
   */
  acquire(tokens: number, signal: AbortSignal, onWait?: (waitMs: number, reason: PaceReason) => void): Promise<Reservation> {
    const bucket = this.tokens;
    if (bucket !== undefined && tokens > bucket.capacity) return Promise.reject(new ReservationTooLargeError(tokens, bucket.capacity));
    const turn = this.#tail.then(() => this.#admit(tokens, signal, onWait));
    this.#tail = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Settles a reservation with the tokens actually used: charges an overrun, and refunds
   * the unused part only with `refundUnused`.
   */
  settle(reservation: Reservation, actualTokens: number): void {
    const delta = reservation.tokens - actualTokens;
    if (delta < 0 || (delta > 0 && this.#refundUnused)) this.tokens?.adjust(delta, this.#clock.now());
  }

  /**
   * Lowers the buckets to what the server reported (`x-ratelimit-remaining-*`) for the
   * request admitted with `reservation`, when the server has less than this client
   * thought (another client shares the key). Never raises them. A correction is applied
   * once: reports for reservations admitted before the last applied correction of a bucket
   * measured the same deficit against the old levels and are ignored for that bucket.
   */
  sync(reservation: Reservation, remaining: { requests?: number; tokens?: number }): void {
    const now = this.#clock.now();
    const { seq } = reservation;
    if (this.requests !== undefined && remaining.requests !== undefined && seq > this.#requestsSyncedThrough && remaining.requests < reservation.requestsLeft) {
      this.requests.adjust(remaining.requests - reservation.requestsLeft, now);
      this.#requestsSyncedThrough = this.#seq;
    }
    if (this.tokens !== undefined && remaining.tokens !== undefined && seq > this.#tokensSyncedThrough && remaining.tokens < reservation.tokensLeft) {
      this.tokens.adjust(remaining.tokens - reservation.tokensLeft, now);
      this.#tokensSyncedThrough = this.#seq;
    }
  }

  async #admit(tokens: number, signal: AbortSignal, onWait?: (waitMs: number, reason: PaceReason) => void): Promise<Reservation> {
    const clock = this.#clock;
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const now = clock.now();
      let waitMs = this.gate.remaining(now);
      let reason: PaceReason = 'retry-after';
      const forRequest = this.requests?.waitTime(1, now) ?? 0;
      if (forRequest > waitMs) [waitMs, reason] = [forRequest, 'rpm'];
      const forTokens = this.tokens?.waitTime(tokens, now) ?? 0;
      if (forTokens > waitMs) [waitMs, reason] = [forTokens, 'tpm'];
      if (waitMs <= 0) {
        this.requests?.tryTake(1, now);
        this.tokens?.tryTake(tokens, now);
        return {
          seq: ++this.#seq,
          tokens,
          requestsLeft: this.requests?.available(now) ?? Number.POSITIVE_INFINITY,
          tokensLeft: this.tokens?.available(now) ?? Number.POSITIVE_INFINITY,
        };
      }
      onWait?.(waitMs, reason);
      await clock.sleep(waitMs, signal);
    }
  }
}
