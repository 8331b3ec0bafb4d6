/**
 * Deterministic per-token log probabilities, in the shape of OpenAI's
 * `logprobs.content[]`: the chosen token is the most likely, its alternatives less so.
 */
import { createRng } from '../../src/core/index.ts';

/** One alternative in `top_logprobs`. */
export interface TopLogprob {
  token: string;
  logprob: number;
  bytes: number[];
}

/** One entry of `logprobs.content`. */
export interface TokenLogprob extends TopLogprob {
  top_logprobs: TopLogprob[];
}

const ALTERNATIVES = [' the', ' a', ' and', ' to', ' of', ' it', ' is', ' in', ' that', ' for', ' on', ' with', ' as', ' this', ' was', ' be', ' at', ' by', ' or', ' an', ' we'];
const encoder = new TextEncoder();
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The logprob entry of output token `token` at `position` of a choice: the same inputs
 * always give the same numbers. The chosen token's logprob lies in (−1.2, −0.0001]; the
 * `top` alternatives (0–20) follow in decreasing order, the chosen token first among them.
 */
export function tokenLogprob(token: string, position: number, seed: number | string, top: number): TokenLogprob {
  const rng = createRng(seed, position, token);
  const logprob = round(-0.0001 - rng.next() * 1.2);
  const entry = (t: string, lp: number): TopLogprob => ({ token: t, logprob: lp, bytes: Array.from(encoder.encode(t)) });
  const topLogprobs: TopLogprob[] = top > 0 ? [entry(token, logprob)] : [];
  let lp = logprob;
  const alternatives = ALTERNATIVES.filter((t) => t !== token);
  const start = rng.int(0, alternatives.length - 1);
  for (let i = 1; i < top; i++) {
    lp = round(lp - 0.5 - rng.next() * 2);
    topLogprobs.push(entry(alternatives[(start + i) % alternatives.length]!, lp));
  }
  return { ...entry(token, logprob), top_logprobs: topLogprobs };
}
