/**
 * The real-clock rows of the distributed suite: a variant on K BullMQ worker processes, or
 * the in-process reference (`rateLimited` at the whole limit, one client, the same total
 * concurrency), each against the mock provider's real HTTP server on loopback.
 */
import OpenAI from 'openai';
import type { MockProvider } from '../../mocks/index.ts';
import { chatTask, SUMMARIZE } from '../bench/default-task.ts';
import type { IterationMetrics } from '../bench/metrics.ts';
import type { Document } from '../bench/workload.ts';
import type { Clock } from '../core/clock.ts';
import { measureRun } from './measure-run.ts';
import { runOnQueue, type QueueRunResult } from './queue-run.ts';
import { globalLimiter, realRpm, workerPolicies, type DistributedScenario } from './scenario.ts';
import { warmUp } from './warm-up.ts';
import { WorkerCore, type JobRecord, type Variant } from './worker-core.ts';
import type { WorkerProcesses } from './worker-processes.ts';

/** What a real row needs besides its scenario. */
export interface RealRowContext {
  provider: MockProvider;
  inputs: readonly Document[];
  clock: Clock;
  redisUrl: string;
  model: string;
  signal?: AbortSignal;
  /** SIGKILL one worker once this many inputs have settled (the crash experiment). */
  killAfter?: number;
}

/** One real run's figures plus what only a queue run has. */
export interface RealRowOutcome {
  metrics: IterationMetrics;
  duplicates: number;
  stalled: number;
  pids: readonly number[];
  /** Failures the workers reported while running (see {@link QueueRunResult.workerErrors}). */
  workerErrors: readonly string[];
}

async function withServer<T>(ctx: RealRowContext, seed: number, fn: (url: string) => Promise<T>): Promise<{ value: T; peak: number }> {
  ctx.provider.reset({ seed });
  const server = await ctx.provider.listen({ port: 0, host: '127.0.0.1' });
  try {
    const value = await fn(server.url);
    return { value, peak: server.stats().peakActiveRequests };
  } finally {
    await server.close();
  }
}

/** Runs one variant on K worker processes and measures it. */
export async function runQueueRow(variant: Variant, s: DistributedScenario, ctx: RealRowContext): Promise<RealRowOutcome> {
  const { value, peak } = await withServer(ctx, s.seed, (baseURL): Promise<QueueRunResult> =>
    runOnQueue({
      redisUrl: ctx.redisUrl, inputs: ctx.inputs, clock: ctx.clock, baseURL, apiKey: ctx.provider.config.apiKey ?? 'sk-mock', model: ctx.model,
      policies: workerPolicies(variant, s),
      ...(variant === 'queue-global' ? { limiter: globalLimiter(s) } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.killAfter !== undefined ? { onRecord: killOnce(ctx.killAfter) } : {}),
    }));
  const metrics = measureRun({ ...value, peakInFlight: peak, slots: s.totalConcurrency, rpm: realRpm(s), burst: s.limit.burst }, ctx.provider);
  return { metrics, duplicates: value.duplicates, stalled: value.stalled, pids: value.pids, workerErrors: value.workerErrors };
}

/** SIGKILLs worker 0 once `after` inputs have settled. */
function killOnce(after: number): (settled: number, workers: WorkerProcesses) => void {
  let done = false;
  return (settled, workers) => {
    if (done || settled < after) return;
    done = true;
    workers.kill(0);
  };
}

/**
 * The in-process reference: the `queue-split` worker at the whole limit with the total
 * concurrency, one client, this process; `ctx.signal` stops it at once.
 */
export async function runInProcessRow(s: DistributedScenario, ctx: RealRowContext): Promise<RealRowOutcome> {
  const { value, peak } = await withServer(ctx, s.seed, async (baseURL) => {
    const client = new OpenAI({ apiKey: ctx.provider.config.apiKey ?? 'sk-mock', baseURL, maxRetries: 0 });
    await warmUp(client);
    const [policy] = workerPolicies('queue-split', { ...s, workers: 1 });
    const core = new WorkerCore(chatTask(client, ctx.model, SUMMARIZE), policy!, ctx.clock, ctx.signal ? { signal: ctx.signal } : {});
    const enqueuedAt = ctx.clock.now();
    const records: JobRecord[] = await Promise.all(ctx.inputs.map((input, index) => core.submit(index, input)));
    const endedAt = ctx.clock.now();
    await core.close();
    return { records, enqueuedAt, endedAt };
  });
  const metrics = measureRun({ ...value, peakInFlight: peak, slots: s.totalConcurrency, rpm: realRpm(s), burst: s.limit.burst }, ctx.provider);
  return { metrics, duplicates: 0, stalled: 0, pids: [], workerErrors: [] };
}
