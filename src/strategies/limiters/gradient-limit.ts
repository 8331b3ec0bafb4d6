/** The gradient limit algorithm: a latency-based limit after Netflix's Gradient limiters. */
import { resolveLimitBounds, type LimitBoundsOptions } from './limit-bounds.ts';
import type { Limit, LimitSample } from './limit.ts';
import { checkFunctionOption, checkNumberOption } from '../../core/option-checks.ts';
import { OverloadCut } from './overload-cut.ts';

/** Options for {@link GradientLimit} (plus `initialLimit`, `minLimit`, `maxLimit`). */
export interface GradientLimitOptions extends LimitBoundsOptions {
  /** Weight of each window's estimate in the limit's moving average. Range: (0, 1]. @default 0.2 */
  smoothing?: number;
  /** How much slower than the no-load RTT a window may be before the limit shrinks. Minimum: 1. @default 1.5 */
  rttTolerance?: number;
  /**
   * How slowly the no-load RTT (the lowest RTT seen) creeps up, in windows: it rises by
   * 1/`baselineWindows` per window unless a faster request pulls it down, so a provider
   * that became slower for good is re-learnt. Minimum: 1. @default 600
   */
  baselineWindows?: number;
  /**
   * Least samples per update window. A window closes after `max(windowSize, limit)`
   * samples — about one round trip at full load — and the limit moves once per window,
   * on the window's mean RTT (Netflix's `WindowedLimit`). Minimum: 1. @default 10
   */
  windowSize?: number;
  /** Extra slots allowed on top of `limit × gradient` (growth headroom). @default √limit, at least 1 */
  queueSize?: (limit: number) => number;
  /** Multiplicative cut on a drop (429 / timeout), once per overload episode. Range: (0, 1). @default 0.9 */
  backoffRatio?: number;
  /** Double the limit per window until a window's mean RTT exceeds the no-load RTT by 10 % (or a drop). @default true */
  slowStart?: boolean;
}

/** Slow start ends at the first window whose mean RTT is this many times the no-load RTT. */
const SLOW_START_EXIT = 1.1;

/**
 * A latency-gradient limiter after Netflix's Gradient limiters behind a `WindowedLimit`:
 * once per window (about one round trip) it compares the window's mean round-trip time
 * with the no-load RTT and shrinks the limit when requests queue up (RTT grows), grows
 * it by a small headroom when they do not:
 *
 * `gradient = clamp(rttTolerance × noLoadRtt / rtt, 0.5, 1)`,
 * `limit ← (1 − smoothing) · limit + smoothing · (limit · gradient + queueSize(limit))`.
 *
 * The no-load RTT is the lowest RTT seen (creeping up slowly), not Gradient2's long-term
 * mean, which learns queueing as normal under sustained load. It starts slow like the
 * AIMD limiter (doubling per window) and also reacts to drops (429 / timeout) with a
 * multiplicative cut, once per overload episode, because rate limits do not show up in
 * latency. While less than half the limit was in flight the limit holds (app-limited).
 * It finds the knee of a provider that slows down under load before it rejects anything.
 */
export class GradientLimit implements Limit {
  readonly minLimit: number;
  readonly maxLimit: number;
  readonly smoothing: number;
  readonly rttTolerance: number;
  readonly baselineWindows: number;
  readonly windowSize: number;
  readonly #cut: OverloadCut;
  readonly #queueSize: (limit: number) => number;
  #estimate: number;
  #slowStart: boolean;
  #noLoadRtt = Number.POSITIVE_INFINITY;
  #windowRttSum = 0;
  #windowMinRtt = Number.POSITIVE_INFINITY;
  #windowCount = 0;
  #windowMaxInFlight = 0;
  #reason = 'initial';

