/**
 * The HTML report of a strategy suite: one self-contained page — inline CSS, inline SVG
 * charts, no script and no reference to anything outside the file — with the scenario,
 * the table and the charts.
 */
import type { SuiteResult } from '../bench/results.ts';
import type { RenderedChart } from './charts/chart-definition.ts';
import { inlineSvg } from './charts/render-svg.ts';
import { COLUMNS, count, optionalColumns, providerLine, rowCells, usd } from './format.ts';

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5b5b66; --rule: #e3e3e8; --band: #f6f7f9; --accent: #4c78a8; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1260px; margin: 0 auto; padding: 32px 24px 48px; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 8px; }
h1 { font-size: 28px; margin: 0; letter-spacing: -0.01em; }
h1 .kind { color: var(--muted); font-weight: normal; }
h2 { font-size: 19px; margin: 32px 0 10px; }
p.lead { margin: 6px 0 0; color: var(--muted); }
.partial { background: #fff4e5; border: 1px solid #f0b45b; border-radius: 6px; padding: 10px 14px; margin: 16px 0; }
dl.scenario { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
dl.scenario dt { color: var(--muted); }
dl.scenario dd { margin: 0; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
.table-wrap { overflow-x: auto; border: 1px solid var(--rule); border-radius: 6px; }
table { border-collapse: collapse; font-size: 12px; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 6px; text-align: right; border-bottom: 1px solid var(--rule); white-space: nowrap; }
th { background: var(--band); font-weight: 600; vertical-align: bottom; white-space: normal; min-width: 3.5em; line-height: 1.25; }
th:first-child, td:first-child { text-align: left; position: sticky; left: 0; background: #fff; font-weight: 600; }
th:first-child { background: var(--band); }
tbody tr:nth-child(even) td { background: #fbfbfd; }
tbody tr:last-child td { border-bottom: none; }
figure { margin: 0 0 28px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 14px; margin-top: 4px; }
pre.notes { background: var(--band); border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px; overflow-x: auto; line-height: 1.4; }
footer { margin-top: 36px; padding-top: 12px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 13px; }
`;

function scenarioList(result: SuiteResult): string {
  const s = result.scenario;
  const e = result.environment;
  const items: Array<[string, string]> = [
    ['profile', s.profile],
    ['requests per iteration', String(s.requests)],
    ['clock', s.clock === 'virtual' ? 'virtual (simulated time: exact, CPU overhead excluded)' : `real, time scale ${s.timeScale}`],
    ['iterations', String(s.iterations)],
    ['seed', String(s.seed)],
    ['transport', s.transport],
    ['model', s.model],
    ['provider', providerLine(result)],
  ];
  if (result.calibration) {
    items.push(['calibration', `${(result.calibration.overheadMsPerRequest * 1000).toFixed(0)} µs overhead per request (${result.calibration.samples} zero-latency requests)`]);
  }
  items.push(['machine', `Node ${e.node} · ${e.platform} ${e.arch} · ${e.cpus} CPUs`], ['finished', result.createdAt]);
  return `<dl class="scenario">\n${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>`;
}

function resultsTable(result: SuiteResult): string {
  const real = result.scenario.clock === 'real';
  const extra = optionalColumns(result);
  const head = [...COLUMNS, ...extra.head, 'prompt tokens', 'completion tokens', 'est. cost'];
  const rows = result.rows.map((r) => [...rowCells(r, real), ...extra.cells(r), count(r.tokens.prompt), count(r.tokens.completion), usd(r.costUsd)]);
  const tr = (cells: readonly string[], tag: 'th' | 'td'): string => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  return [
    '<div class="table-wrap"><table>',
    `<thead>${tr(head, 'th')}</thead>`,
    '<tbody>',
    ...rows.map((cells) => tr(cells, 'td')),
    '</tbody></table></div>',
  ].join('\n');
}

function figure(chart: RenderedChart): string {
  return `<figure id="chart-${escapeHtml(chart.id)}">\n${inlineSvg(chart.svg)}\n<figcaption>${escapeHtml(chart.caption)}</figcaption>\n</figure>`;
}

/**
 * The whole page for `result` with `charts` (from `renderCharts`). The same input gives
 * the same bytes: nothing in it depends on the time or the machine it is rendered on.
 */
export function renderHtml(result: SuiteResult, charts: readonly RenderedChart[]): string {
  const parts = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(result.suite)} · llm-concurrency-bench report</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<header><h1>${escapeHtml(result.suite)} <span class="kind">· benchmark report</span></h1>`,
    `<p class="lead">${result.rows.length} strategy rows, ${result.scenario.requests} requests each, ${result.scenario.iterations} iterations, on the ${result.scenario.clock} clock.</p></header>`,
  ];
  if (result.partial) parts.push('<p class="partial"><strong>Partial run:</strong> the run was interrupted; only the rows that finished are shown.</p>');
  parts.push('<h2>Scenario</h2>', scenarioList(result), '<h2>Results</h2>', resultsTable(result));
  parts.push('<h2>Charts</h2>', ...(charts.length > 0 ? charts.map(figure) : ['<p>No chart applies to these results.</p>']));
  if (result.notes.length > 0) parts.push('<h2>Notes</h2>', `<pre class="notes">${escapeHtml(result.notes.join('\n'))}</pre>`);
  parts.push(
    '<footer>Rendered by <code>llm-concurrency-bench report</code> from results schema version ',
    `${result.schemaVersion}. Columns and fields are described in the package’s docs/results.md.</footer>`,
    '</main>',
    '</body>',
    '</html>',
  );
  return `${parts.join('\n')}\n`;
}
