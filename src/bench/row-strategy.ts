import type { Clock } from '../core/clock.ts';
import type { StrategyEvent, Task } from '../strategies/types.ts';

/**
 * What the harness needs to know about a strategy to put it in a row: how to run it, how
 * many requests it keeps in flight, which schedule its zero-overhead ideal replays, and
 * which row options it reads. Built-ins live in the strategy registry; a suite row may
 * also name a {@link RowStrategy} of the user's own.
 */

/** Client-side rate limits (the provider's, as a row or an ideal sees them). */
export interface RateLimits {
  rpm?: number | null;
  tpm?: number | null;
  /** Bucket sizes; default to the per-minute limits (OpenAI's behaviour). */
  burstRequests?: number | null;
  burstTokens?: number | null;
}

/** How a strategy schedules work, for replaying it with zero overhead (its ideal). */
export type Policy =
  /** One input at a time. */
  | { kind: 'serial' }
  /** A sliding pool of `slots` (Infinity = unlimited): each input starts on the earliest free slot. */
  | { kind: 'pool'; slots: number }
  /** Fixed chunks of `batchSize` with a barrier between them, `innerSlots` at a time inside a chunk. */
  | { kind: 'chunked'; batchSize: number; innerSlots: number };

/** How a row retries failed requests. */
export type RetryMode =
  /** No retries: a 429 is an error for that input. */
  | 'none'
  /** `withRetry` with the openai SDK's policy (3 attempts, min(0.5·2^k, 8) s backoff, honours retry-after). */
  | 'sdk'
  /** `withRetry` with 6 attempts, full-jitter backoff, honouring retry-after. */
  | 'with-retry';

/** Options of a row. Which keys a row may set depends on its strategy (see `options` of {@link RowStrategy}). */
export interface RowOptions {
  /** Concurrency limit; `null` = unlimited; absent = the strategy's default. */
  maxConcurrency?: number | null;
  /** `chunked`: inputs per chunk (its concurrency limit). */
  batchSize?: number;
  /** `rateLimited`: client-side limits. `'provider'` copies the provider's limit and its burst. */
  rpm?: number | 'provider';
  tpm?: number | 'provider';
  /** Retry wrapper around each input's task. @default 'none' */
  retry?: RetryMode;
  /** Per-input task: the suite's single task, or its branches run in parallel / one after another. @default 'task' */
  branches?: 'task' | 'parallel' | 'sequential';
  /** `priority`: share of inputs marked high priority (every k-th input). @default 0.2 */
  highShare?: number;
}

/** Row options every strategy accepts: they shape the per-input task, not the schedule. */
export const COMMON_ROW_OPTIONS = ['retry', 'branches'] as const satisfies ReadonlyArray<keyof RowOptions>;

/** Row options a strategy may declare that it reads. */
export type StrategyOptionKey = Exclude<keyof RowOptions, (typeof COMMON_ROW_OPTIONS)[number]>;

/** Everything a row's strategy gets for one iteration. */
export interface RowRunContext<I> {
  inputs: readonly I[];
  /** The per-input task, already wrapped for timing (and retries, when the row asks). */
  task: Task<I, unknown>;
  options: RowOptions;
  clock: Clock;
  /** Aborts on Ctrl-C; the strategy must stop promptly. */
  signal: AbortSignal;
  /** Every strategy event goes here (the harness measures from them). */
  onEvent: (event: StrategyEvent) => void;
  /** The provider's limits, for rows with `rpm`/`tpm: 'provider'`; null when it has none. */
  providerLimits: RateLimits | null;
  /** Token cost of an input as the provider's TPM bucket charges it. */
  estimateTokens: (input: I) => number;
  /** Actual tokens used, from an output (the SDK's `usage.total_tokens`). */
  usageOf: (output: unknown) => number | undefined;
  /** The suite's `priorityOf` for each input (higher first), when the suite defines one. */
  priorities?: readonly number[];
}

/** What one iteration of a row returned. */
export interface RowRun {
  /** One slot per input, in input order: the output or its Error. */
  results: unknown[];
  /** Streaming strategies: when the caller got the first successful output; else null. */
  firstResultAt: number | null;
}

