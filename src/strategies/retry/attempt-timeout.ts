/** Per-attempt time budgets: `runWithTimeout` and `AttemptTimeoutError`. */
import { abortReason, type Clock } from '../../core/clock.ts';

/**
 * Thrown when one attempt of a task exceeds its time budget. Named `TimeoutError` like
 * `AbortSignal.timeout()`'s reason, so generic timeout checks recognise it.
 */
export class AttemptTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(
    /** The budget that was exceeded, in ms. */
    readonly timeoutMs: number,
    /** Index of the input whose attempt timed out. */
    readonly index: number,
    /** Attempt number (1-based) that timed out. */
    readonly attempt: number,
  ) {
    super(
      `Failed to finish attempt ${attempt} of input ${index}: it took longer than ${timeoutMs} ms. ` +
        'Please raise `timeoutMs` or check why the task is slow.',
    );
  }
}

/** Parameters of {@link runWithTimeout}. */
export interface RunWithTimeoutOptions {
  /** Budget for the attempt, in ms; `undefined` means no budget. */
  timeoutMs: number | undefined;
  /** Clock the budget is measured on. */
  clock: Clock;
  /** Outer cancellation; passed on to the attempt's signal. */
  signal: AbortSignal;
  /** For the error's context. */
  index: number;
  /** For the error's context. */
  attempt: number;
}

/**
 * Runs `attempt(signal)` with a time budget on `clock`. When the budget runs out the
 * attempt's `signal` aborts with an {@link AttemptTimeoutError} and the returned promise
 * rejects with it at once, even if the attempt ignores its signal (its late result is
 * then discarded without an unhandled rejection).
 */
export async function runWithTimeout<O>(attempt: (signal: AbortSignal) => Promise<O>, options: RunWithTimeoutOptions): Promise<O> {
  const { timeoutMs, clock, signal } = options;
  if (timeoutMs === undefined) return attempt(signal);
  if (signal.aborted) throw abortReason(signal);
  const controller = new AbortController();
  const timer = new AbortController();
  const onAbort = (): void => controller.abort(abortReason(signal));
  signal.addEventListener('abort', onAbort, { once: true });
  const timeout = clock.sleep(timeoutMs, timer.signal).then(() => {
    const error = new AttemptTimeoutError(timeoutMs, options.index, options.attempt);
    controller.abort(error);
    throw error;
  });
  timeout.catch(() => undefined);
  const work = (async () => attempt(controller.signal))();
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    timer.abort();
    signal.removeEventListener('abort', onAbort);
  }
}
