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
