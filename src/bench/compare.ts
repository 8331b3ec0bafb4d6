import type { RowResult, SuiteResult } from './results.ts';
import { UsageError } from './usage-error.ts';

/**
 * Compares a run with a baseline, row by row (keyed by row name): which metrics moved
 * beyond the threshold in their bad direction — and, on the real clock, with their 95 %
 * intervals apart — and the verdict of every row. Pure: no I/O (docs/ci-gate.md).
 */

/** The metrics compared, in display order. */
export const METRICS = ['makespan', 'speedup', 'throughput', 'latencyP99', 'rateLimited', 'wasted', 'errors'] as const;
export type MetricName = (typeof METRICS)[number];

/** The verdict on one row. */
export type RowVerdict = 'regressed' | 'improved' | 'unchanged' | 'new' | 'missing';

/** One metric of one row, baseline against current. */
export interface MetricComparison {
  metric: MetricName;
  /** Which way is better. */
  better: 'lower' | 'higher';
  baseline: number | null;
  current: number | null;
  /** (current − baseline) ÷ baseline; ±Infinity from a baseline of 0; null when either value is missing. */
  change: number | null;
  /** Real clock: the 95 % intervals compared — the metric's own, or the makespan's for req/s and p99 (see `interval`). */
  baselineCi?: [number, number];
  currentCi?: [number, number];
  /** Whose intervals `baselineCi` and `currentCi` are. */
  interval?: 'own' | 'makespan';
  /** Real clock: whether those intervals overlap (an overlap means the change may be noise). */
  overlap?: boolean;
  verdict: 'regressed' | 'improved' | 'unchanged';
  /** Why, when the verdict does not follow from the threshold alone (e.g. `errors appeared`). */
  reason?: string;
}

/** One row's comparison. */
export interface RowComparison {
  name: string;
  verdict: RowVerdict;
  /** Empty for `new` and `missing` rows. */
  metrics: MetricComparison[];
  /** Differences in the row's definition, e.g. `maxConcurrency 20 → 16`: allowed, and shown. */
  optionChanges: string[];
}

/** A whole comparison. */
export interface Comparison {
  suite: string;
  clock: 'virtual' | 'real';
  /** As a fraction: 0.1 = 10 %. */
  threshold: number;
  baselineCreatedAt: string;
  currentCreatedAt: string;
  rows: RowComparison[];
  /** True when any row regressed: the gate fails. */
  regressed: boolean;
  counts: Record<RowVerdict, number>;
  /** E.g. a different Node version or CPU count: shown, never a usage error. */
  notes: string[];
}

/** The default threshold: 10 %. */
export const DEFAULT_THRESHOLD = 0.1;

/**
 * Checks that two results describe the same experiment; throws a {@link UsageError}
 * naming the first field that differs. Everything in `scenario` counts — the suite, the
 * profile, every provider setting, requests, clock, time scale, seed, iterations (iteration
 * *i* runs on seed + *i*, so another count is another set of draws), transport and model (the
 * model is part of what each draw is derived from).
 */
export function checkComparable(baseline: SuiteResult, current: SuiteResult): void {
  if (baseline.schemaVersion !== current.schemaVersion) differ('schemaVersion', baseline.schemaVersion, current.schemaVersion);
  if (baseline.suite !== current.suite) differ('suite', baseline.suite, current.suite);
  const a = baseline.scenario;
  const b = current.scenario;
  if (a.profile !== b.profile) differ('scenario.profile', a.profile, b.profile);
  const keys = [...new Set([...Object.keys(a.provider), ...Object.keys(b.provider)])];
  for (const key of keys) {
    if ((a.provider[key] ?? null) !== (b.provider[key] ?? null)) differ(`scenario.provider.${key}`, a.provider[key] ?? null, b.provider[key] ?? null);
  }
  for (const key of ['requests', 'clock', 'timeScale', 'seed', 'iterations', 'transport', 'model'] as const) {
    if (a[key] !== b[key]) differ(`scenario.${key}`, a[key], b[key]);
  }
  for (const [label, result] of [['baseline', baseline], ['current', current]] as const) checkComplete(result, label);
}

