/**
 * Exponential backoff with jitter, as in AWS's "Exponential Backoff and Jitter": the
 * ceiling doubles per retry up to a maximum, and jitter spreads clients apart so they
 * do not retry in lock-step.
 */

/**
 * How a backoff ceiling `c` becomes a delay: `'full'` draws uniformly from [0, c),
 * `'equal'` from [c/2, c), `'openai'` from (0.75c, c] — openai-node 6's policy,
 * `c × (1 − U·0.25)`, to reproduce the SDK's own retry waits — and `'none'` is exactly `c`.
 */
export type Jitter = 'full' | 'equal' | 'openai' | 'none';

/** The jitter modes, for validation and documentation. */
export const JITTER_MODES: readonly Jitter[] = ['full', 'equal', 'openai', 'none'];

/** Parameters of {@link backoffDelay}. */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay, in ms. */
  baseDelayMs: number;
  /** Largest ceiling, in ms. */
  maxDelayMs: number;
  /** Jitter mode. */
  jitter: Jitter;
}

/**
 * Delay before retry number `retry` (0 for the first retry):
 * ceiling `min(maxDelayMs, baseDelayMs · 2^retry)`, jittered with `random` ∈ [0, 1).
 */
export function backoffDelay(retry: number, options: BackoffOptions, random: number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  switch (options.jitter) {
    case 'full':
      return ceiling * random;
    case 'equal':
      return ceiling / 2 + (ceiling / 2) * random;
    case 'openai':
      return ceiling * (1 - random * 0.25);
    case 'none':
      return ceiling;
  }
}
