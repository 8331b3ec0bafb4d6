/**
 * A continuously refilled token bucket — the model OpenAI uses for RPM and TPM limits.
 * Pure: every method takes the current time, so it runs under any clock.
 */
export interface TokenBucketOptions {
  /** Tokens added per minute (the RPM or TPM limit). Minimum: > 0. */
  perMinute: number;
  /** Most tokens the bucket holds. @default perMinute */
  capacity?: number;
  /** Time of creation on the caller's clock, in ms. The bucket starts full. */
  now: number;
}

/** Slack for floating-point refill arithmetic (tokens). */
const EPSILON = 1e-9;

export class TokenBucket {
  readonly perMinute: number;
  readonly capacity: number;
  #tokens: number;
  #updatedAt: number;

  constructor(options: TokenBucketOptions) {
    const { perMinute, capacity = perMinute, now } = options;
    if (!(typeof perMinute === 'number' && Number.isFinite(perMinute) && perMinute > 0)) {
      throw new TypeError(`Expected \`perMinute\` to be a finite number above 0, got \`${String(perMinute)}\` (${typeof perMinute})`);
    }
    if (!(typeof capacity === 'number' && Number.isFinite(capacity) && capacity > 0)) {
      throw new TypeError(`Expected \`capacity\` to be a finite number above 0, got \`${String(capacity)}\` (${typeof capacity})`);
    }
    this.perMinute = perMinute;
    this.capacity = capacity;
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  /** Tokens refilled per millisecond. */
  get ratePerMs(): number {
    return this.perMinute / 60_000;
  }

  /** Tokens available at `now` (may be negative after {@link adjust} took more than was there). */
  available(now: number): number {
    this.#refill(now);
    return this.#tokens;
  }

  /** Milliseconds from `now` until `amount` tokens are available (0 if they are now). */
  waitTime(amount: number, now: number): number {
    this.#refill(now);
    const missing = amount - this.#tokens;
    if (missing <= EPSILON) return 0;
    return missing / this.ratePerMs;
  }

  /** Takes `amount` tokens if they are available at `now`; returns whether it did. */
  tryTake(amount: number, now: number): boolean {
    this.#refill(now);
    if (amount > this.#tokens + EPSILON) return false;
    this.#tokens -= amount;
    return true;
  }

  /**
   * Adds (`delta` > 0) or removes (`delta` < 0) tokens without checking availability, e.g.
   * to settle a reservation made with an estimate once the actual usage is known.
   */
  adjust(delta: number, now: number): void {
    this.#refill(now);
    this.#tokens = Math.min(this.capacity, this.#tokens + delta);
  }

  /** Refills to full capacity at `now`. */
  reset(now: number): void {
    this.#tokens = this.capacity;
    this.#updatedAt = now;
  }

  #refill(now: number): void {
    if (now > this.#updatedAt) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#updatedAt) * this.ratePerMs);
      this.#updatedAt = now;
    }
  }
}
