/** The load model: how a server slows down as more requests run at once. */

/**
 * How an inference server slows down under load (the llm-d inference simulator's model):
 * up to `capacity` requests run at once, each slowed by
 * `1 + (factor − 1) · (running − 1) / (capacity − 1)`; requests beyond `capacity` wait in a
 * FIFO queue, so their time to first token grows. This is what gives "more concurrency" a knee.
 */
export interface LoadModel {
  /** Requests served at once; more wait in a FIFO queue. Minimum: 1. */
  capacity: number;
  /** Slowdown with `capacity` requests running (1 = none). Minimum: 1. */
  factor: number;
}

/**
 * The latency multiplier with `running` requests in service (this one included). 1 for a
 * single request, `factor` at `running = capacity`; with `capacity` 1 there is never any
 * sharing, so it is always 1.
 */
export function loadMultiplier(running: number, model: LoadModel): number {
  if (model.capacity <= 1) return 1;
  const r = Math.min(Math.max(running, 1), model.capacity);
  return 1 + ((model.factor - 1) * (r - 1)) / (model.capacity - 1);
}