  constructor(options: GradientLimitOptions = {}) {
    const {
      smoothing = 0.2,
      rttTolerance = 1.5,
      baselineWindows = 600,
      windowSize = 10,
      queueSize = (limit: number) => Math.max(1, Math.sqrt(limit)),
      backoffRatio = 0.9,
      slowStart = true,
    } = options;
    const { initialLimit, minLimit, maxLimit } = resolveLimitBounds(options);
    this.minLimit = minLimit;
    this.maxLimit = maxLimit;
    this.smoothing = checkNumberOption('smoothing', smoothing, { min: 0, max: 1, exclusiveMin: true });
    this.rttTolerance = checkNumberOption('rttTolerance', rttTolerance, { min: 1 });
    this.baselineWindows = checkNumberOption('baselineWindows', baselineWindows, { min: 1 });
    this.windowSize = checkNumberOption('windowSize', windowSize, { min: 1, integer: true });
    this.#cut = new OverloadCut(backoffRatio);
    checkFunctionOption('queueSize', queueSize);
    this.#queueSize = queueSize;
    this.#estimate = initialLimit;
    this.#slowStart = slowStart;
  }

  /** Multiplicative decrease factor on a drop. */
  get backoffRatio(): number {
    return this.#cut.backoffRatio;
  }

  /** Current limit: the estimate rounded down. */
  get limit(): number {
    return Math.floor(this.#estimate);
  }

  /** Why the limit last changed: `'initial'`, `'slow-start'`, `'gradient'` or `'drop'`. */
  get reason(): string {
    return this.#reason;
  }

  /** True until the first window that shows queueing, or the first drop. */
  get inSlowStart(): boolean {
    return this.#slowStart;
  }

  /** The no-load RTT estimate in ms (`Infinity` before the first window closes). */
  get noLoadRtt(): number {
    return this.#noLoadRtt;
  }

  onSample(sample: LimitSample): void {
    if (sample.outcome === 'ignored') return;
    if (sample.outcome === 'dropped') {
      const cut = this.#cut.apply(sample, this.#estimate, this.minLimit);
      if (cut === undefined) return;
      this.#estimate = cut.limit;
      this.#slowStart = false;
      this.#reason = 'drop';
      this.#resetWindow();
      return;
    }
    const rtt = Math.max(sample.settledAt - sample.startedAt, 0);
    this.#windowRttSum += rtt;
    this.#windowMinRtt = Math.min(this.#windowMinRtt, rtt);
    this.#windowCount++;
    this.#windowMaxInFlight = Math.max(this.#windowMaxInFlight, sample.inFlight);
    if (this.#windowCount < Math.max(this.windowSize, this.limit)) return;
    const meanRtt = this.#windowRttSum / this.#windowCount;
    const noLoad = Math.min(this.#windowMinRtt, this.#noLoadRtt * (1 + 1 / this.baselineWindows));
    const inFlight = this.#windowMaxInFlight;
    this.#noLoadRtt = noLoad;
    this.#resetWindow();
    this.#update(Math.max(meanRtt, Number.EPSILON), Math.max(noLoad, Number.EPSILON), inFlight);
  }

  /** One gradient step on a window's mean RTT and peak in-flight count. */
  #update(rtt: number, noLoad: number, inFlight: number): void {
    if (inFlight * 2 < this.#estimate) return;
    if (this.#slowStart && rtt <= noLoad * SLOW_START_EXIT) {
      this.#estimate = Math.min(this.maxLimit, this.#estimate * 2);
      this.#reason = 'slow-start';
      return;
    }
    this.#slowStart = false;
    const gradient = Math.max(0.5, Math.min(1, (this.rttTolerance * noLoad) / rtt));
    const target = this.#estimate * gradient + this.#queueSize(this.#estimate);
    const next = (1 - this.smoothing) * this.#estimate + this.smoothing * target;
    this.#estimate = Math.max(this.minLimit, Math.min(this.maxLimit, next));
    this.#reason = 'gradient';
  }

  #resetWindow(): void {
    this.#windowRttSum = 0;
    this.#windowMinRtt = Number.POSITIVE_INFINITY;
    this.#windowCount = 0;
    this.#windowMaxInFlight = 0;
  }
}
