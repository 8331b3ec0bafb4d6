/** The latency model: how long a request takes and when each of its output tokens is produced. */
import type { Rng } from '../../src/core/index.ts';
import { sample, type Distribution } from './distribution.ts';

/**
 * How long a request takes. Either a distribution of the whole request's latency in
 * milliseconds, or token-based: a time to first token (itself a distribution) plus a fixed
 * time per further output token, so long answers take longer.
 */
export type LatencySpec = Distribution | TokenLatencySpec;

/** Token-based latency: `ttft + (outputTokens − 1) × tpot` milliseconds. */
export interface TokenLatencySpec {
  kind: 'tokens';
  /** Time to first token in ms. */
  ttft: Distribution;
  /** Time per output token after the first, in ms. Minimum: 0. */
  tpot: number;
}

/**
 * When a request's output is produced: the first token `ttftMs` after service starts,
 * each further one `tpotMs` later, the response complete at `totalMs`
 * (`totalMs = ttftMs + (outputTokens − 1) × tpotMs`).
 */
export interface LatencyPlan {
  readonly ttftMs: number;
  readonly tpotMs: number;
  readonly totalMs: number;
}

/**
 * Draws the latency of one request that produces `outputTokens` tokens (0 for embeddings).
 * A whole-request distribution is spread evenly over the tokens (first token at
 * `total / n`), so streamed and non-streamed requests with the same draw end at the same time.
 */
export function drawLatency(spec: LatencySpec, rng: Rng, outputTokens: number): LatencyPlan {
  if (spec.kind === 'tokens') {
    const ttftMs = sample(spec.ttft, rng);
    const tpotMs = outputTokens > 1 ? spec.tpot : 0;
    return { ttftMs, tpotMs, totalMs: ttftMs + Math.max(0, outputTokens - 1) * tpotMs };
  }
  const totalMs = sample(spec, rng);
  if (outputTokens <= 1) return { ttftMs: totalMs, tpotMs: 0, totalMs };
  const step = totalMs / outputTokens;
  return { ttftMs: step, tpotMs: step, totalMs };
}

/** Multiplies every part of a plan by `factor` (time scale, load slowdown). */
export function scalePlan(plan: LatencyPlan, factor: number): LatencyPlan {
  if (factor === 1) return plan;
  return { ttftMs: plan.ttftMs * factor, tpotMs: plan.tpotMs * factor, totalMs: plan.totalMs * factor };
}

/** Milliseconds after service start at which output token `index` (0-based) is produced. */
export function tokenOffset(plan: LatencyPlan, index: number): number {
  return plan.ttftMs + index * plan.tpotMs;
}
