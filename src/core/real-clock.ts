/** The wall clock: `Clock` backed by `performance.now()` and timers. */
import { abortableSleep, type Clock } from './clock.ts';

/** Wall-clock time from `performance.now()`; sleeps are Node timers (~1 ms granularity). */
export class RealClock implements Clock {
  now(): number {
    return performance.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return abortableSleep(ms, signal, (delay, wake) => {
      const timer = setTimeout(wake, delay);
      return () => clearTimeout(timer);
    });
  }
}

/** A shared real clock for defaults. */
export const realClock: Clock = new RealClock();