/**
 * A strategy as a row runs it. Every field is required, so a strategy that forgets its
 * ideal, its options or its concurrency does not compile.
 */
export interface RowStrategy {
  /** The `strategy` shown in tables and stored in results JSON. */
  readonly name: string;
  /** One line for `list`. */
  readonly description: string;
  /** Row options it reads, beyond the ones every row accepts (`retry`, `branches`). */
  readonly options: readonly StrategyOptionKey[];
  /**
   * The option `--concurrency` overrides: `'maxConcurrency'` (only when the row sets a
   * finite one), `'batchSize'` (always), or null for strategies without a limit.
   */
  readonly limitOption: 'maxConcurrency' | 'batchSize' | null;
  /**
   * How each input's task is built when the row does not say: `'task'` runs the suite's
   * task; `'parallel'` runs the suite's branches concurrently (the suite must define them).
   */
  readonly defaultBranches: 'task' | 'parallel';
  /** Requests it keeps in flight at most (Infinity = unlimited). */
  concurrency(options: RowOptions): number;
  /** The limit the table shows (usually {@link concurrency}; a pitfall may claim one it does not keep). */
  nominalConcurrency(options: RowOptions): number;
  /** The schedule its ideal replays. */
  policy(options: RowOptions): Policy;
  /**
   * Requests one input may send inside the strategy, its own retries included (before a
   * row's `retry` wrapper multiplies them), for the request budget of a real endpoint.
   * @default 1 (a strategy that does not retry)
   */
  maxAttempts?(options: RowOptions): number;
  /** Runs one iteration; must settle every input (errors at their index, never a rejection). */
  run<I>(ctx: RowRunContext<I>): Promise<RowRun>;
}

/** Options every strategy function receives from a row: one slot per input, never a rejection. */
export interface RowStrategyCallOptions {
  maxConcurrency: number | null | undefined;
  clock: Clock;
  signal: AbortSignal;
  onEvent: (event: StrategyEvent) => void;
  returnExceptions: true;
}

/** A function with the built-in strategies' signature, e.g. `abatch`. */
export type StrategyFunction = <I, O>(inputs: readonly I[], task: Task<I, O>, options: RowStrategyCallOptions) => Promise<Array<O | Error>>;

/** `null`/`undefined` limits mean unlimited. */
export const unlimited = (value: number | null | undefined): number => value ?? Number.POSITIVE_INFINITY;

/** Everything of a sliding-pool row strategy but how it runs: the pool ideal over `maxConcurrency`. */
export function poolShape(name: string, description: string): Omit<RowStrategy, 'run'> {
  return {
    name,
    description,
    options: ['maxConcurrency'],
    limitOption: 'maxConcurrency',
    defaultBranches: 'task',
    concurrency: (o) => unlimited(o.maxConcurrency),
    nominalConcurrency: (o) => unlimited(o.maxConcurrency),
    policy: (o) => ({ kind: 'pool', slots: unlimited(o.maxConcurrency) }),
  };
}

/**
 * Turns a sliding-pool strategy function (the built-ins' signature: inputs, task,
 * `{ maxConcurrency, clock, signal, onEvent, returnExceptions }`) into a row strategy with
 * the pool ideal. Use it for strategies of your own.
 *
 * @example
 * const hedged = poolStrategy('hedged', 'two requests per input, first answer wins', myHedgedFn);
 * defineSuite({ name: 'mine', rows: [{ name: 'hedged', strategy: hedged, options: { maxConcurrency: 10 } }], … });
 */
export function poolStrategy(name: string, description: string, fn: StrategyFunction): RowStrategy {
  return { ...poolShape(name, description), run: async (ctx) => ({ results: await fn(ctx.inputs, ctx.task, callOptions(ctx)), firstResultAt: null }) };
}

/** The options a row passes to every strategy function. */
export function callOptions<I>(ctx: RowRunContext<I>): RowStrategyCallOptions {
  return { maxConcurrency: ctx.options.maxConcurrency, clock: ctx.clock, signal: ctx.signal, onEvent: ctx.onEvent, returnExceptions: true };
}
