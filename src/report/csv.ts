import type { CustomSuiteOutput } from '../bench/suite.ts';
import type { SuiteResult } from '../bench/results.ts';

/**
 * Results as CSV (RFC 4180): one header line, one line per row, raw numbers (ms, ratios,
 * means per iteration) rather than the table's rounded text; an empty cell for a missing
 * value (no speedup, unlimited concurrency).
 */

const cell = (v: unknown): string => {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const text = String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One CSV line from cells. */
export const csvLine = (cells: readonly unknown[]): string => cells.map(cell).join(',');

/** The columns of {@link renderCsv}. */
export const CSV_COLUMNS = [
  'name', 'strategy', 'concurrency', 'makespan_ms', 'makespan_ci95_low', 'makespan_ci95_high',
  'speedup', 'speedup_ci95_low', 'speedup_ci95_high', 'ideal_ms', 'expected_ms', 'efficiency',
  'requests_per_sec', 'latency_p50_ms', 'latency_p99_ms', 'first_result_ms', 'peak_in_flight',
  'rate_limited', 'retries', 'wasted', 'errors', 'prompt_tokens', 'completion_tokens', 'cost_usd',
] as const;

/** A strategy suite's rows as CSV, columns {@link CSV_COLUMNS}. */
export function renderCsv(result: SuiteResult): string {
  const lines = [csvLine(CSV_COLUMNS)];
  for (const r of result.rows) {
    lines.push(csvLine([
      r.name, r.strategy, r.concurrency, r.makespanMs.median, r.makespanMs.ci95[0], r.makespanMs.ci95[1],
      r.speedup?.median, r.speedup?.ci95[0], r.speedup?.ci95[1], r.idealMs, r.expectedMs, r.efficiency,
      r.throughput.requestsPerSec, r.latencyMs.p50, r.latencyMs.p99, r.timeToFirstResultMs, r.peakInFlight,
      r.counts.rateLimited, r.counts.retries, r.counts.wasted, r.counts.errors, r.tokens.prompt, r.tokens.completion, r.costUsd,
    ]));
  }
  return `${lines.join('\n')}\n`;
}

/** A custom suite's table as CSV: its own header and rows. */
export function renderCustomCsv(output: CustomSuiteOutput): string {
  return `${[csvLine(output.header), ...output.rows.map(csvLine)].join('\n')}\n`;
}
