import { describe, expect, it } from 'vitest';
import { checkComparable, compareResults, type MetricName } from '../../src/bench/compare.ts';
import { parseSuiteResult } from '../../src/bench/parse-results.ts';
import type { RowResult, SuiteResult } from '../../src/bench/results.ts';
import { UsageError } from '../../src/bench/usage-error.ts';
import { row, suite } from './compare-fixtures.ts';

/** The verdict on the one row `x` and the verdicts of its metrics that are not unchanged. */
function verdictOf(base: RowResult, cur: RowResult, clock: 'virtual' | 'real' = 'virtual', threshold = 0.1) {
  const c = compareResults(suite([base], clock), suite([cur], clock), threshold);
  const r = c.rows[0]!;
  const moved = Object.fromEntries(r.metrics.filter((m) => m.verdict !== 'unchanged').map((m) => [m.metric, m.verdict]));
  return { verdict: r.verdict, moved, regressed: c.regressed, row: r };
}

const withCounts = (counts: Partial<RowResult['counts']>, base = row('x')): RowResult => ({ ...base, counts: { ...base.counts, ...counts } });

describe('compareResults(): the virtual clock is exact — any change beyond the threshold counts', () => {
  it.each<[string, RowResult, RowResult, string, Partial<Record<MetricName, string>>]>([
    ['identical', row('x'), row('x'), 'unchanged', {}],
    ['makespan +10 % exactly (not beyond)', row('x', 10_000), { ...row('x'), makespanMs: { ...row('x').makespanMs, median: 11_000 } }, 'unchanged', {}],
    ['makespan +10.01 %', row('x', 10_000), { ...row('x'), makespanMs: { ...row('x').makespanMs, median: 11_001 } }, 'regressed', { makespan: 'regressed' }],
    ['makespan +25 %: every time metric moves', row('x', 10_000), row('x', 12_500), 'regressed', { makespan: 'regressed', speedup: 'regressed', throughput: 'regressed', latencyP99: 'regressed' }],
    ['makespan −20 %', row('x', 10_000), row('x', 8_000), 'improved', { makespan: 'improved', speedup: 'improved', throughput: 'improved', latencyP99: 'improved' }],
    ['p99 alone +11 %', row('x'), { ...row('x'), latencyMs: { p50: 5000, p90: 9000, p99: 11_100 } }, 'regressed', { latencyP99: 'regressed' }],
    ['throughput alone −11 %', row('x'), { ...row('x'), throughput: { requestsPerSec: 8.9, outputTokensPerSec: 1 } }, 'regressed', { throughput: 'regressed' }],
    ['429s from 0 to 1', row('x'), withCounts({ rateLimited: 1 }), 'regressed', { rateLimited: 'regressed' }],
    ['wasted 20 → 21 (+5 %)', withCounts({ wasted: 20 }), withCounts({ wasted: 21 }), 'unchanged', {}],
    ['wasted 20 → 23 (+15 %)', withCounts({ wasted: 20 }), withCounts({ wasted: 23 }), 'regressed', { wasted: 'regressed' }],
    ['429s 40 → 20', withCounts({ rateLimited: 40 }), withCounts({ rateLimited: 20 }), 'improved', { rateLimited: 'improved' }],
    ['one worse, one better: regressed wins', row('x'), { ...row('x', 8_000), counts: { ...row('x').counts, rateLimited: 5 } }, 'regressed', { makespan: 'improved', speedup: 'improved', throughput: 'improved', latencyP99: 'improved', rateLimited: 'regressed' }],
  ])('%s → %s', (_name, base, cur, verdict, moved) => {
    const r = verdictOf(base, cur);
    expect(r.verdict).toBe(verdict);
    expect(r.moved).toEqual(moved);
    expect(r.regressed).toBe(verdict === 'regressed');
  });

  it('threshold 0: any change in the bad direction counts', () => {
    expect(verdictOf(row('x', 10_000), row('x', 10_001), 'virtual', 0).verdict).toBe('regressed');
    expect(verdictOf(row('x', 10_000), row('x', 10_000), 'virtual', 0).verdict).toBe('unchanged');
  });
});

