/**
 * The distributed suite's run: for each org-wide limit (free tier, hosted), the in-process
 * reference and every variant on K = 1, 2, 4, 8 BullMQ worker processes on the real clock
 * (time-scaled), each next to its simulation; then the simulation alone for K up to 256,
 * with the queue's coordination cost measured on the same Redis.
 */
import { createMockProvider } from '../../mocks/index.ts';
import { aggregateRow } from '../bench/metrics.ts';
import type { CustomRunContext, CustomSuiteOutput } from '../bench/suite.ts';
import { UsageError } from '../bench/usage-error.ts';
import { createDocuments } from '../bench/workload.ts';
import { RealClock } from '../core/real-clock.ts';
import { measureCoordinationMs } from './coordination.ts';
import { runInProcessRow, runQueueRow, type RealRowOutcome } from './real-runs.ts';
import { untilAborted } from './bounded.ts';
import { probeRedis } from './redis-probe.ts';
import { RedisUnavailableError, startLocalRedis, type LocalRedis } from './redis-server.ts';
import { LIMIT_PRESETS, providerOptions, rateBoundMs, type DistributedScenario } from './scenario.ts';
import { simulate } from './simulate.ts';
import { VARIANTS, type Variant } from './worker-core.ts';

/** Options of {@link runDistributedSuite} (the suite's defaults in brackets). */
export interface DistributedSuiteOptions {
  /** Worker counts run for real. [1, 2, 4, 8] */
  workers?: number[];
  /** Worker counts simulated. [1 … 256, powers of 2] */
  simulatedWorkers?: number[];
  /** Latencies × this, the limit ÷ this. [0.1] */
  timeScale?: number;
  /** Jobs in flight across all workers. [32] */
  totalConcurrency?: number;
  /** Inputs per limit, unless `--requests` says. [free tier 60, hosted 500] */
  requests?: { 'free-tier': number; hosted: number };
}

type RowName = Variant | 'in-process';
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
/** `% of bound`, or a dash when the burst alone admits every input (a bound of 0 s). */
const ofBound = (r: { boundMs: number; ofBound: number }): string => (r.boundMs > 0 ? pct(r.ofBound) : '—');
const signedSec = (ms: number): string => `${ms < 0 ? '-' : '+'}${sec(Math.abs(ms))}`;

