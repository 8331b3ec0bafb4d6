/**
 * `llm-concurrency-bench/report`: render saved or fresh results as a terminal table,
 * Markdown, a sweep chart, SVG charts or an HTML page. The SVG charts load Vega and
 * Vega-Lite on first use, so the table renderers do not.
 */
export { renderTable, renderCustomTable } from './table.ts';
export { renderMarkdown, renderCustomMarkdown } from './markdown.ts';
export { sweepChart } from './chart.ts';
export { CHARTS, renderCharts } from './charts/index.ts';
export type { ChartDefinition, RenderedChart } from './charts/index.ts';
export { renderHtml } from './html.ts';
