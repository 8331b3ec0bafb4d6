/**
 * The hook through which an endpoint fixes a request's output once the engine has drawn
 * its length: structured output and stop sequences decide how many tokens each choice
 * really has, and the latency plan, the TPM charge, the log and `usage` then follow it.
 */
import type { Rng } from '../../src/core/index.ts';
import type { FinishReason } from './request-in-service.ts';

/** What the engine drew for a request before its output is shaped. */
export interface DrawnOutput {
  /** The request's id (also the offset of its filler text). */
  id: number;
  /** Output tokens per choice, already capped at `max_tokens`. */
  outputTokens: number;
  /** `length` when the cap cut the draw. */
  finishReason: FinishReason;
  /** A generator for choice `index`, seeded from the provider seed, the request's content and its occurrence. */
  rngFor(index: number): Rng;
}

/** The output as shaped: the latency plan is drawn for `outputTokens`, `usage` reports `completionTokens`. */
export interface ShapedOutput {
  /** Output tokens of the longest choice (the plan's length). */
  outputTokens: number;
  /** Output tokens over all choices. */
  completionTokens: number;
}

/** Called once per service with the draw; returns the shaped lengths. */
export type OutputShaper = (drawn: DrawnOutput) => ShapedOutput;
