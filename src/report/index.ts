/** `llm-concurrency-bench/report`: render saved or fresh results as a terminal table, Markdown or a sweep chart. */
export { renderTable, renderCustomTable } from './table.ts';
export { renderMarkdown, renderCustomMarkdown } from './markdown.ts';
export { sweepChart } from './chart.ts';
