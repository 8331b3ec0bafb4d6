/**
 * Helpers that let a benchmark loop stop within a second of an abort (Ctrl-C): a child
 * signal to hand to code that leaves listeners behind, and a checkpoint that yields to the
 * event loop now and then so that a signal handler gets to run at all.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** A signal that aborts when `parent` does, until {@link LinkedSignal.dispose} unlinks it. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Stops following the parent: removes the one listener this put on it. */
  dispose(): void;
  /** Aborts this signal (not the parent) with `reason`: a unit of work stopping itself. */
  abort(reason: unknown): void;
}

/**
 * A child of `parent` for one unit of work (a round, a batch). Code such as tinybench adds an
 * abort listener per `Bench` and per task to the signal it is given and never removes them;
 * given a child, those listeners go away with the child, and the parent carries one listener
 * at a time however many rounds run.
 */
export function linkedSignal(parent: AbortSignal | undefined): LinkedSignal {
  const controller = new AbortController();
  const abort = (reason: unknown): void => controller.abort(reason);
  if (parent === undefined) return { signal: controller.signal, dispose: () => undefined, abort };
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, dispose: () => parent.removeEventListener('abort', forward), abort };
}

/**
 * Returns a checkpoint to await between iterations (e.g. as a tinybench `beforeEach`, which is
 * not timed). A loop of awaited promises that settle at once runs on microtasks only and
 * never lets a timer or a signal handler run, so an abort would go unseen until the loop
 * ends. The checkpoint yields to the event loop once `everyMs` of real time has passed
 * since it last did, then throws the signal's reason if it has aborted.
 */
export function abortCheckpoint(signal: AbortSignal | undefined, everyMs = 50): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last >= everyMs) {
      await yieldToEventLoop();
      last = performance.now();
    }
    signal?.throwIfAborted();
  };
}
