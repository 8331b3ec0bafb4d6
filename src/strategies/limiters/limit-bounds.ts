/** The `initialLimit` / `minLimit` / `maxLimit` options shared by the limit algorithms, with defaults and validation. */
import { checkNumberOption } from '../../core/option-checks.ts';

/** The range a limiter's limit moves in, as its options give it. */
export interface LimitBoundsOptions {
  /** Limit before any feedback. Minimum: `minLimit`. @default 4 (or `minLimit` if larger) */
  initialLimit?: number;
  /** The limit never drops below this. Minimum: 1. @default 1 */
  minLimit?: number;
  /** The limit never rises above this. Minimum: `initialLimit`. @default 200 (or `initialLimit` if larger) */
  maxLimit?: number;
}

/** Validated bounds: `1 ≤ minLimit ≤ initialLimit ≤ maxLimit`. */
export interface LimitBounds {
  initialLimit: number;
  minLimit: number;
  maxLimit: number;
}

/**
 * Applies the defaults shared by the limiters (Netflix's concurrency-limits uses 20/1/200;
 * a client starts lower, at 4, and lets slow start find the level) and validates them.
 */
export function resolveLimitBounds(options: LimitBoundsOptions): LimitBounds {
  const { minLimit = 1 } = options;
  checkNumberOption('minLimit', minLimit, { min: 1, integer: true });
  const { initialLimit = Math.max(4, minLimit) } = options;
  checkNumberOption('initialLimit', initialLimit, { min: minLimit, integer: true });
  const { maxLimit = Math.max(200, initialLimit) } = options;
  checkNumberOption('maxLimit', maxLimit, { min: initialLimit, integer: true, allowInfinity: true });
  return { initialLimit, minLimit, maxLimit };
}
