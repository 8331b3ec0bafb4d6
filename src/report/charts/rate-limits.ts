/** The rate-limit chart: 429s and errors per strategy row, for any result that has either. */
import type { TopLevelSpec } from 'vega-lite';
import type { SuiteResult } from '../../bench/results.ts';
import { count } from '../format.ts';
import { scenarioSubtitle, type ChartDefinition } from './chart-definition.ts';
import { COLORS } from './render-svg.ts';

const MEASURES = ['429s', 'errors'] as const;

export const rateLimitChart: ChartDefinition = {
  id: '429s-errors',
  caption: '429 responses and inputs that failed for good, per row, as means per iteration.',
  spec(result: SuiteResult): TopLevelSpec | null {
    if (!result.rows.some((r) => r.counts.rateLimited > 0 || r.counts.errors > 0)) return null;
    const values = result.rows.flatMap((r) => [
      { row: r.name, measure: MEASURES[0], value: r.counts.rateLimited, label: count(r.counts.rateLimited) },
      { row: r.name, measure: MEASURES[1], value: r.counts.errors, label: count(r.counts.errors) },
    ]);
    const y = { field: 'row', type: 'nominal', sort: result.rows.map((r) => r.name), title: null, axis: { labelFontSize: 12, labelLimit: 220 } } as const;
    const x = { field: 'value', type: 'quantitative', title: 'mean per iteration', scale: { zero: true, nice: true } } as const;
    const yOffset = { field: 'measure', type: 'nominal', sort: [...MEASURES] } as const;
    return {
      title: {
        text: `${result.suite}: 429s and errors per row`,
        subtitle: [
          scenarioSubtitle(result),
          '429s: requests the provider rejected for its rate limit (retried or not)',
          'errors: inputs that failed for good — a row with any shows no speedup',
        ],
      },
      width: 560,
      height: { step: 13 },
      data: { values },
      encoding: { y, yOffset },
      layer: [
        {
          mark: { type: 'bar', height: { band: 1 } },
          encoding: {
            x,
            color: { field: 'measure', type: 'nominal', title: null, scale: { domain: [...MEASURES], range: [COLORS.rateLimited, COLORS.errors] } },
          },
        },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#222' }, encoding: { x, text: { field: 'label' } } },
      ],
    };
  },
};
