import { Bench } from 'tinybench';
import { createMockProvider, type MockProvider, type MockProviderOptions, type ProfileName } from '../../mocks/index.ts';
import type { Clock } from '../core/clock.ts';
import { RealClock } from '../core/real-clock.ts';
import { VirtualClock } from '../core/virtual-clock.ts';
import type { Task } from '../strategies/types.ts';
import { linkedSignal } from './abort-points.ts';
import { calibrateOverhead } from './calibrate.ts';
import { runIteration, type IterationContext } from './iteration.ts';
import type { TransportName } from './connect.ts';
import { chatTask, requestTokens, SUMMARIZE } from './default-task.ts';
import { mockEndpoint } from './endpoint.ts';
import type { EndpointError } from './endpoint-error.ts';
import { aggregateRow, idealMakespan, type IterationMetrics } from './metrics.ts';
import { endpointVerdict } from './failure-tally.ts';
import { openaiEndpoint } from './openai-endpoint.ts';
import type { RowPlan } from './plan-rows.ts';
import { currentEnvironment, SCHEMA_VERSION, type RateLimitsSeen, type RowResult, type SuiteResult } from './results.ts';
import { checkBudget, estimateRun } from './run-estimate.ts';
import { runShape, type ShapeOptions } from './run-shape.ts';
import { resolveStrategy } from './strategy-registry.ts';
import type { StrategySuite, TaskEnvironment } from './suite.ts';
import type { OpenAITarget } from './target.ts';
import { createDocuments, type Document } from './workload.ts';

/** What a caller (the CLI, a test, a user script) can ask of a suite run. */
export interface RunSuiteOptions extends ShapeOptions {
  /** Base seed; iteration i uses seed + i for every row. @default 1 */
  seed?: number;
  /** @default 'virtual' ('real' with a `target`) */
  clock?: 'virtual' | 'real';
  /** Real clock: every latency is multiplied by this. @default 1 */
  timeScale?: number;
  /** @default 'fetch' */
  transport?: TransportName;
  /** Provider profile, overriding the suite's. */
  profile?: ProfileName;
  /** Provider options layered over the profile and the suite's own. */
  provider?: MockProviderOptions;
  /**
   * Send the requests to this real OpenAI-compatible endpoint instead of the mock: real
   * clock only, no warm-up iteration, counts and tokens as the client sees them. The first
   * answer that makes the rest pointless (a 401, a missing model, no quota, a refused
   * connection) stops the run with an {@link EndpointError}.
   */
  target?: OpenAITarget;
  /** Refuse (a `UsageError`, before sending anything) when the run's worst-case request count exceeds this. */
  maxRequests?: number;
  /** Aborting cancels the requests in flight; rows that finished every iteration are kept (`partial: true`). */
  signal?: AbortSignal;
  /** Called as each row starts (`iteration` 0) and after each of its measured iterations. */
  onProgress?: (progress: { row: string; rowIndex: number; rows: number; iteration: number; iterations: number }) => void;
}

/**
 * Runs a strategy suite: every row for `iterations` iterations (tinybench drives them),
 * each iteration on a freshly reset provider seeded with seed + i, and returns the
 * statistics of results JSON.
 */
