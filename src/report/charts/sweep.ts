/** The sweep chart: throughput and p99 latency against concurrency for the `name@N` rows of a sweep, the knee marked. */
import type { TopLevelSpec } from 'vega-lite';
import type { RowResult, SuiteResult } from '../../bench/results.ts';
import { analyzeSweep } from '../../bench/sweep.ts';
import { scenarioSubtitle, type ChartDefinition } from './chart-definition.ts';
import { COLORS } from './render-svg.ts';

const STEP_NAME = /^(.+)@(\d+)$/;

/** The rows of a sweep grouped by the row they vary (`abatch@1`, `abatch@2`, … → `abatch`), in suite order. */
export function sweepGroups(rows: readonly RowResult[]): Map<string, RowResult[]> {
  const groups = new Map<string, RowResult[]>();
  for (const row of rows) {
    const match = STEP_NAME.exec(row.name);
    if (!match || row.concurrency === null) continue;
    const group = groups.get(match[1]!) ?? [];
    group.push(row);
    groups.set(match[1]!, group);
  }
  for (const [base, group] of groups) if (group.length < 2) groups.delete(base);
  return groups;
}

/** The recommendation of the sweep analysis for one group, or null when every step lost inputs. */
function kneeOf(group: readonly RowResult[], rpm: number | null): number | null {
  try {
    return analyzeSweep(group, rpm).knee;
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

export const concurrencySweepChart: ChartDefinition = {
  id: 'sweep',
  caption: 'Throughput and p99 latency against maxConcurrency, with the knee the sweep analysis recommends.',
  spec(result: SuiteResult): TopLevelSpec | null {
    const groups = sweepGroups(result.rows);
    if (groups.size === 0) return null;
    const rpm = typeof result.scenario.provider.rpm === 'number' ? result.scenario.provider.rpm : null;
    const points: Array<Record<string, unknown>> = [];
    const latencies: Array<Record<string, unknown>> = [];
    const knees: Array<Record<string, unknown>> = [];
    const steps = new Set<number>();
    for (const [base, group] of groups) {
      for (const row of group) {
        const concurrency = row.concurrency!;
        steps.add(concurrency);
        points.push({ base, concurrency, throughput: row.throughput.requestsPerSec, lost: row.counts.errors > 0 });
        latencies.push({ base, concurrency, measure: 'service p99 (sent → answered)', seconds: row.serviceMs.p99 / 1000 });
        latencies.push({ base, concurrency, measure: 'latency p99 (wanted → done)', seconds: row.latencyMs.p99 / 1000 });
      }
      const knee = kneeOf(group, rpm);
      if (knee !== null) knees.push({ base, knee, label: `knee: ${knee}${groups.size > 1 ? ` (${base})` : ''}` });
    }
    const bases = [...groups.keys()];
    const sortedSteps = [...steps].sort((a, b) => a - b);
    const x = {
      field: 'concurrency', type: 'quantitative' as const, title: 'maxConcurrency (log scale)',
      scale: { type: 'log' as const, base: 2, domain: [sortedSteps[0]!, sortedSteps[sortedSteps.length - 1]!] },
      axis: { values: sortedSteps, format: 'd', grid: true },
    };
    const color = {
      field: 'base', type: 'nominal' as const, title: 'row',
      scale: bases.length === 1 ? { domain: bases, range: [COLORS.measured] } : { domain: bases },
      legend: bases.length === 1 ? null : {},
    };
    const kneeRule = {
      data: { values: knees },
      mark: { type: 'rule' as const, color: COLORS.ideal, strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: { x: { ...x, field: 'knee' } },
    };
    const kneeNote = knees.length > 0 ? `dashed red: the knee, the recommended maxConcurrency (95 % of the best error-free throughput)` : 'no knee: every step lost inputs';
    return {
      title: {
        text: `${result.suite}: throughput and p99 latency by concurrency`,
        subtitle: [
          scenarioSubtitle(result),
          kneeNote,
          'lower panel, solid: service p99 (request sent → answered); dashed: latency p99',
          '(input wanted → done: waiting in the pool included) · × = a step that lost inputs',
        ],
      },
      spacing: 18,
      vconcat: [
        {
          width: 620,
          height: 220,
          layer: [
            kneeRule,
            {
              data: { values: knees },
              mark: { type: 'text', align: 'left', baseline: 'top', dx: 5, y: 4, fontSize: 12, color: COLORS.ideal, fontWeight: 'bold' },
              encoding: { x: { ...x, field: 'knee' }, text: { field: 'label' } },
            },
            {
              data: { values: points },
              mark: { type: 'line', point: false, strokeWidth: 2 },
              encoding: { x: { ...x, axis: { ...x.axis, title: null } }, y: { field: 'throughput', type: 'quantitative', title: 'throughput (successful req/s)' }, color },
            },
            {
              data: { values: points },
              mark: { type: 'point', filled: true, size: 60, opacity: 1 },
              encoding: {
                x: { ...x, axis: { ...x.axis, title: null } },
                y: { field: 'throughput', type: 'quantitative' },
                color,
                shape: { field: 'lost', type: 'nominal', scale: { domain: [false, true], range: ['circle', 'cross'] }, legend: null },
              },
            },
          ],
        },
        {
          width: 620,
          height: 220,
          layer: [
            kneeRule,
            {
              data: { values: latencies },
              mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 },
              encoding: {
                x,
                y: { field: 'seconds', type: 'quantitative', title: 'p99 latency (s)' },
                color,
                strokeDash: {
                  field: 'measure', type: 'nominal' as const, title: null,
                  scale: { domain: ['service p99 (sent → answered)', 'latency p99 (wanted → done)'], range: [[1, 0], [6, 3]] },
                  legend: null,
                },
                detail: { field: 'base' },
              },
            },
          ],
        },
      ],
    };
  },
};
