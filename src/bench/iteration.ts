import type { Clock } from '../core/clock.ts';
import { VirtualClock } from '../core/virtual-clock.ts';
import { parallel } from '../strategies/parallel.ts';
import type { Task } from '../strategies/types.ts';
import { withRetry } from '../strategies/with-retry.ts';
import { linkedSignal } from './abort-points.ts';
import { usageOf } from './default-task.ts';
import type { Endpoint } from './endpoint.ts';
import type { RateLimits } from './row-strategy.ts';
import { measureIteration, type IterationMetrics } from './metrics.ts';
import type { RowPlan } from './plan-rows.ts';
import { estimateCostUsd } from './prices.ts';
import { Recorder } from './recorder.ts';
import type { RateLimitsSeen } from './results.ts';
import type { RetryMode } from './row-strategy.ts';
import { resolveStrategy } from './strategy-registry.ts';

/** What stays the same for every iteration of every row of a suite run. */
export interface IterationContext<I> {
  /** The mock or a real endpoint: reset before each iteration, asked for its counts after. */
  endpoint: Pick<Endpoint, 'reset' | 'counts' | 'gauge' | 'rateLimitsSeen'>;
  clock: Clock;
  inputs: readonly I[];
  baseTask: Task<I, unknown>;
  branches: Record<string, Task<I, unknown>> | undefined;
  /** Tokens one request about each input reserves against TPM. */
  tokenCosts: readonly number[];
  estimateTokens: (input: I) => number;
  limits: RateLimits | null;
  model: string;
  /** Calibrated per-request overhead subtracted from measured service times (real clock). */
  overheadMs: number;
  /** The suite's `priorityOf` per input, when it defines one. */
  priorities?: readonly number[];
  /** 1 for each input whose priority is above 0 (for the high-priority completion metric). */
  high?: Uint8Array;
  /** The run's signal; each iteration gets its own child so SDK listeners die with it. */
  signal: AbortSignal;
}

/** One iteration's figures plus the adaptive limit over time. */
export interface IterationOutcome {
  metrics: IterationMetrics;
  /** `[ms since the iteration started, limit]` for every `limit-changed` event. */
  limitHistory: Array<[number, number]>;
  /** A real endpoint's `x-ratelimit-*` headers this iteration, when it sent any. */
  rateLimitsSeen?: RateLimitsSeen;
}

/** Runs the branches of one input one after another (the baseline `parallel` is compared with). */
function sequentialBranches<I>(branches: Record<string, Task<I, unknown>>): Task<I, Record<string, unknown>> {
  return async (input, ctx) => {
    const out: Record<string, unknown> = {};
    for (const [name, branch] of Object.entries(branches)) out[name] = await branch(input, ctx);
    return out;
  };
}

/** Attempts per input each retry mode allows (the request budget multiplies by them). */
export const RETRY_ATTEMPTS: Readonly<Record<RetryMode, number>> = { none: 1, sdk: 3, 'with-retry': 6 };

function withRetryMode<I>(task: Task<I, unknown>, mode: RetryMode | undefined, clock: Clock, seed: number, onEvent: Recorder['onEvent']): Task<I, unknown> {
  switch (mode ?? 'none') {
    case 'none':
      return task;
    case 'sdk':
      // openai-node 6's policy: 3 attempts, ceiling min(0.5·2^k, 8) s shortened by up to 25 %, retry-after honoured.
      return withRetry(task, { attempts: RETRY_ATTEMPTS.sdk, baseDelayMs: 500, maxDelayMs: 8000, jitter: 'openai', clock, seed, onEvent });
    case 'with-retry':
      return withRetry(task, { attempts: RETRY_ATTEMPTS['with-retry'], clock, seed, onEvent });
  }
}

/** The usage the recorder kept of an output (it keeps nothing else). */
const keptUsage = (output: unknown): number | undefined => (typeof output === 'number' ? output : undefined);

/**
 * One iteration of one row: reset the endpoint (the mock with this iteration's seed), run
 * the strategy (driving the virtual clock if that is the clock), then measure.
 */
export async function runIteration<I>(ctx: IterationContext<I>, plan: RowPlan, iterSeed: number): Promise<IterationOutcome> {
  const { endpoint, clock, inputs, branches } = ctx;
  endpoint.reset(iterSeed);
  const iteration = linkedSignal(ctx.signal);
  try {
    const startedAt = clock.now();
    const recorder = new Recorder(clock, inputs.length, startedAt);
    const strategy = resolveStrategy(plan.definition.strategy);
    const shape = plan.options.branches ?? strategy.defaultBranches;
    const perInput: Task<I, unknown> =
      shape === 'task' || branches === undefined ? ctx.baseTask
      : shape === 'parallel' ? parallel(branches) : sequentialBranches(branches);
    const task = withRetryMode(recorder.wrap(perInput, usageOf), plan.options.retry, clock, iterSeed, recorder.onEvent);
    const run = () =>
      strategy.run({
        inputs, task, options: plan.options, clock, signal: iteration.signal, onEvent: recorder.onEvent,
        providerLimits: ctx.limits, estimateTokens: ctx.estimateTokens, usageOf: keptUsage,
        ...(ctx.priorities ? { priorities: ctx.priorities } : {}),
      });
    const { results, firstResultAt } = clock instanceof VirtualClock ? await clock.run(run) : await run();
    const endedAt = clock.now();
    ctx.signal.throwIfAborted();
    if (results.length !== inputs.length) {
      throw new Error(`Failed to account for every input in row \`${plan.name}\`: ${results.length} results for ${inputs.length} inputs.`);
    }
    const requestsPerInput = shape === 'task' || branches === undefined ? 1 : Object.keys(branches).length;
    const requests = endpoint.counts();
    let errors = 0;
    for (const r of results) if (r instanceof Error) errors++;
    // Calibrated per-request overhead (real clock) is not service time.
    if (ctx.overheadMs !== 0) for (let i = 0; i < recorder.traces.length; i++) recorder.traces.start[i]! += ctx.overheadMs;
    const metrics = measureIteration({
      startedAt,
      endedAt,
      firstResultAt,
      traces: recorder.traces,
      requests,
      tokenCosts: requestsPerInput === 1 ? ctx.tokenCosts : ctx.tokenCosts.map((t) => t * requestsPerInput),
      requestsPerInput,
      peakInFlight: endpoint.gauge.peak,
      retries: recorder.count('retry'),
      errors,
      policy: strategy.policy(plan.options),
      limits: ctx.limits,
      // Only served requests are billed; a 429 or an aborted request costs nothing.
      costUsd: estimateCostUsd(ctx.model, requests.promptTokens, requests.completionTokens),
      high: ctx.high ?? null,
    });
    const limitHistory = recorder.limitChanges.map(([at, limit]): [number, number] => [at - startedAt, limit]);
    const seen = endpoint.rateLimitsSeen();
    return { metrics, limitHistory, ...(seen ? { rateLimitsSeen: seen } : {}) };
  } finally {
    iteration.dispose();
  }
}
