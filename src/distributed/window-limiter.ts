/**
 * A model of BullMQ's queue rate limiter for the simulation: fixed windows of `duration`
 * ms, each opened by the first job taken after the last one closed, admitting at most
 * `max` jobs; a worker that finds the window full waits for it to close.
 */
import type { Clock } from '../core/clock.ts';
import type { QueueLimiter } from './worker-config.ts';

export class WindowLimiter {
  #opened = Number.NEGATIVE_INFINITY;
  #taken = 0;

  constructor(
    readonly limit: QueueLimiter,
    readonly clock: Clock,
  ) {}

  /** Resolves when a job may be taken (and counts it). */
  async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now >= this.#opened + this.limit.duration) {
        this.#opened = now;
        this.#taken = 0;
      }
      if (this.#taken < this.limit.max) {
        this.#taken++;
        return;
      }
      await this.clock.sleep(this.#opened + this.limit.duration - now);
    }
  }
}
