/**
 * The one source of time for providers, strategies and the harness. Every wait in the
 * toolkit goes through `sleep`, so a {@link VirtualClock} can replace real time.
 */
export interface Clock {
  /** Milliseconds on this clock's own time line (not the Unix epoch). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds of this clock's time. Rejects with `signal.reason`
   * as soon as `signal` aborts (immediately if it already has).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Validates a sleep duration: a finite number; negatives are treated as 0. */
export function checkSleepMs(ms: number): number {
  if (typeof ms !== 'number' || Number.isNaN(ms)) {
    throw new TypeError(`Expected \`ms\` to be a number, got \`${String(ms)}\` (${typeof ms})`);
  }
  if (ms === Number.POSITIVE_INFINITY) {
    throw new RangeError('Failed to sleep: `ms` is Infinity. Please pass a finite duration and use an AbortSignal to wait forever.');
  }
  return Math.max(0, ms);
}

/** The reason an aborted signal carries, defaulting to a standard `AbortError`. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** True when `error` is the kind of error an aborted signal produces. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * The body every `Clock.sleep` shares: validates `ms`, rejects at once if `signal` has
 * aborted, otherwise lets `arm` schedule the wake-up and return a canceller that runs if
 * the signal aborts first. Clocks differ only in how they arm a wake-up.
 */
export function abortableSleep(ms: number, signal: AbortSignal | undefined, arm: (delay: number, wake: () => void) => () => void): Promise<void> {
  const delay = checkSleepMs(ms);
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(abortReason(signal as AbortSignal));
    };
    const cancel = arm(delay, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
