import Table from 'cli-table3';
import { METRICS, type Comparison, type MetricComparison, type MetricName, type RowComparison } from '../bench/compare.ts';
import { csvLine } from './csv.ts';
import { count, seconds, times } from './format.ts';

/** Renders a {@link Comparison}: the verdict table for the terminal, Markdown and CSV. */

/** Column headers of the metrics. */
export const METRIC_LABELS: Record<MetricName, string> = {
  makespan: 'makespan',
  speedup: 'speedup',
  throughput: 'req/s',
  latencyP99: 'latency p99',
  rateLimited: '429s',
  wasted: 'wasted',
  errors: 'errors',
};

function value(metric: MetricName, x: number | null): string {
  if (x === null) return '—';
  switch (metric) {
    case 'makespan':
    case 'latencyP99':
      return seconds(x);
    case 'speedup':
      return times(x);
    case 'throughput':
      return x.toFixed(2);
    case 'rateLimited':
    case 'wasted':
    case 'errors':
      return count(x);
  }
}

/** A relative change as `+25.0%`, `−3.1%`; `new` from a baseline of 0. */
export function percentChange(change: number | null): string {
  if (change === null) return '';
  if (!Number.isFinite(change)) return change > 0 ? 'from 0' : 'to −∞';
  const pct = change * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

const MARK = { regressed: ' ✗', improved: ' ✓', unchanged: '' } as const;

/** One metric's cell: the current value alone when unchanged to the shown digits, else `before → after (±x%)` and a mark. */
export function metricCell(m: MetricComparison): string {
  const before = value(m.metric, m.baseline);
  const after = value(m.metric, m.current);
  if (before === after && m.verdict === 'unchanged') return after;
  const pct = percentChange(m.change);
  return `${before} → ${after}${pct ? ` (${pct})` : ''}${MARK[m.verdict]}`;
}

const verdictCell = (row: RowComparison): string =>
  row.optionChanges.length > 0 ? `${row.verdict} (${row.optionChanges.join(', ')})` : row.verdict;

function cells(row: RowComparison): string[] {
  const byMetric = new Map(row.metrics.map((m) => [m.metric, m]));
  return [row.name, verdictCell(row), ...METRICS.map((metric) => {
    const m = byMetric.get(metric);
    return m ? metricCell(m) : '—';
  })];
}

const HEADER = ['strategy', 'verdict', ...METRICS.map((m) => METRIC_LABELS[m])];

/** The lines above the table: what was compared, the rule, the tally. */
function headLines(c: Comparison): string[] {
  const pct = `${+(c.threshold * 100).toFixed(4)}%`;
  const rule = c.clock === 'virtual'
    ? `virtual clock: exact, any change beyond ${pct} counts`
    : `real clock: a change beyond ${pct} counts only when the 95 % intervals do not overlap`;
  const tally = (['regressed', 'improved', 'unchanged', 'new', 'missing'] as const).map((v) => `${c.counts[v]} ${v}`).join(', ');
  return [`compare ${c.suite}: baseline ${c.baselineCreatedAt} → current ${c.currentCreatedAt} · threshold ${pct} · ${rule}`, tally];
}

/** One line per regressed row naming its regressed metrics, e.g. `regressed: batch-pool — makespan +25.0%, speedup −20.0%`. */
export function regressionLines(c: Comparison): string[] {
  return c.rows.filter((r) => r.verdict === 'regressed').map((r) => {
    const what = r.metrics.filter((m) => m.verdict === 'regressed').map((m) => {
      const pct = m.change !== null && Number.isFinite(m.change) ? ` (${percentChange(m.change)})` : '';
      return `${METRIC_LABELS[m.metric]} ${value(m.metric, m.baseline)} → ${value(m.metric, m.current)}${pct}${m.reason ? `, ${m.reason}` : ''}`;
    });
    return `regressed: ${r.name} — ${what.join(', ')}`;
  });
}

function footLines(c: Comparison): string[] {
  const verdict = c.regressed ? `FAIL: ${c.counts.regressed} row${c.counts.regressed === 1 ? '' : 's'} regressed.` : 'OK: nothing regressed.';
  return [...c.notes, ...regressionLines(c), verdict];
}

/** The verdict table for the terminal, with its head and foot lines. */
export function renderComparisonTable(c: Comparison, color: boolean): string {
  const table = new Table({
    head: HEADER,
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [], compact: false },
  });
  for (const row of c.rows) table.push(cells(row));
  return `${[...headLines(c), table.toString(), ...footLines(c)].join('\n')}\n`;
}

const md = (cells: readonly string[]): string => `| ${cells.map((s) => s.replace(/\|/g, '\\|')).join(' | ')} |`;

/** The verdict as Markdown (what goes to `$GITHUB_STEP_SUMMARY`). */
export function renderComparisonMarkdown(c: Comparison): string {
  const [head, tally] = headLines(c);
  return `${[
    `## ${c.regressed ? '❌' : '✅'} ${c.suite}: ${c.regressed ? `${c.counts.regressed} regressed` : 'no regression'}`,
    '',
    `${head!}  `,
    tally!,
    '',
    md(HEADER),
    md(HEADER.map(() => '---')),
    ...c.rows.map((r) => md(cells(r))),
    '',
    ...footLines(c).map((l) => `- ${l}`),
  ].join('\n')}\n`;
}

/** One line per row and metric: `strategy,verdict,options,metric,baseline,current,change,metric_verdict`. */
export function renderComparisonCsv(c: Comparison): string {
  const lines = [csvLine(['strategy', 'verdict', 'options', 'metric', 'baseline', 'current', 'change', 'metric_verdict'])];
  for (const row of c.rows) {
    const options = row.optionChanges.join('; ');
    if (row.metrics.length === 0) lines.push(csvLine([row.name, row.verdict, options, '', '', '', '', '']));
    for (const m of row.metrics) {
      lines.push(csvLine([row.name, row.verdict, options, m.metric, m.baseline, m.current, m.change, m.verdict]));
    }
  }
  return `${lines.join('\n')}\n`;
}