const differ = (field: string, a: unknown, b: unknown): never => {
  throw new UsageError(`The baseline and the current results differ in \`${field}\` (${JSON.stringify(a)} vs ${JSON.stringify(b)}); a comparison needs the same scenario. Record a new baseline for this one.`);
};

function checkComplete(result: SuiteResult, label: 'baseline' | 'current'): void {
  if (result.partial === true) throw new UsageError(`The ${label} results are from an interrupted run (\`partial\`); compare complete runs only.`);
}

/** The part of a run's scenario known before it runs. */
export type PlannedScenario = Pick<SuiteResult['scenario'], 'requests' | 'clock' | 'seed' | 'iterations' | 'model'>;

/**
 * What {@link checkComparable} can check before a run: the baseline is complete and
 * `planned` matches its scenario, with the same error. The rest waits for the run.
 */
export function checkPlannedScenario(baseline: SuiteResult, planned: PlannedScenario): void {
  checkComplete(baseline, 'baseline');
  for (const key of ['requests', 'clock', 'seed', 'iterations', 'model'] as const) {
    if (baseline.scenario[key] !== planned[key]) differ(`scenario.${key}`, baseline.scenario[key], planned[key]);
  }
}

interface MetricSpec {
  better: 'lower' | 'higher';
  value: (row: RowResult) => number | null;
  /** The 95 % interval used on the real clock; undefined when the metric has none. */
  ci: (row: RowResult) => [number, number] | undefined;
  /** The interval is the makespan's (the metric has none of its own). */
  borrowsMakespanCi?: boolean;
  count?: boolean;
}

const makespanCi = (row: RowResult): [number, number] => row.makespanMs.ci95;

const SPECS: Record<MetricName, MetricSpec> = {
  makespan: { better: 'lower', value: (r) => r.makespanMs.median, ci: makespanCi },
  speedup: { better: 'higher', value: (r) => r.speedup?.median ?? null, ci: (r) => r.speedup?.ci95 },
  // Throughput (successful requests ÷ makespan) and the p99 latency (pooled over every input
  // of every iteration, so one slow iteration sets it) have no interval of their own: on
  // the real clock they count only when the row's makespan moved beyond its noise too.
  throughput: { better: 'higher', value: (r) => r.throughput.requestsPerSec, ci: makespanCi, borrowsMakespanCi: true },
  latencyP99: { better: 'lower', value: (r) => r.latencyMs.p99, ci: makespanCi, borrowsMakespanCi: true },
  rateLimited: { better: 'lower', value: (r) => r.counts.rateLimited, ci: () => undefined, count: true },
  wasted: { better: 'lower', value: (r) => r.counts.wasted, ci: () => undefined, count: true },
  errors: { better: 'lower', value: (r) => r.counts.errors, ci: () => undefined, count: true },
};

/** On the real clock a count (means per iteration, no interval) must also move by at least this much. */
export const REAL_CLOCK_MIN_COUNT_CHANGE = 1;

const relativeChange = (baseline: number, current: number): number =>
  baseline === current ? 0 : baseline === 0 ? (current > 0 ? Infinity : -Infinity) : (current - baseline) / Math.abs(baseline);

const overlaps = (a: [number, number], b: [number, number]): boolean => a[0] <= b[1] && b[0] <= a[1];

