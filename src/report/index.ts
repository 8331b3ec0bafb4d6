/**
 * `llm-concurrency-bench/report`: render saved or fresh results as a terminal table,
 * Markdown, CSV, github-action-benchmark JSON, a sweep chart, SVG charts or an HTML page, and
 * comparisons with a baseline. The SVG charts load Vega and Vega-Lite on first use, so the
 * table renderers do not.
 */
export { renderTable, renderCustomTable } from './table.ts';
export { renderMarkdown, renderCustomMarkdown } from './markdown.ts';
export { renderCsv, renderCustomCsv } from './csv.ts';
export { toGithubActionBenchmark, GAB_FILES } from './github-action-benchmark.ts';
export type { GabEntry, GabFiles } from './github-action-benchmark.ts';
export { renderComparisonCsv, renderComparisonMarkdown, renderComparisonTable } from './compare.ts';
export { sweepChart } from './chart.ts';
export { CHARTS, renderCharts } from './charts/index.ts';
export type { ChartDefinition, RenderedChart } from './charts/index.ts';
export { renderHtml } from './html.ts';
