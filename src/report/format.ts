import type { RowResult, SuiteResult } from '../bench/results.ts';

/** Seconds with two decimals, e.g. `20.00 s`; `—` for missing values. */
export function seconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A ratio as `12.3x`. */
export function times(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}x`;
}

/** A share as `97.5%`. */
export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${(x * 100).toFixed(1)}%`;
}

/** A count or mean count, without decimals when whole. */
export function count(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** USD with enough digits for fractions of a cent. */
export function usd(x: number | null): string {
  return x === null ? '—' : `$${x < 0.01 ? x.toFixed(5) : x.toFixed(3)}`;
}

/** The effective concurrency of a row: a number or `∞`. */
export function concurrency(row: RowResult): string {
  return row.concurrency === null ? '∞' : String(row.concurrency);
}

/** The one line every table starts with: what ran, where, under which clock. */
export function scenarioLine(result: SuiteResult): string {
  const s = result.scenario;
  const clock = s.clock === 'virtual' ? 'virtual (simulated time: exact, CPU overhead excluded)' : `real, time scale ${s.timeScale}`;
  return [
    `suite ${result.suite}`,
    result.target ? `target ${result.target.kind} ${result.target.baseUrl}` : `profile ${s.profile}`,
    `N=${s.requests}`,
    `clock ${clock}`,
    `iterations ${s.iterations}`,
    `seed ${s.seed}`,
    `transport ${s.transport}`,
    `model ${s.model}`,
    `Node ${result.environment.node}`,
  ].join(' · ');
}

/** The provider settings line, e.g. `latency uniform:1s..3s · rpm 500 · tpm 200000`; not available for a real endpoint. */
export function providerLine(result: SuiteResult): string {
  // A real endpoint's settings are not known; what it said of its limits is in each row's `rateLimitsSeen`.
  if (result.target) return 'not available (a real endpoint: counts, tokens and rate-limit headers are as the client saw them)';
  return Object.entries(result.scenario.provider)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(' · ');
}

/** The columns a reader needs at a glance: the default terminal table, at most 120 characters wide. */
export const NARROW_COLUMNS = ['strategy', 'conc.', 'makespan', 'speedup (95% CI)', 'efficiency', 'latency p99', '429s / errors'] as const;

/** One row's cells in {@link NARROW_COLUMNS} order. */
export function narrowRowCells(row: RowResult): string[] {
  const speedup = row.speedup ? `${times(row.speedup.median)} (${times(row.speedup.ci95[0])}–${times(row.speedup.ci95[1])})` : '—';
  return [
    row.name,
    concurrency(row),
    seconds(row.makespanMs.median),
    speedup,
    percent(row.efficiency),
    seconds(row.latencyMs.p99),
    `${count(row.counts.rateLimited)} / ${count(row.counts.errors)}`,
  ];
}

/** Greedy wrap of `parts` joined by `joiner` into lines of at most `width`; continuation lines are indented. */
function fill(parts: readonly string[], joiner: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    const next = line === '' ? part : `${line}${joiner}${part}`;
    if (next.length <= width || line === '') line = next;
    else {
      lines.push(line);
      line = `  ${part}`;
    }
  }
  return [...lines, line];
}

/** Breaks `text` into lines of at most `width` characters: between ` · ` parts, else between words. */
export function wrapLine(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  return fill(text.split(' · '), ' · ', width).flatMap((line) => (line.length <= width ? [line] : fill(line.split(' '), ' ', width)));
}

/** Every column: `--wide`, the Markdown and the JSON. */
export const COLUMNS = [
  'strategy', 'conc.', 'makespan', 'speedup', 'speedup 95% CI', 'ideal', 'tutorial formula', 'efficiency',
  'req/s', 'latency p50', 'latency p99', 'first result', 'peak in-flight', '429s', 'retries', 'wasted', 'errors',
] as const;

/**
 * Columns only some suites have, after {@link COLUMNS} in the wide, Markdown and HTML
 * tables: the high-priority completion time and its ideal when the suite marks
 * high-priority inputs. Empty for every other suite, so their tables do not change.
 */
export function optionalColumns(result: SuiteResult): { head: string[]; cells: (row: RowResult) => string[] } {
  if (!result.rows.some((r) => r.highPriority !== undefined)) return { head: [], cells: () => [] };
  return {
    head: ['high-priority done', 'high-priority ideal'],
    cells: (row) => [seconds(row.highPriority?.completionMs), seconds(row.highPriority?.idealMs)],
  };
}

/** One table row's cells, in {@link COLUMNS} order. */
export function rowCells(row: RowResult, realClock: boolean): string[] {
  const makespan = realClock && row.rescaledMakespanMs !== undefined
    ? `${seconds(row.makespanMs.median)} (${seconds(row.rescaledMakespanMs)} rescaled)`
    : seconds(row.makespanMs.median);
  return [
    row.name,
    concurrency(row),
    makespan,
    times(row.speedup?.median),
    row.speedup ? `${times(row.speedup.ci95[0])}–${times(row.speedup.ci95[1])}` : '—',
    seconds(row.idealMs),
    seconds(row.expectedMs),
    percent(row.efficiency),
    row.throughput.requestsPerSec.toFixed(2),
    seconds(row.latencyMs.p50),
    seconds(row.latencyMs.p99),
    seconds(row.timeToFirstResultMs),
    String(row.peakInFlight),
    count(row.counts.rateLimited),
    count(row.counts.retries),
    count(row.counts.wasted),
    count(row.counts.errors),
  ];
}
