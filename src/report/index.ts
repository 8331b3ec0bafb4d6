/** `llm-concurrency-bench/report`: render saved or fresh results as a terminal table, Markdown, CSV, github-action-benchmark JSON or a sweep chart, and comparisons with a baseline. */
export { renderTable, renderCustomTable } from './table.ts';
export { renderMarkdown, renderCustomMarkdown } from './markdown.ts';
export { renderCsv, renderCustomCsv } from './csv.ts';
export { toGithubActionBenchmark, GAB_FILES } from './github-action-benchmark.ts';
export type { GabEntry, GabFiles } from './github-action-benchmark.ts';
export { renderComparisonCsv, renderComparisonMarkdown, renderComparisonTable } from './compare.ts';
export { sweepChart } from './chart.ts';
