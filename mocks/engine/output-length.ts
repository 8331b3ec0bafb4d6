/** The draw of how many output tokens a chat completion produces. */
import type { Rng } from '../../src/core/index.ts';
import { sample, type Distribution } from './distribution.ts';

/** Draws an output length: a whole number of tokens, at least 1. */
export function drawOutputTokens(d: Distribution, rng: Rng): number {
  return Math.max(1, Math.round(sample(d, rng)));
}