describe('compareResults(): the real clock also needs the 95 % intervals apart', () => {
  it.each<[string, RowResult, RowResult, string, Partial<Record<MetricName, string>>]>([
    // ±10 % intervals: 10 s [9, 11] and 12 s [10.8, 13.2] overlap.
    ['+20 %, intervals overlap', row('x', 10_000, 0.1), row('x', 12_000, 0.1), 'unchanged', {}],
    // ±2 %: [9.8, 10.2] and [11.76, 12.24] are apart.
    ['+20 %, intervals apart', row('x', 10_000, 0.02), row('x', 12_000, 0.02), 'regressed', { makespan: 'regressed', speedup: 'regressed', throughput: 'regressed', latencyP99: 'regressed' }],
    ['−20 %, intervals apart', row('x', 10_000, 0.02), row('x', 8_000, 0.02), 'improved', { makespan: 'improved', speedup: 'improved', throughput: 'improved', latencyP99: 'improved' }],
    ['+5 %, intervals apart: within the threshold', row('x', 10_000, 0.001), row('x', 10_500, 0.001), 'unchanged', {}],
    ['429s 0 → 0.5 per iteration: below one', row('x', 10_000, 0.02), withCounts({ rateLimited: 0.5 }, row('x', 10_000, 0.02)), 'unchanged', {}],
    ['429s 0 → 2 per iteration', row('x', 10_000, 0.02), withCounts({ rateLimited: 2 }, row('x', 10_000, 0.02)), 'regressed', { rateLimited: 'regressed' }],
  ])('%s → %s', (_name, base, cur, verdict, moved) => {
    const r = verdictOf(base, cur, 'real');
    expect(r.verdict).toBe(verdict);
    expect(r.moved).toEqual(moved);
  });

  it('says why a change beyond the threshold did not count, and keeps the intervals it compared', () => {
    const { row: r } = verdictOf(row('x', 10_000, 0.1), row('x', 12_000, 0.1), 'real');
    const makespan = r.metrics.find((m) => m.metric === 'makespan')!;
    expect(makespan).toMatchObject({ change: 0.2, overlap: true, verdict: 'unchanged', reason: 'real clock: the 95 % intervals overlap' });
    expect(makespan.baselineCi).toEqual([9_000, 11_000]);
    expect(makespan.interval).toBe('own');
    // Throughput and p99 have no interval of their own: they are weighed by the makespan's.
    const throughput = r.metrics.find((m) => m.metric === 'throughput')!;
    expect(throughput).toMatchObject({ interval: 'makespan', baselineCi: [9_000, 11_000], reason: "real clock: the makespan's 95 % intervals overlap" });
  });

  it('one slow iteration moves the pooled p99 but not the median makespan: not counted on the real clock', () => {
    // The case seen in a real-clock rerun: p99 1.18 s → 1.84 s while the makespan stayed put.
    const base = row('x', 1_204, 0.07);
    const cur = { ...row('x', 1_211, 0.3), latencyMs: { p50: 800, p90: 1_500, p99: 1_840 } };
    const r = verdictOf({ ...base, latencyMs: { p50: 600, p90: 1_024, p99: 1_185 } }, cur, 'real');
    expect(r.verdict).toBe('unchanged');
    expect(r.row.metrics.find((m) => m.metric === 'latencyP99')).toMatchObject({ change: expect.closeTo(0.553, 3), overlap: true, verdict: 'unchanged' });
    // The same p99 change with the makespan's intervals apart counts.
    const slower = { ...row('x', 1_600, 0.02), latencyMs: { p50: 800, p90: 1_500, p99: 1_840 } };
    expect(verdictOf({ ...row('x', 1_204, 0.02), latencyMs: { p50: 600, p90: 1_024, p99: 1_185 } }, slower, 'real').moved.latencyP99).toBe('regressed');
  });

  it('the same change counts on the virtual clock, where there is no noise', () => {
    expect(verdictOf(row('x', 10_000, 0.1), row('x', 12_000, 0.1), 'virtual').verdict).toBe('regressed');
  });
});

describe('compareResults(): lost inputs', () => {
  it.each<['virtual' | 'real', number]>([['virtual', 0.1], ['real', 0.1], ['virtual', 10], ['real', 10]])(
    'errors appearing where the baseline had none always regress (%s clock, threshold %s)', (clock, threshold) => {
      const base = row('x', 10_000, 0.5);
      const cur = { ...withCounts({ errors: 0.2 }, base), speedup: null, efficiency: null };
      const r = verdictOf(base, cur, clock, threshold);
      expect(r.verdict).toBe('regressed');
      const errors = r.row.metrics.find((m) => m.metric === 'errors')!;
      expect(errors).toMatchObject({ verdict: 'regressed', reason: 'lost inputs where the baseline had none' });
      // No speedup without every input: not compared, not a second verdict.
      expect(r.row.metrics.find((m) => m.metric === 'speedup')).toMatchObject({ current: null, change: null, verdict: 'unchanged' });
    });

  it('errors that were already there follow the threshold', () => {
    expect(verdictOf(withCounts({ errors: 40 }), withCounts({ errors: 42 })).verdict).toBe('unchanged');
    expect(verdictOf(withCounts({ errors: 40 }), withCounts({ errors: 50 })).verdict).toBe('regressed');
  });
});

