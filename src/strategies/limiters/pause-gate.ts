/** A global "no new starts until" pause, set from a server's `retry-after`, shared by the gates. */
import type { Clock } from '../../core/clock.ts';

/**
 * A global "no new starts until" time, set when a server answers 429 with `retry-after`:
 * every input about to start waits it out, so the client stops hammering a provider that
 * asked for quiet. Extending never shortens an existing pause.
 */
export class PauseGate {
  #until = Number.NEGATIVE_INFINITY;

  /** Clock time the pause lasts until (`-Infinity` when none was ever set). */
  get until(): number {
    return this.#until;
  }

  /** Pauses until clock time `until`, unless a longer pause is already in force. */
  pauseUntil(until: number): void {
    if (until > this.#until) this.#until = until;
  }

  /** Milliseconds of pause left at `now` (0 when none). */
  remaining(now: number): number {
    return Math.max(0, this.#until - now);
  }

  /**
   * Waits on `clock` until no pause is in force (a pause extended meanwhile is waited
   * out too), calling `onWait(waitMs)` before each wait. Rejects when `signal` aborts.
   */
  async wait(clock: Clock, signal: AbortSignal, onWait?: (waitMs: number) => void): Promise<void> {
    for (let ms = this.remaining(clock.now()); ms > 0; ms = this.remaining(clock.now())) {
      onWait?.(ms);
      await clock.sleep(ms, signal);
    }
  }
}