function compareMetric(metric: MetricName, base: RowResult, cur: RowResult, threshold: number, real: boolean): MetricComparison {
  const spec = SPECS[metric];
  const baseline = spec.value(base);
  const current = spec.value(cur);
  const out: MetricComparison = { metric, better: spec.better, baseline, current, change: null, verdict: 'unchanged' };
  if (baseline === null || current === null) return out;
  const change = relativeChange(baseline, current);
  out.change = change;
  // Lost inputs where there were none: always a regression, whatever the threshold or clock.
  if (metric === 'errors' && baseline === 0 && current > 0) return { ...out, verdict: 'regressed', reason: 'lost inputs where the baseline had none' };
  const worse = spec.better === 'lower' ? change > threshold : change < -threshold;
  const better = spec.better === 'lower' ? change < -threshold : change > threshold;
  if (!worse && !better) return out;
  if (real) {
    if (spec.count) {
      if (Math.abs(current - baseline) < REAL_CLOCK_MIN_COUNT_CHANGE) return { ...out, reason: `real clock: a change of less than ${REAL_CLOCK_MIN_COUNT_CHANGE} per iteration` };
    } else {
      const baselineCi = spec.ci(base);
      const currentCi = spec.ci(cur);
      if (baselineCi && currentCi) {
        out.baselineCi = baselineCi;
        out.currentCi = currentCi;
        out.interval = spec.borrowsMakespanCi ? 'makespan' : 'own';
        out.overlap = overlaps(baselineCi, currentCi);
        if (out.overlap) return { ...out, reason: `real clock: the ${spec.borrowsMakespanCi ? "makespan's " : ''}95 % intervals overlap` };
      }
    }
  }
  return { ...out, verdict: worse ? 'regressed' : 'improved' };
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The differences between two rows' definitions, e.g. `maxConcurrency 20 → 16`. */
export function optionChanges(base: RowResult, cur: RowResult): string[] {
  const changes: string[] = [];
  if (base.strategy !== cur.strategy) changes.push(`strategy ${base.strategy} → ${cur.strategy}`);
  const a = base.options as Record<string, unknown>;
  const b = cur.options as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) changes.push(`${key} ${show(a[key])} → ${show(b[key])}`);
  }
  // A limit that moved without an option (e.g. batch()'s default pool on another CPU count).
  if (changes.length === 0 && base.concurrency !== cur.concurrency) changes.push(`concurrency ${show(base.concurrency ?? '∞')} → ${show(cur.concurrency ?? '∞')}`);
  return changes;
}

function environmentNotes(baseline: SuiteResult, current: SuiteResult): string[] {
  const a = baseline.environment as unknown as Record<string, unknown> | undefined;
  const b = current.environment as unknown as Record<string, unknown> | undefined;
  if (!a || !b) return [];
  const changed = ['node', 'platform', 'arch', 'cpus'].filter((k) => a[k] !== b[k]).map((k) => `${k} ${show(a[k])} → ${show(b[k])}`);
  return changed.length > 0 ? [`environment differs: ${changed.join(', ')}`] : [];
}

/**
 * Compares `current` with `baseline` (call {@link checkComparable} first). `threshold` is a
 * fraction (0.1 = 10 %); a change exactly at the threshold is not beyond it.
 */
export function compareResults(baseline: SuiteResult, current: SuiteResult, threshold = DEFAULT_THRESHOLD): Comparison {
  const real = current.scenario.clock === 'real';
  const before = new Map(baseline.rows.map((r) => [r.name, r]));
  const after = new Set(current.rows.map((r) => r.name));
  const rows: RowComparison[] = [];
  for (const cur of current.rows) {
    const base = before.get(cur.name);
    if (!base) {
      rows.push({ name: cur.name, verdict: 'new', metrics: [], optionChanges: [] });
      continue;
    }
    const metrics = METRICS.map((m) => compareMetric(m, base, cur, threshold, real));
    const verdict = metrics.some((m) => m.verdict === 'regressed') ? 'regressed' : metrics.some((m) => m.verdict === 'improved') ? 'improved' : 'unchanged';
    rows.push({ name: cur.name, verdict, metrics, optionChanges: optionChanges(base, cur) });
  }
  for (const base of baseline.rows) {
    if (!after.has(base.name)) rows.push({ name: base.name, verdict: 'missing', metrics: [], optionChanges: [] });
  }
  const counts: Record<RowVerdict, number> = { regressed: 0, improved: 0, unchanged: 0, new: 0, missing: 0 };
  for (const row of rows) counts[row.verdict] += 1;
  return {
    suite: current.suite,
    clock: current.scenario.clock,
    threshold,
    baselineCreatedAt: baseline.createdAt,
    currentCreatedAt: current.createdAt,
    rows,
    regressed: counts.regressed > 0,
    counts,
    notes: environmentNotes(baseline, current),
  };
}
