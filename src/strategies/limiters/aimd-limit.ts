/** The AIMD limit algorithm: TCP-style slow start, additive increase and multiplicative decrease. */
import { resolveLimitBounds, type LimitBoundsOptions } from './limit-bounds.ts';
import type { Limit, LimitSample } from './limit.ts';
import { checkNumberOption } from '../../core/option-checks.ts';
import { OverloadCut } from './overload-cut.ts';

/** Options for {@link AimdLimit} (plus `initialLimit`, `minLimit`, `maxLimit`). */
export interface AimdLimitOptions extends LimitBoundsOptions {
  /**
   * Multiplicative decrease on a drop: the new limit is `ratio ×` the concurrency the
   * dropped attempt started under (or the old limit, if that was lower). Range: (0, 1).
   * @default 0.9
   */
  backoffRatio?: number;
  /** Grow by 1 per success (doubling per round trip) until the first drop, like TCP. @default true */
  slowStart?: boolean;
  /**
   * Within 1 of the concurrency at the last drop, grow this many times slower (a plateau,
   * as TCP CUBIC has), so a known ceiling is probed rarely; beyond it growth is normal
   * again. Minimum: 1 (no plateau). @default 4
   */
  plateauFactor?: number;
}

/**
 * Additive-increase/multiplicative-decrease, as TCP congestion control does it:
 * - **slow start** until the first drop: +1 per success, so the limit doubles every
 *   round trip;
 * - **congestion avoidance** after it: +1/limit per success, i.e. +1 per round trip —
 *   `plateauFactor` times slower within 1 of the concurrency that last drew a drop;
 * - increases only while at least half the limit is in flight (an idle limit proves
 *   nothing);
 * - **decrease** on a drop (429 / timeout) to `backoffRatio ×` the concurrency that
 *   drop started under — once per overload episode: drops of attempts that started no
 *   later than the last decrease are ignored, so one burst of 429s cuts once, not n times.
 *
 * Unlike the tutorial's `AdaptiveConcurrency` (§4.3, ±5 per batch, raises on the first
 * error), it reacts per request and keeps going.
 */
export class AimdLimit implements Limit {
  readonly minLimit: number;
  readonly maxLimit: number;
  readonly plateauFactor: number;
  readonly #cut: OverloadCut;
  #window: number;
  #ceiling = Number.POSITIVE_INFINITY;
  #slowStart: boolean;
  #reason = 'initial';

  constructor(options: AimdLimitOptions = {}) {
    const { backoffRatio = 0.9, slowStart = true, plateauFactor = 4 } = options;
    const { initialLimit, minLimit, maxLimit } = resolveLimitBounds(options);
    this.#cut = new OverloadCut(backoffRatio);
    this.minLimit = minLimit;
    this.maxLimit = maxLimit;
    this.plateauFactor = checkNumberOption('plateauFactor', plateauFactor, { min: 1 });
    this.#window = initialLimit;
    this.#slowStart = slowStart;
  }

  /** Multiplicative decrease factor on a drop. */
  get backoffRatio(): number {
    return this.#cut.backoffRatio;
  }

  /** Current limit: the window rounded down. */
  get limit(): number {
    return Math.floor(this.#window);
  }

  /** Why the limit last changed: `'initial'`, `'slow-start'`, `'additive-increase'` or `'multiplicative-decrease'`. */
  get reason(): string {
    return this.#reason;
  }

  /** True until the first drop. */
  get inSlowStart(): boolean {
    return this.#slowStart;
  }

  onSample(sample: LimitSample): void {
    if (sample.outcome === 'ignored') return;
    if (sample.outcome === 'dropped') {
      const cut = this.#cut.apply(sample, this.#window, this.minLimit);
      if (cut === undefined) return;
      this.#ceiling = cut.base;
      this.#window = cut.limit;
      this.#slowStart = false;
      this.#reason = 'multiplicative-decrease';
      return;
    }
    if (sample.inFlight * 2 < this.limit) return;
    const plateau = this.#window + 1 > this.#ceiling && this.#window < this.#ceiling;
    const step = this.#slowStart ? 1 : 1 / (this.#window * (plateau ? this.plateauFactor : 1));
    this.#window = Math.min(this.maxLimit, this.#window + step);
    this.#reason = this.#slowStart ? 'slow-start' : 'additive-increase';
  }
}
