import type { Clock } from '../core/clock.ts';
import { abatch } from '../strategies/abatch.ts';
import { adaptive } from '../strategies/adaptive.ts';
import { batch, defaultBatchConcurrency } from '../strategies/batch.ts';
import { batchAsCompleted } from '../strategies/batch-as-completed.ts';
import { chunked } from '../strategies/chunked.ts';
import { eagerGather } from '../strategies/pitfalls/eager-gather.ts';
import { gatherWithConcurrency } from '../strategies/gather-with-concurrency.ts';
import { priority } from '../strategies/priority.ts';
import { rateLimited } from '../strategies/rate-limited.ts';
import { serial } from '../strategies/serial.ts';
import type { StrategyEvent, Task, TaskContext } from '../strategies/types.ts';
import type { RateLimits } from './ideal.ts';
import type { Policy } from './metrics.ts';
import type { RowOptions, StrategyName } from './suite.ts';

/** Everything a row needs to run one iteration. */
export interface RowContext<I> {
  inputs: readonly I[];
  /** The per-input task, already wrapped for timing (and retries, when the row asks). */
  task: Task<I, unknown>;
  options: RowOptions;
  clock: Clock;
  signal: AbortSignal;
  onEvent: (event: StrategyEvent) => void;
  /** The provider's limits, for `rateLimited` rows with `rpm`/`tpm: 'provider'`. */
  providerLimits: RateLimits | null;
  /** Token cost of an input as the provider's TPM bucket charges it. */
  estimateTokens: (input: I) => number;
  /** Actual tokens used, from an output (the SDK's `usage.total_tokens`). */
  usageOf: (output: unknown) => number | undefined;
}

const unlimited = (value: number | null | undefined): number => value ?? Number.POSITIVE_INFINITY;

/** The effective concurrency limit a row runs with (Infinity = unlimited). */
export function rowConcurrency(strategy: StrategyName, options: RowOptions): number {
  switch (strategy) {
    case 'serial':
    case 'parallel':
      return 1;
    case 'batch':
      return options.maxConcurrency ?? defaultBatchConcurrency();
    case 'chunked':
      return Math.min(options.batchSize ?? 1, unlimited(options.maxConcurrency));
    case 'eagerGather':
      return Number.POSITIVE_INFINITY;
    default:
      return unlimited(options.maxConcurrency);
  }
}

/** The nominal limit shown in the table: for `eagerGather` the `n` it was given, not what it achieves. */
export function nominalConcurrency(strategy: StrategyName, options: RowOptions): number {
  return strategy === 'eagerGather' ? unlimited(options.maxConcurrency) : rowConcurrency(strategy, options);
}

/** How the row schedules work, for the zero-overhead replay. */
export function rowPolicy(strategy: StrategyName, options: RowOptions): Policy {
  if (strategy === 'serial' || strategy === 'parallel') return { kind: 'serial' };
  if (strategy === 'chunked') return { kind: 'chunked', batchSize: options.batchSize ?? 1, innerSlots: unlimited(options.maxConcurrency) };
  return { kind: 'pool', slots: rowConcurrency(strategy, options) };
}

/** Every 1/`share`-th input is high priority (1), the rest low (0). */
function priorities<I>(inputs: readonly I[], share: number): Array<{ input: I; priority: number }> {
  const every = Math.max(1, Math.round(1 / share));
  return inputs.map((input, i) => ({ input, priority: i % every === every - 1 ? 1 : 0 }));
}

/** What one iteration of a row returned. */
export interface RowRun {
  /** One slot per input: the output or its Error. */
  results: unknown[];
  /** Streaming strategies: when the caller got the first successful output; else null. */
  firstResultAt: number | null;
}

/**
 * Runs one iteration of a row with its strategy. Every row runs with `returnExceptions`,
 * so failures are counted at their index instead of aborting the comparison.
 */
export async function runRow<I>(strategy: StrategyName, ctx: RowContext<I>): Promise<RowRun> {
  if (strategy === 'batchAsCompleted') {
    const results: unknown[] = new Array(ctx.inputs.length);
    let firstResultAt: number | null = null;
    const options = { clock: ctx.clock, signal: ctx.signal, onEvent: ctx.onEvent, returnExceptions: true as const, maxConcurrency: ctx.options.maxConcurrency };
    for await (const [index, result] of batchAsCompleted(ctx.inputs, ctx.task, options)) {
      results[index] = result;
      if (firstResultAt === null && !(result instanceof Error)) firstResultAt = ctx.clock.now();
    }
    return { results, firstResultAt };
  }
  return { results: await runBatchRow(strategy, ctx), firstResultAt: null };
}

async function runBatchRow<I>(strategy: Exclude<StrategyName, 'batchAsCompleted'>, ctx: RowContext<I>): Promise<unknown[]> {
  const { inputs, task, options, clock, signal, onEvent } = ctx;
  const common = { clock, signal, onEvent, returnExceptions: true as const };
  const mc = options.maxConcurrency;
  switch (strategy) {
    case 'serial':
    case 'parallel':
      return serial(inputs, task, common);
    case 'batch':
      return batch(inputs, task, { ...common, maxConcurrency: mc });
    case 'abatch':
      return abatch(inputs, task, { ...common, maxConcurrency: mc });
    case 'gatherWithConcurrency': {
      const thunks = inputs.map((input) => (ctx: TaskContext) => task(input, ctx));
      return gatherWithConcurrency(mc ?? null, thunks, common);
    }
    case 'eagerGather': {
      // The pitfall on purpose: calling the task creates (and starts) every request now.
      const promises = inputs.map((input, index) => task(input, { signal, attempt: 1, index }));
      return eagerGather(mc ?? null, promises, { returnExceptions: true });
    }
    case 'chunked':
      return chunked(inputs, task, { ...common, batchSize: options.batchSize ?? 1, maxConcurrency: mc });
    case 'priority':
      return priority(priorities(inputs, options.highShare ?? 0.2), task, { ...common, maxConcurrency: mc });
    case 'adaptive':
      return adaptive(inputs, task, { ...common, maxConcurrency: mc });
    case 'rateLimited': {
      const pick = (value: number | 'provider' | undefined, fromProvider: number | null | undefined): number | undefined =>
        value === 'provider' ? (fromProvider ?? undefined) : value;
      return rateLimited(inputs, task, {
        ...common,
        maxConcurrency: mc,
        rpm: pick(options.rpm, ctx.providerLimits?.rpm),
        tpm: pick(options.tpm, ctx.providerLimits?.tpm),
        estimateTokens: ctx.estimateTokens,
        usageOf: ctx.usageOf,
      });
    }
  }
}
