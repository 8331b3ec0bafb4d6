/** The speedup chart: each row's median speedup over serial with its 95 % interval, and the ideal speedup marked. */
import type { TopLevelSpec } from 'vega-lite';
import type { RowResult, SuiteResult } from '../../bench/results.ts';
import { times } from '../format.ts';
import { scenarioSubtitle, type ChartDefinition } from './chart-definition.ts';
import { COLORS } from './render-svg.ts';

/** One bar of the chart. */
interface SpeedupDatum {
  row: string;
  speedup: number | null;
  low: number | null;
  high: number | null;
  /** Serial makespan ÷ the row's ideal makespan: the speedup its policy allows with zero overhead. */
  ideal: number | null;
  label: string;
}

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

function datum(row: RowResult, serialMs: number | null): SpeedupDatum {
  const ideal = serialMs !== null && finite(row.idealMs) && row.idealMs > 0 ? serialMs / row.idealMs : null;
  const s = row.speedup;
  const measured = s ? times(s.median) : row.counts.errors > 0 ? '— inputs lost' : '—';
  const label = ideal === null ? measured : `${measured} (ideal ${times(ideal)})`;
  return {
    row: row.name,
    speedup: s?.median ?? null,
    low: s?.ci95[0] ?? null,
    high: s?.ci95[1] ?? null,
    ideal,
    label,
  };
}

export const speedupChart: ChartDefinition = {
  id: 'speedup',
  caption: 'Speedup over serial per row: the median with its 95 % interval, and the ideal speedup of the row’s policy.',
  spec(result: SuiteResult): TopLevelSpec | null {
    if (!result.rows.some((r) => r.speedup !== null)) return null;
    const serial = result.rows.find((r) => r.strategy === 'serial');
    const serialMs = serial && finite(serial.makespanMs.median) ? serial.makespanMs.median : null;
    const values = result.rows.map((r) => datum(r, serialMs));
    const y = { field: 'row', type: 'nominal', sort: values.map((v) => v.row), title: null } as const;
    const x = { type: 'quantitative', title: 'speedup over serial (×)', scale: { zero: true, nice: true } } as const;
    return {
      title: {
        text: `${result.suite}: speedup over serial`,
        subtitle: [
          scenarioSubtitle(result),
          'bar: median speedup, paired per iteration · whisker: its 95 % interval',
          '◆ ideal: serial makespan ÷ the row’s ideal makespan (zero overhead)',
        ],
      },
      data: { values: values as unknown as Array<Record<string, unknown>> },
      spacing: 16,
      resolve: { scale: { y: 'shared' } },
      hconcat: [
        {
          width: 560,
          height: { step: 26 },
          layer: [
            { mark: { type: 'rule', color: COLORS.reference, strokeDash: [4, 3] }, encoding: { x: { datum: 1, ...x } } },
            { mark: { type: 'bar', color: COLORS.measured, opacity: 0.85, height: { band: 0.62 } }, encoding: { y: { ...y, axis: { labelFontSize: 12, labelLimit: 220 } }, x: { field: 'speedup', ...x } } },
            {
              mark: { type: 'errorbar', ticks: { size: 10 }, color: COLORS.interval, thickness: 1.5 },
              encoding: { y, x: { field: 'low', ...x }, x2: { field: 'high' } },
            },
            {
              mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: COLORS.ideal, opacity: 1 },
              encoding: { y, x: { field: 'ideal', ...x } },
            },
          ],
        },
        {
          width: 190,
          height: { step: 26 },
          title: { text: 'speedup', fontSize: 12, fontWeight: 'normal', color: '#333', anchor: 'start', offset: 4 },
          mark: { type: 'text', align: 'left', fontSize: 12, color: '#222' },
          encoding: { y: { ...y, axis: null }, x: { datum: 0, type: 'quantitative', scale: { domain: [0, 1] }, axis: null }, text: { field: 'label' } },
        },
      ],
    };
  },
};
