/** Types of the pool engine: its options, hooks, outcomes and entries. */
import type { InFlightGauge } from './in-flight-gauge.ts';
import type { StrategyOptions } from '../types.ts';

/** How one attempt ended, as {@link PoolHooks.afterSettle} sees it. */
export type PoolOutcome = { ok: true; value: unknown } | { ok: false; error: Error };

/** Extension points for strategies built on the pool (adaptive limits, pacing, barriers). */
export interface PoolHooks<I> {
  /** Current concurrency limit, read each time the pool considers starting work (Infinity = unlimited). */
  limit(): number;
  /**
   * Awaited after a slot is free and before the task starts (client-side pacing, global pauses,
   * barriers). May wait on the clock; must honour the signal. A rejection fails that input.
   */
  beforeStart?(index: number, input: I, signal: AbortSignal): Promise<void> | void;
  /** Called when a started attempt settles, with its outcome and start time; for limiters. */
  afterSettle?(index: number, input: I, outcome: PoolOutcome, startedAt: number): void;
  /**
   * Called when a started attempt failed, after `afterSettle`. Returning true (or 0) puts the
   * input back in the queue at once, ahead of unread inputs, for attempt `attempt + 1` instead of
   * failing it; a positive number puts it back after that many ms on the clock (a backoff). Its
   * slot is free meanwhile — a backing-off input does not count against the limit — and
   * `beforeStart` runs again (adaptive's 429 retries). False fails the input. Optional.
   */
  retry?(index: number, input: I, error: Error, attempt: number): boolean | number;
}

/** Options of `runPool` and `createPool` (pool.ts). */
export interface PoolOptions<I> extends StrategyOptions {
  /** Extension points; `limit()` is combined with `maxConcurrency` (the smaller wins). */
  hooks?: Partial<PoolHooks<I>>;
  /** `input`: one array in input order; `completion`: an async iterator in completion order. @default 'input' */
  order?: 'input' | 'completion';
  /** Index reported for the k-th input read (ctx.index, events, result slot); a permutation of 0..n-1. */
  indices?: readonly number[];
  /** Shared counter of running tasks, for nested compositions. */
  gauge?: InFlightGauge;
  /** Completion order only: while this many results wait for the consumer, no new task starts. @default 1024 */
  highWaterMark?: number;
}

/** Anything the pool can read inputs from. */
export type PoolInputs<I> = Iterable<I> | AsyncIterable<I>;

/** One completion-order result: the input's index and its output or error. */
export type PoolEntry<O> = [index: number, result: O | Error];

/** Options of the pool strategies: {@link StrategyOptions} plus a shared in-flight gauge. */
export interface PoolStrategyOptions extends StrategyOptions {
  /** Counts this strategy's running tasks into a shared gauge (see `InFlightGauge`). */
  gauge?: InFlightGauge;
}