async function redisFor(ctx: CustomRunContext): Promise<{ url: string; local: LocalRedis | null }> {
  if (ctx.redisUrl !== undefined) {
    if (!/^rediss?:\/\//.test(ctx.redisUrl)) throw new UsageError(`--redis-url must look like redis://HOST:PORT, got \`${ctx.redisUrl}\`.`);
    try {
      await untilAborted(probeRedis(ctx.redisUrl), ctx.signal);
    } catch (error) {
      if (error instanceof RedisUnavailableError) throw new UsageError(error.message);
      throw error;
    }
    return { url: ctx.redisUrl, local: null };
  }
  try {
    const local = await startLocalRedis();
    return { url: local.url, local };
  } catch (error) {
    if (error instanceof RedisUnavailableError) throw new UsageError(error.message);
    throw error;
  }
}

/** K of the crash row: up to 4 workers, at least 2 (one to kill, one to take its jobs), or null when `workers` has no K ≥ 2. */
export function crashWorkers(workers: readonly number[]): number | null {
  const most = Math.max(0, ...workers);
  return most >= 2 ? Math.min(4, most) : null;
}

/** Median figures of a row over its iterations, in scenario time (real ÷ timeScale); inputs ok, failed and duplicated are totals over them. */
function summarize(name: RowName, k: number, n: number, s: DistributedScenario, runs: RealRowOutcome[], seed: number) {
  const row = aggregateRow(runs.map((r) => r.metrics), null, seed);
  const inputs = n * runs.length;
  const failed = runs.reduce((sum, r) => sum + r.metrics.errors, 0);
  const makespan = row.makespanMs.median / s.timeScale;
  const bound = rateBoundMs(n, s) / s.timeScale;
  const nOverRpm = (n / s.limit.rpm) * 60_000;
  return {
    // Inputs, not requests: a request the provider served for a worker that then died is wasted, not a second ok.
    // Totals over the iterations (whole inputs), not means: `inputs` = N × iterations.
    name, workers: k, ok: inputs - failed, failed, n, inputs,
    makespanMs: makespan, boundMs: bound, ofBound: bound / makespan, ofNOverRpm: nOverRpm / makespan,
    requests: row.counts.requests, rateLimited: row.counts.rateLimited, rateLimitedShare: row.counts.rateLimited / Math.max(1, row.counts.requests),
    retries: row.counts.retries, wasted: row.counts.wasted,
    duplicates: runs.reduce((sum, r) => sum + r.duplicates, 0),
    // Jobs BullMQ found stalled and handed to another worker (JSON only): the crash row's recovery.
    stalled: runs.reduce((sum, r) => sum + r.stalled, 0),
    latencyP50Ms: row.latencyMs.p50 / s.timeScale, latencyP99Ms: row.latencyMs.p99 / s.timeScale, peakInFlight: row.peakInFlight,
  };
}

/** Runs the suite (see the file comment). */
export async function runDistributedSuite(ctx: CustomRunContext, options: DistributedSuiteOptions = {}): Promise<CustomSuiteOutput> {
  const workers = options.workers ?? [1, 2, 4, 8];
  const simulated = options.simulatedWorkers ?? [1, 2, 4, 8, 16, 32, 64, 128, 256];
  const timeScale = options.timeScale ?? 0.1;
  const totalConcurrency = options.totalConcurrency ?? 32;
  const iterations = ctx.iterations ?? 1;
  const clock = new RealClock();
  const redis = await redisFor(ctx);
  const header = ['limit', 'row', 'K', 'ok+failed/N', 'makespan', 'bound', '% of bound', '% of N/RPM', '429s', '% 429', 'retries', 'wasted', 'dup', 'latency p50', 'latency p99', 'simulated', 'sim diff'];
  const rows: Array<Array<string | number>> = [];
  const notes: string[] = [];
  const json: Record<string, unknown> = { timeScale, totalConcurrency, iterations };
  const noteWorkerErrors = (row: string, runs: readonly RealRowOutcome[]): void => {
    const reported = runs.flatMap((r) => r.workerErrors);
    if (reported.length > 0) notes.push(`${row}: the workers reported ${reported.length} error(s) while running, first: ${reported[0]!}`);
  };
  try {
    const coordinationMs = await measureCoordinationMs(redis.url, 300, ctx.signal);
    json.coordinationMs = coordinationMs;
    notes.push(`coordination cost measured on this Redis: ${coordinationMs.toFixed(2)} ms per job (an empty BullMQ job, one after another); the simulation charges it per job taken.`);
    for (const limitName of ['free-tier', 'hosted'] as const) {
      const limit = LIMIT_PRESETS[limitName];
      const n = ctx.requests ?? options.requests?.[limitName] ?? (limitName === 'hosted' ? 500 : 60);
      const inputs = createDocuments(n, ctx.seed);
      const base: DistributedScenario = { limit, timeScale, workers: 1, totalConcurrency, seed: ctx.seed };
      const provider = createMockProvider({ ...providerOptions(base), clock });
      const real: Array<ReturnType<typeof summarize> & { simulatedMs: number }> = [];
      const runRow = async (name: RowName, k: number): Promise<void> => {
        ctx.signal.throwIfAborted();
        const s = { ...base, workers: k };
        const runs: RealRowOutcome[] = [];
        for (let i = 0; i < iterations; i++) {
          const rowCtx = { provider, inputs, clock, redisUrl: redis.url, model: 'gpt-4o-mini', signal: ctx.signal };
          runs.push(name === 'in-process' ? await runInProcessRow(s, rowCtx) : await runQueueRow(name, s, rowCtx));
        }
        noteWorkerErrors(`${limitName} ${name} K=${k}`, runs);
        const sim = await simulate(name, s, { inputs, coordinationMs });
        const r = { ...summarize(name, k, n, s, runs, ctx.seed), simulatedMs: sim.makespanMs / timeScale };
        real.push(r);
        rows.push([
          limitName, name, k, `${r.ok}+${r.failed}/${r.inputs}`, sec(r.makespanMs), sec(r.boundMs), ofBound(r), pct(r.ofNOverRpm), r.rateLimited, pct(r.rateLimitedShare),
          r.retries, r.wasted, r.duplicates, sec(r.latencyP50Ms), sec(r.latencyP99Ms), sec(r.simulatedMs), pct(r.simulatedMs / r.makespanMs - 1),
        ]);
      };
      await runRow('in-process', 1);
      for (const k of workers) for (const variant of VARIANTS) await runRow(variant, k);

      // A worker SIGKILLed a third of the way through: BullMQ's stalled-job check hands its jobs to the others.
      // It needs another worker to hand them to: with fewer than 2 the row is left out.
      ctx.signal.throwIfAborted();
      const crashK = crashWorkers(workers);
      let c: ReturnType<typeof summarize> | undefined;
      if (crashK !== null) {
        const crashed = await runQueueRow('queue-global', { ...base, workers: crashK }, { provider, inputs, clock, redisUrl: redis.url, model: 'gpt-4o-mini', signal: ctx.signal, killAfter: Math.floor(n / 3) });
        noteWorkerErrors(`${limitName} crash row K=${crashK}`, [crashed]);
        c = summarize('queue-global', crashK, n, { ...base, workers: crashK }, [crashed], ctx.seed);
        const calm = real.find((r) => r.name === 'queue-global' && r.workers === crashK);
        rows.push([limitName, 'queue-global (worker 0 SIGKILLed)', crashK, `${c.ok}+${c.failed}/${c.inputs}`, sec(c.makespanMs), sec(c.boundMs), ofBound(c), pct(c.ofNOverRpm), c.rateLimited, pct(c.rateLimitedShare),
          c.retries, c.wasted, c.duplicates, sec(c.latencyP50Ms), sec(c.latencyP99Ms), '—', '—']);
        if (calm) {
          notes.push(`${limitName}: SIGKILL of one of ${crashK} workers after ${Math.floor(n / 3)} inputs: makespan ${sec(c.makespanMs)} vs ${sec(calm.makespanMs)} (${signedSec(c.makespanMs - calm.makespanMs)}), latency p99 ${sec(c.latencyP99Ms)} vs ${sec(calm.latencyP99Ms)}; every input once (${c.ok}+${c.failed}/${c.inputs}), ${c.duplicates} duplicates.`);
        }
      } else notes.push(`${limitName}: no crash row (a killed worker's jobs need another worker; --workers has none above 1).`);

      // Beyond the machine: the simulation alone.
      const simTable: Record<string, Array<{ workers: number; makespanMs: number; ofBound: number; rateLimitedShare: number; errors: number }>> = {};
      notes.push(`${limitName} simulated (virtual clock, ${n} inputs, ${limit.rpm} RPM, burst ${limit.burst}, total concurrency ${totalConcurrency}, ${coordinationMs.toFixed(2)} ms per job): makespan / % of bound / % 429 / failed`);
      for (const name of ['in-process', ...VARIANTS] as const) {
        const cells: string[] = [];
        simTable[name] = [];
        for (const k of name === 'in-process' ? [1] : simulated) {
          ctx.signal.throwIfAborted();
          const s = { ...base, workers: k };
          const m = await simulate(name, s, { inputs, coordinationMs });
          const makespanMs = m.makespanMs / timeScale;
          const point = { workers: k, makespanMs, ofBound: rateBoundMs(n, s) / timeScale / makespanMs, rateLimitedShare: m.rateLimited / Math.max(1, m.requests), errors: m.errors };
          simTable[name].push(point);
          cells.push(`K=${k} ${sec(makespanMs)}/${pct(point.ofBound)}/${pct(point.rateLimitedShare)}/${m.errors}`);
        }
        notes.push(`  ${name}: ${cells.join(' · ')}`);
      }
      json[limitName] = { requests: n, limit, real, ...(c ? { crashed: c } : {}), simulated: simTable };
    }
    notes.push(`times are scenario time (real ÷ ${timeScale}); bound = (N − burst) / RPM; the machine running this may be shared, which shows in the real rows only.`);
    if (iterations > 1) notes.push(`ok+failed and dup are totals over the ${iterations} iterations of a row (N × ${iterations} inputs); 429s, retries and wasted are means per iteration.`);
    return { title: 'Distributed workers on BullMQ against one org-wide rate limit', header, rows, notes, json };
  } finally {
    await redis.local?.stop();
  }
}