describe('compareResults(): rows', () => {
  it('keys rows by name: new and missing rows get their own verdict and fail nothing', () => {
    const c = compareResults(suite([row('a'), row('b')]), suite([row('b'), row('c')]));
    expect(c.rows.map((r) => [r.name, r.verdict])).toEqual([['b', 'unchanged'], ['c', 'new'], ['a', 'missing']]);
    expect(c.counts).toEqual({ regressed: 0, improved: 0, unchanged: 1, new: 1, missing: 1 });
    expect(c.regressed).toBe(false);
  });

  it('shows differences in row options next to the verdict, without making them an error', () => {
    const base = row('pool', 10_000);
    const cur = { ...row('pool', 12_500), options: { maxConcurrency: 16 }, concurrency: 16 };
    const { row: r } = verdictOf(base, cur);
    expect(r.verdict).toBe('regressed');
    expect(r.optionChanges).toEqual(['maxConcurrency 10 → 16']);
    const other = { ...row('pool'), strategy: 'batch', options: { maxConcurrency: 10, retry: 'with-retry' as const } };
    expect(verdictOf(base, other).row.optionChanges).toEqual(['strategy abatch → batch', 'retry — → with-retry']);
    expect(verdictOf(base, { ...row('pool'), options: {}, concurrency: null }).row.optionChanges).toEqual(['maxConcurrency 10 → —']);
    expect(verdictOf({ ...base, options: {}, concurrency: 6 }, { ...base, options: {}, concurrency: 10 }).row.optionChanges).toEqual(['concurrency 6 → 10']);
  });

  it('notes a different environment without failing', () => {
    const cur = suite([row('a')]);
    cur.environment = { ...cur.environment, cpus: 4 };
    expect(compareResults(suite([row('a')]), cur).notes).toEqual(['environment differs: cpus 2 → 4']);
  });
});

describe('checkComparable(): a different scenario is a usage error naming the field', () => {
  const change = (edit: (r: SuiteResult) => void): SuiteResult => {
    const r = suite([row('a')]);
    edit(r);
    return r;
  };
  it.each<[string, (r: SuiteResult) => void]>([
    ['suite', (r) => { r.suite = 'rate-limits'; }],
    ['scenario.profile', (r) => { r.scenario.profile = 'free-tier'; }],
    ['scenario.provider.rpm', (r) => { r.scenario.provider.rpm = 60; }],
    ['scenario.provider.latency', (r) => { r.scenario.provider.latency = '2s'; }],
    ['scenario.provider.maxInFlight', (r) => { r.scenario.provider.maxInFlight = '16 (reject)'; }],
    ['scenario.provider.faults', (r) => { r.scenario.provider.faults = 'error500=0.01'; }],
    ['scenario.requests', (r) => { r.scenario.requests = 50; }],
    ['scenario.clock', (r) => { r.scenario.clock = 'real'; }],
    ['scenario.timeScale', (r) => { r.scenario.timeScale = 0.5; }],
    ['scenario.seed', (r) => { r.scenario.seed = 2; }],
    ['scenario.iterations', (r) => { r.scenario.iterations = 5; }],
    ['scenario.transport', (r) => { r.scenario.transport = 'http'; }],
    ['scenario.model', (r) => { r.scenario.model = 'gpt-4o'; }],
  ])('%s', (field, edit) => {
    const act = () => checkComparable(suite([row('a')]), change(edit));
    expect(act).toThrow(UsageError);
    expect(act).toThrow(`differ in \`${field}\` (`);
    // Exactly that field: the message names no other.
    const message = (() => { try { act(); } catch (e) { return (e as Error).message; } return ''; })();
    expect(message.match(/`[^`]+`/g)).toEqual([`\`${field}\``]);
  });

  it('accepts the same scenario with other createdAt, environment, rows and notes', () => {
    const other = change((r) => { r.createdAt = 'later'; r.environment.cpus = 8; r.rows = []; r.notes = ['x']; });
    expect(() => checkComparable(suite([row('a')]), other)).not.toThrow();
  });

  it('refuses an interrupted run', () => {
    expect(() => checkComparable(suite([row('a')]), change((r) => { r.partial = true; }))).toThrow(/current results are from an interrupted run/);
  });
});

describe('parseSuiteResult(): what is not a strategy suite\'s results is one line', () => {
  const good = JSON.stringify(suite([row('a')]));
  it.each<[string, string, RegExp]>([
    ['not JSON', '{"schemaVersion": 1,', /^baseline `b\.json` is not valid JSON \(/],
    ['not our file', '{"hello": "world"}', /^baseline `b\.json` is not a results file of llm-concurrency-bench/],
    ['another schema', good.replace('"schemaVersion":1', '"schemaVersion":2'), /^baseline `b\.json` has schemaVersion 2; this version of llm-concurrency-bench reads schemaVersion 1\.$/],
    ['a custom suite', '{"schemaVersion": 1, "suite": "mock-overhead", "createdAt": "x", "failures": []}', /`mock-overhead`, which is not a strategy suite/],
    ['a row without a makespan interval', good.replace('"ci95":[10000,10000],"samples"', '"samples"'), /^baseline `b\.json`: rows\[0\] has no valid `makespanMs\.ci95`\.$/],
  ])('%s', (_name, text, message) => {
    expect(() => parseSuiteResult(text, 'baseline `b.json`')).toThrow(message);
  });

  it('reads a good file back unchanged', () => {
    expect(parseSuiteResult(good, 'x')).toEqual(JSON.parse(good));
  });
});