export async function runSuite<I = Document>(suite: StrategySuite<I>, options: RunSuiteOptions = {}): Promise<SuiteResult> {
  const { plans, requests, iterations, warmup, seed, clock: clockKind, model } = runShape(suite, options);
  const { target } = options;
  const transport = options.transport ?? 'fetch';
  const timeScale = clockKind === 'real' ? (options.timeScale ?? 1) : 1;
  if (options.maxRequests !== undefined) checkBudget([await estimateRun(suite, options)], options.maxRequests);

  // Real I/O (the http transport) needs a real-time quiet window before virtual time may jump.
  const clock: Clock = clockKind === 'virtual' ? new VirtualClock(transport === 'http' ? { settleRealMs: 3, stallTimeoutMs: 10_000 } : {}) : new RealClock();
  const profile = options.profile ?? suite.profile ?? 'hosted';
  const providerOptions: MockProviderOptions = { ...suite.provider, ...options.provider, profile, seed, clock, timeScale };
  const provider: MockProvider | null = target ? null : createMockProvider(providerOptions);
  const calibration =
    clockKind === 'real' && !target ? await calibrateOverhead({ ...providerOptions, transport, model, samples: 200 }) : undefined;
  const overheadMs = calibration?.overheadMsPerRequest ?? 0;

  const perRow = new Map<string, IterationMetrics[]>();
  const histories = new Map<string, Array<[number, number]>>();
  const limitsSeen = new Map<string, RateLimitsSeen>();
  let partial = false;
  // The run's own signal, so an abort reaches every iteration whatever the caller passed.
  const linked = linkedSignal(options.signal);
  const { signal } = linked;
  // The first failure of a real endpoint that dooms every further request stops the run.
  const stopped: { error?: EndpointError } = {};
  const real = target
    ? openaiEndpoint(target, (error) => {
      stopped.error ??= error;
      linked.abort(error);
    })
    : undefined;
  const endpoint = real ?? (await mockEndpoint(provider!, transport));
  try {
    const env: TaskEnvironment = { client: endpoint.client, fetch: endpoint.fetch, provider, clock, model };
    const inputs = suite.workload ? suite.workload(requests, seed) : (createDocuments(requests, seed) as unknown as I[]);
    const baseTask = suite.task ? await suite.task(env) : (chatTask(env.client, model, SUMMARIZE) as unknown as Task<I, unknown>);
    const branches = await suite.branches?.(env);
    const tokensOf = suite.requestTokens ?? ((doc: I) => requestTokens(doc as unknown as Document, SUMMARIZE));
    const tokenCosts = inputs.map(tokensOf);
    const priorities = suite.priorityOf ? inputs.map((input, i) => suite.priorityOf!(input, i)) : undefined;

    const iterationContext: IterationContext<I> = {
      endpoint, clock, inputs, baseTask, branches, tokenCosts, estimateTokens: tokensOf,
      limits: endpoint.limits, model, overheadMs, signal,
      ...(priorities ? { priorities, high: Uint8Array.from(priorities, (p) => (p > 0 ? 1 : 0)) } : {}),
    };

    const bench = new Bench({
      time: 0,
      iterations,
      warmup,
      warmupIterations: 1,
      warmupTime: 0,
      // No tinybench signal: it adds a listener per task. An abort makes the iteration throw instead.
      throws: true,
    });
    plans.forEach((plan, rowIndex) => {
      const measured: IterationMetrics[] = [];
      perRow.set(plan.name, measured);
      let iteration = -1;
      bench.add(plan.name, async () => {
        signal.throwIfAborted();
        const iterSeed = iteration < 0 ? seed + iterations : seed + iteration;
        const { metrics, limitHistory, rateLimitsSeen } = await runIteration(iterationContext, plan, iterSeed);
        if (iteration >= 0) {
          measured.push(metrics);
          if (limitHistory.length > 0) histories.set(plan.name, limitHistory);
          if (rateLimitsSeen) limitsSeen.set(plan.name, rateLimitsSeen);
          options.onProgress?.({ row: plan.name, rowIndex, rows: plans.length, iteration: iteration + 1, iterations });
        }
      }, {
        async: true,
        beforeEach(mode) {
          iteration = mode === 'warmup' ? -1 : iteration + 1;
        },
        beforeAll(mode) {
          if (mode !== 'run') return;
          iteration = -1;
          options.onProgress?.({ row: plan.name, rowIndex, rows: plans.length, iteration: 0, iterations });
        },
      });
    });

    await bench.run();
  } catch (error) {
    if (!signal.aborted) throw error;
    if (!stopped.error) partial = true;
  } finally {
    linked.dispose();
    await endpoint.close();
  }
  if (stopped.error) throw stopped.error;

  // Speedups are against the suite's first serial row (for `parallel`: branches one after another).
  const serialPlan = plans.find((p) => p.definition.strategy === 'serial');
  const serialMakespans = serialPlan ? perRow.get(serialPlan.name)?.map((m) => m.makespanMs) ?? null : null;
  const rows: RowResult[] = [];
  for (const plan of plans) {
    const measured = perRow.get(plan.name) ?? [];
    // An interrupted row is left out: its statistics would not be over `iterations` iterations.
    if (measured.length < iterations) continue;
    const pairedSerial = serialMakespans && serialMakespans.length === measured.length ? serialMakespans : null;
    const row: RowResult = {
      name: plan.name,
      strategy: resolveStrategy(plan.definition.strategy).name,
      options: { ...plan.options },
      concurrency: finiteOrNull(resolveStrategy(plan.definition.strategy).nominalConcurrency(plan.options)),
      ...aggregateRow(measured, pairedSerial, seed),
    };
    const history = histories.get(plan.name);
    if (history) row.limitHistory = history;
    const seen = limitsSeen.get(plan.name);
    if (seen) row.rateLimitsSeen = seen;
    if (clockKind === 'real') {
      row.rescaledMakespanMs = row.makespanMs.median / timeScale;
      // The calibration measures the harness against the mock; a real endpoint's run has none.
      if (calibration) row.predictedOverheadShare = predictedOverheadShare(plan, measured, overheadMs);
    }
    rows.push(row);
  }

  // A real endpoint's failed answers are named; a run in which every request failed is not kept.
  const verdict = real && target && !partial ? endpointVerdict(rows, real.failures(), target.baseUrl) : undefined;

  const result: SuiteResult = {
    schemaVersion: SCHEMA_VERSION,
    suite: suite.name,
    createdAt: new Date().toISOString(),
    environment: currentEnvironment(),
    scenario: {
      profile: target ? 'none' : profile, requests, clock: clockKind, timeScale, seed, iterations, transport: target ? 'http' : transport, model,
      // The base seed is `scenario.seed`; the provider's own is the last iteration's. A real endpoint's settings are unknown.
      provider: provider ? Object.fromEntries(Object.entries(provider.describe()).filter(([key]) => key !== 'seed')) : {},
    },
    ...(target ? { target: target.toJSON() } : {}),
    ...(calibration ? { calibration } : {}),
    rows,
    notes: [],
    ...(partial ? { partial: true } : {}),
  };
  for (const row of rows) {
    if (row.predictedOverheadShare !== undefined && row.predictedOverheadShare > 0.05) {
      result.notes.push(`warning: ${row.name}: predicted harness overhead is ${(row.predictedOverheadShare * 100).toFixed(1)}% of its makespan (> 5%); raise --time-scale for a cleaner measurement.`);
    }
  }
  if (verdict) result.notes.push(verdict);
  if (partial) result.notes.push(rows.length > 0 ? 'interrupted: only the rows above finished.' : 'interrupted before any row finished.');
  if (!partial && suite.analyze) {
    const analysis = linkedSignal(options.signal);
    try {
      result.notes.push(...(await suite.analyze(result, { signal: analysis.signal })));
    } catch (error) {
      if (analysis.signal.aborted) {
        // Without its analysis the result is not the complete one: kept beside it, not over it.
        result.partial = true;
        result.notes.push('interrupted during the analysis: its notes are missing.');
      } else {
        result.notes.push(`analysis failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      analysis.dispose();
    }
  }
  return result;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Share of the makespan the calibrated per-request overhead predicts: replay the policy
 * with each service time plus the overhead, bounded below by N × overhead (one CPU).
 */
function predictedOverheadShare(plan: RowPlan, measured: readonly IterationMetrics[], overheadMs: number): number {
  const shares = measured.map((m) => {
    const policy = resolveStrategy(plan.definition.strategy).policy(plan.options);
    const withOverhead = Math.max(idealMakespan(policy, m.services.map((s) => s + overheadMs), [], null), m.requests * overheadMs);
    return withOverhead > 0 ? (withOverhead - m.idealMs) / withOverhead : 0;
  });
  return shares.reduce((s, x) => s + x, 0) / Math.max(1, shares.length);
}
