import { abortReason, checkSleepMs, type Clock } from './clock.ts';

/** Wall-clock time from `performance.now()`; sleeps are Node timers (~1 ms granularity). */
export class RealClock implements Clock {
  now(): number {
    return performance.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const delay = checkSleepMs(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, delay);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** A shared real clock for defaults. */
export const realClock: Clock = new RealClock();
