/**
 * The distributed scenario beyond one machine, under the virtual clock: K in-process
 * workers, each with its own openai client and its own {@link WorkerCore} (so its own
 * pacer or adaptive limiter), take jobs from one simulated queue. Taking a job costs
 * `coordinationMs` (the Redis round trip per job, measured on the real runs); for
 * `queue-global` it also passes a {@link WindowLimiter} shared by all, as BullMQ's is.
 * Same provider, same inputs and draws as the real rows; exact and instant.
 */
import OpenAI from 'openai';
import { createMockProvider } from '../../mocks/index.ts';
import { chatTask, SUMMARIZE } from '../bench/default-task.ts';
import type { IterationMetrics } from '../bench/metrics.ts';
import type { Document } from '../bench/workload.ts';
import { VirtualClock } from '../core/virtual-clock.ts';
import { measureRun } from './measure-run.ts';
import { globalLimiter, providerOptions, realRpm, workerPolicies, type DistributedScenario } from './scenario.ts';
import { WindowLimiter } from './window-limiter.ts';
import { WorkerCore, type JobRecord, type Variant } from './worker-core.ts';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  inputs: readonly Document[];
  model?: string;
  /** Per-job cost of taking a job from the queue, real ms. @default 0 */
  coordinationMs?: number;
}

/** Runs `variant` (or `'in-process'`: one worker, `rateLimited` at the whole limit) on the simulated queue. */
export async function simulate(variant: Variant | 'in-process', s: DistributedScenario, options: SimulateOptions): Promise<IterationMetrics> {
  const clock = new VirtualClock();
  const provider = createMockProvider({ ...providerOptions(s), clock });
  const model = options.model ?? 'gpt-4o-mini';
  const coordinationMs = variant === 'in-process' ? 0 : options.coordinationMs ?? 0;
  const policies = variant === 'in-process' ? workerPolicies('queue-split', { ...s, workers: 1 }) : workerPolicies(variant, s);
  const limiter = variant === 'queue-global' ? new WindowLimiter(globalLimiter(s), clock) : null;
  const inputs = options.inputs;
  const records: JobRecord[] = new Array(inputs.length);
  let inFlight = 0;
  let peak = 0;
  let next = 0;
  let settled = 0;
  let lastSettledAt = Number.NaN;
  const startedAt = clock.now();
  const endedAt = await clock.run(async () => {
    const cores = policies.map((policy) => {
      const client = new OpenAI({ apiKey: 'sk-mock', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 0 });
      return new WorkerCore(chatTask(client, model, SUMMARIZE), policy, clock);
    });
    // One loop per job slot of each worker, as BullMQ's `concurrency` keeps that many jobs.
    const slot = async (core: WorkerCore<Document>): Promise<void> => {
      for (;;) {
        if (next >= inputs.length) return;
        if (limiter) await limiter.take();
        if (coordinationMs > 0) await clock.sleep(coordinationMs);
        const index = next++;
        if (index >= inputs.length) return;
        inFlight++;
        peak = Math.max(peak, inFlight);
        records[index] = await core.submit(index, inputs[index]!);
        inFlight--;
        // The run ends with its last result, not when idle slots give up waiting on the limiter.
        if (++settled === inputs.length) lastSettledAt = clock.now();
      }
    };
    // Slots start round-robin across workers, as K processes polling one queue share its first jobs,
    // rather than worker 0 taking as many as it has slots before the others start.
    const rounds = Math.max(...policies.map((p) => p.concurrency));
    const slots: Array<Promise<void>> = [];
    for (let j = 0; j < rounds; j++) cores.forEach((core, w) => j < policies[w]!.concurrency && slots.push(slot(core)));
    await Promise.all(slots);
    await Promise.all(cores.map((core) => core.close()));
    return lastSettledAt;
  });
  return measureRun({ records, enqueuedAt: startedAt, endedAt, peakInFlight: peak, slots: s.totalConcurrency, rpm: realRpm(s), burst: s.limit.burst }, provider);
}
