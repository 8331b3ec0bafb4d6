/** What every chart module provides: an id, a title, and a Vega-Lite spec for the results it applies to. */
import type { TopLevelSpec } from 'vega-lite';
import type { SuiteResult } from '../../bench/results.ts';

/** One kind of chart. */
export interface ChartDefinition {
  /** Names the chart's file, `<suite>-<id>.svg`, and its figure in the HTML report. */
  readonly id: string;
  /** A one-line caption. */
  readonly caption: string;
  /** The chart's spec for `result`, or null when the chart does not apply to it. */
  spec(result: SuiteResult): TopLevelSpec | null;
}

/** A chart drawn for one result. */
export interface RenderedChart {
  id: string;
  caption: string;
  /** A standalone SVG document, ending with a newline. */
  svg: string;
}

/** The subtitle line every chart carries: what ran, under which clock. */
export function scenarioSubtitle(result: SuiteResult): string {
  const s = result.scenario;
  const clock = s.clock === 'virtual' ? 'virtual clock' : `real clock, time scale ${s.timeScale}`;
  return `suite ${result.suite} · profile ${s.profile} · N=${s.requests} · ${clock} · ${s.iterations} iterations · seed ${s.seed}${result.partial ? ' · PARTIAL run' : ''}`;
}
