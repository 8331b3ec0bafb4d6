/**
 * Scheduler overhead: the cost of the pool itself, with tasks that do nothing. 100k trivial
 * tasks (`async (x) => x`) per iteration at concurrency 10 and 1,000, for `abatch`,
 * `gatherWithConcurrency` and p-limit side by side in one run; tinybench with fixed iteration
 * counts (`time: 0`). Target: each of ours ≤ p-limit at the same concurrency.
 *
 * Run: `npm run bench -- scheduler-overhead [--iterations N]` (writes `results/scheduler-overhead.json` and `.md`).
 */
import pLimit from 'p-limit';
import { Bench } from 'tinybench';
import {
  abortCheckpoint, checkNumberOption, currentEnvironment, defineSuite, linkedSignal, type CustomSuiteOutput, type Environment,
} from '../src/bench/index.ts';
import { abatch, gatherWithConcurrency } from '../src/index.ts';

/** Options of {@link runSchedulerOverhead}. */
export interface SchedulerOverheadOptions {
  /** Trivial tasks per iteration. Minimum: 1. @default 100000 */
  tasks?: number;
  /** Concurrency limits to compare at. @default [10, 1000] */
  concurrencies?: readonly number[];
  /** Measured iterations per subject and concurrency. Minimum: 1. @default 10 */
  iterations?: number;
  /** Unmeasured warm-up iterations per subject and concurrency. Minimum: 0. @default 3 */
  warmupIterations?: number;
  /** Stops the measurement between iterations (within a second); the run rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The schedulers compared. */
export type SchedulerSubject = 'abatch' | 'gatherWithConcurrency' | 'p-limit';

/** One subject at one concurrency; times are per iteration (all tasks), in milliseconds. */
export interface SchedulerOverheadRow {
  subject: SchedulerSubject;
  concurrency: number;
  meanMs: number;
  p50Ms: number;
  minMs: number;
  maxMs: number;
  /** Relative margin of error of the mean (95 %), in percent. */
  rmePercent: number;
  samples: number;
  /** Mean scheduler cost per task, in nanoseconds. */
  nsPerTask: number;
  /** Mean relative to p-limit at the same concurrency (< 1 = faster than p-limit). */
  vsPLimit: number;
}

/** The figures of one run, as written to `results/scheduler-overhead.json`. */
export interface SchedulerOverheadResult {
  schemaVersion: 1;
  suite: 'scheduler-overhead';
  createdAt: string;
  environment: Environment;
  scenario: { tasks: number; concurrencies: number[]; iterations: number; warmupIterations: number; task: string };
  rows: SchedulerOverheadRow[];
  /** Per concurrency: is each of ours ≤ p-limit (mean)? */
  targets: Array<{ concurrency: number; abatchWithinPLimit: boolean; gatherWithinPLimit: boolean }>;
  /** The targets not met, one line each (see {@link schedulerOverheadFailures}); empty when all are met. */
  failures: string[];
}

/** The target: each of ours takes at most this many times p-limit's mean time at the same concurrency. */
export const MAX_VS_P_LIMIT = 1;

/**
 * One line per row of ours (not p-limit) whose mean is above {@link MAX_VS_P_LIMIT} × p-limit's
 * at the same concurrency (a NaN ratio never meets the target). The other figures are reported only.
 */
export function schedulerOverheadFailures(rows: ReadonlyArray<Pick<SchedulerOverheadRow, 'subject' | 'concurrency' | 'vsPLimit'>>): string[] {
  return rows
    .filter((r) => r.subject !== 'p-limit' && !(r.vsPLimit <= MAX_VS_P_LIMIT))
    .map((r) => `${r.subject} at concurrency ${r.concurrency} took ${r.vsPLimit.toFixed(3)}× p-limit's mean time, above the target of at most ${MAX_VS_P_LIMIT}×`);
}

const SUBJECTS: readonly SchedulerSubject[] = ['abatch', 'gatherWithConcurrency', 'p-limit'];

const trivial = async (x: number): Promise<number> => x;

/** One iteration of `subject`: run every input through the scheduler and wait for all of them. */
function iteration(subject: SchedulerSubject, inputs: readonly number[], concurrency: number): () => Promise<void> {
  switch (subject) {
    case 'abatch':
      return async () => void (await abatch(inputs, trivial, { maxConcurrency: concurrency }));
    case 'gatherWithConcurrency':
      return async () => void (await gatherWithConcurrency(concurrency, inputs.map((x) => () => trivial(x))));
    case 'p-limit':
      return async () => {
        const limit = pLimit(concurrency);
        await Promise.all(inputs.map((x) => limit(() => trivial(x))));
      };
  }
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Measures the pure scheduling cost of `abatch`, `gatherWithConcurrency` and p-limit over
 * trivial tasks at each concurrency, in one run, and returns the figures. Target: each of ours
 * ≤ p-limit (unmet ones are listed in `failures`); aborting `signal` rejects with its reason.
 */
export async function runSchedulerOverhead(options: SchedulerOverheadOptions = {}): Promise<SchedulerOverheadResult> {
  const tasks = checkNumberOption('tasks', options.tasks ?? 100_000, { min: 1, integer: true });
  const concurrencies = [...(options.concurrencies ?? [10, 1000])];
  concurrencies.forEach((c, i) => checkNumberOption(`concurrencies[${i}]`, c, { min: 1, integer: true }));
  const iterations = checkNumberOption('iterations', options.iterations ?? 10, { min: 1, integer: true });
  const warmupIterations = checkNumberOption('warmupIterations', options.warmupIterations ?? 3, { min: 0, integer: true });

  const inputs = Array.from({ length: tasks }, (_, i) => i);
  // tinybench leaves one abort listener per Bench and per task on the signal it is given: give it a child.
  const run = linkedSignal(options.signal);
  const bench = new Bench({ time: 0, iterations, warmup: warmupIterations > 0, warmupIterations, warmupTime: 0, throws: true, signal: run.signal });
  // Trivial tasks settle on microtasks only; without this (untimed) checkpoint between
  // iterations, Ctrl-C would wait for the whole run.
  const checkpoint = abortCheckpoint(options.signal);
  for (const concurrency of concurrencies) {
    for (const subject of SUBJECTS) bench.add(`${subject}@${concurrency}`, iteration(subject, inputs, concurrency), { async: true, beforeEach: checkpoint });
  }
  try {
    await bench.run();
  } finally {
    run.dispose();
  }
  options.signal?.throwIfAborted();

  const stats = (subject: SchedulerSubject, concurrency: number) => {
    const result = bench.getTask(`${subject}@${concurrency}`)?.result;
    if (result?.state !== 'completed') {
      throw new Error(`Failed to measure \`${subject}\` at ${concurrency}: the task ended as ${result?.state ?? 'missing'}. Please rerun the benchmark.`);
    }
    return result.latency;
  };
  const rows: SchedulerOverheadRow[] = concurrencies.flatMap((concurrency) => {
    const pLimitMean = stats('p-limit', concurrency).mean;
    return SUBJECTS.map((subject) => {
      const s = stats(subject, concurrency);
      return {
        subject, concurrency, meanMs: round(s.mean, 2), p50Ms: round(s.p50, 2), minMs: round(s.min, 2), maxMs: round(s.max, 2),
        rmePercent: round(s.rme, 1), samples: s.samplesCount, nsPerTask: Math.round((s.mean * 1e6) / tasks), vsPLimit: round(s.mean / pLimitMean, 3),
      };
    });
  });
  const ratio = (subject: SchedulerSubject, concurrency: number): number =>
    rows.find((r) => r.subject === subject && r.concurrency === concurrency)?.vsPLimit ?? Number.NaN;
  const result: SchedulerOverheadResult = {
    schemaVersion: 1,
    suite: 'scheduler-overhead',
    createdAt: new Date().toISOString(),
    environment: currentEnvironment(),
    scenario: { tasks, concurrencies, iterations, warmupIterations, task: 'async (x) => x' },
    rows,
    targets: concurrencies.map((concurrency) => ({
      concurrency,
      abatchWithinPLimit: ratio('abatch', concurrency) <= MAX_VS_P_LIMIT,
      gatherWithinPLimit: ratio('gatherWithConcurrency', concurrency) <= MAX_VS_P_LIMIT,
    })),
    failures: schedulerOverheadFailures(rows),
  };
  return result;
}

/** The table, notes and JSON the CLI prints and writes. */
function toOutput(result: SchedulerOverheadResult): CustomSuiteOutput {
  const { scenario: s, environment: e } = result;
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  return {
    title: `Scheduler overhead — ${s.tasks} tasks of \`${s.task}\` per iteration, ${s.iterations} iterations (${s.warmupIterations} warm-up), Node ${e.node}, ${e.cpus} CPUs`,
    header: ['scheduler', 'concurrency', 'mean ms', 'p50 ms', 'min ms', 'max ms', '± %', 'ns/task', '× p-limit'],
    rows: result.rows.map((r) => [r.subject, r.concurrency, r.meanMs.toFixed(2), r.p50Ms.toFixed(2), r.minMs.toFixed(2), r.maxMs.toFixed(2), r.rmePercent.toFixed(1), r.nsPerTask, r.vsPLimit.toFixed(3)]),
    notes: [
      ...result.targets.map((t) => `target at concurrency ${t.concurrency}: abatch ≤ p-limit ${verdict(t.abatchWithinPLimit)}, gatherWithConcurrency ≤ p-limit ${verdict(t.gatherWithinPLimit)}`),
      'The times themselves are reported only: they depend on the machine.',
    ],
    json: { ...result },
    failures: result.failures,
  };
}

/** `npm run bench -- scheduler-overhead`: the pool's own cost against p-limit. */
export default defineSuite({
  kind: 'custom',
  name: 'scheduler-overhead',
  description: 'Scheduler cost of abatch and gatherWithConcurrency vs p-limit: 100k trivial tasks at concurrency 10 and 1,000',
  run: async (ctx) => toOutput(await runSchedulerOverhead({ iterations: ctx.iterations, signal: ctx.signal })),
});
