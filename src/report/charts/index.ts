/** The charts of a strategy suite's results, each drawn only where it applies, rendered to SVG. */
import type { SuiteResult } from '../../bench/results.ts';
import type { ChartDefinition, RenderedChart } from './chart-definition.ts';
import { rateLimitChart } from './rate-limits.ts';
import { renderSvg } from './render-svg.ts';
import { speedupChart } from './speedup.ts';
import { concurrencySweepChart } from './sweep.ts';

/** Every chart, in the order a report shows them. */
export const CHARTS: readonly ChartDefinition[] = [speedupChart, concurrencySweepChart, rateLimitChart];

/** Renders the charts that apply to `result`, in {@link CHARTS} order; none for a result they do not fit. */
export async function renderCharts(result: SuiteResult): Promise<RenderedChart[]> {
  const charts: RenderedChart[] = [];
  for (const chart of CHARTS) {
    const spec = chart.spec(result);
    if (spec) charts.push({ id: chart.id, caption: chart.caption, svg: await renderSvg(spec) });
  }
  return charts;
}

export type { ChartDefinition, RenderedChart } from './chart-definition.ts';
