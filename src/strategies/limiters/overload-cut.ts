/** The once-per-overload-episode multiplicative cut both limit algorithms make on a drop. */
import { checkNumberOption } from '../../core/option-checks.ts';
import type { LimitSample } from './limit.ts';

/**
 * The multiplicative decrease both limiters make on a drop (429 / timeout): to
 * `backoffRatio ×` the concurrency the dropped attempt started under (or the current
 * limit, if lower) — once per overload episode: drops of attempts that started before the
 * last cut are ignored, so a burst of 429s cuts once, not once per request. "Before" is by
 * admission number when samples carry `seq` and `latestSeq` (exact even when starts share
 * a clock time), else by time: started no later than the last cut.
 */
export class OverloadCut {
  readonly backoffRatio: number;
  #lastCutAt = Number.NEGATIVE_INFINITY;
  #lastCutSeq = Number.NEGATIVE_INFINITY;

  /** `backoffRatio` — Range: (0, 1). */
  constructor(backoffRatio: number) {
    this.backoffRatio = checkNumberOption('backoffRatio', backoffRatio, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
  }

  /**
   * For a dropped `sample` and the `current` (unrounded) limit: the concurrency that drew
   * the drop (`base`) and the cut limit (not below `minLimit`), or `undefined` when the
   * drop belongs to an episode already cut.
   */
  apply(sample: LimitSample, current: number, minLimit: number): { base: number; limit: number } | undefined {
    const { seq, latestSeq } = sample;
    const ordered = seq !== undefined && latestSeq !== undefined;
    if (ordered ? seq <= this.#lastCutSeq : sample.startedAt <= this.#lastCutAt) return undefined;
    this.#lastCutAt = sample.settledAt;
    this.#lastCutSeq = ordered ? latestSeq : Number.POSITIVE_INFINITY;
    const base = Math.min(current, Math.max(1, sample.inFlight));
    return { base, limit: Math.max(minLimit, base * this.backoffRatio) };
  }
}
