/** Types shared by every strategy: tasks, their context, options and events. */
import type { Clock } from '../core/clock.ts';

/** What a strategy hands to every task invocation. */
export interface TaskContext {
  /** Aborts when the strategy is cancelled (or, under `withRetry`, when an attempt times out). */
  signal: AbortSignal;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Position of the input in the strategy's input list. */
  index: number;
}

/**
 * A unit of work: one LLM call, a LangChain.js `chain.invoke`, or anything else that
 * returns a promise. Strategies never look inside it.
 */
export type Task<I, O> = (input: I, ctx: TaskContext) => Promise<O>;

/** Events every strategy reports, for progress bars and metrics. `at` is `clock.now()`. */
export type StrategyEvent =
  /** The strategy accepted an input and wants to send it now (latency is measured from here). */
  | { type: 'queued'; index: number; at: number }
  /** An attempt started. */
  | { type: 'start'; index: number; attempt: number; at: number; inFlight: number }
  /** An input finished successfully. */
  | { type: 'success'; index: number; attempt: number; at: number; inFlight: number }
  /** An attempt failed and will not be retried (the error is final for that input). */
  | { type: 'error'; index: number; attempt: number; at: number; inFlight: number; error: Error }
  /** An attempt failed and another one will start after `delayMs`. */
  | { type: 'retry'; index: number; attempt: number; at: number; delayMs: number; error: Error }
  /** Work was held back (client-side pacing or a server 429 pause) for `waitMs`. */
  | { type: 'rate-limited'; index: number; at: number; waitMs: number; reason: string }
  /** An adaptive limit changed. */
  | { type: 'limit-changed'; at: number; limit: number; reason: string };

export type StrategyEventType = StrategyEvent['type'];

/** Options every strategy accepts. */
export interface StrategyOptions {
  /**
   * Most tasks in flight at once. `undefined`/`null`/`Infinity` means unlimited unless the
   * strategy documents another default. Minimum: 1.
   */
  maxConcurrency?: number | null;
  /**
   * When true, a failed input yields its `Error` at its index and the call never rejects
   * (LangChain's `return_exceptions`). When false, the first failure rejects the call and
   * no new work starts. @default false
   */
  returnExceptions?: boolean;
  /** Aborting stops new work at once and rejects (or ends) promptly with `signal.reason`. */
  signal?: AbortSignal;
  /** Source of time for every wait. @default realClock */
  clock?: Clock;
  /** Receives every {@link StrategyEvent}; must not throw (errors it throws are ignored). */
  onEvent?: (event: StrategyEvent) => void;
}

/** A result slot: the output, or the error that input failed with (`returnExceptions`). */
export type Settled<O> = O | Error;
