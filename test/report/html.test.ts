import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../src/report/charts/index.ts';
import { escapeHtml, renderHtml } from '../../src/report/html.ts';
import { FIXTURES, loadFixture } from './helpers.ts';

describe('renderHtml()', () => {
  it.each(FIXTURES)('%s: one self-contained page — no URL, no script, no external stylesheet', async (suite) => {
    const result = loadFixture(suite);
    const html = renderHtml(result, await renderCharts(result));
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\b(?:src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<style>');
  });

  it.each(FIXTURES)('%s: holds the scenario, the table with every row, and the charts inline', async (suite) => {
    const result = loadFixture(suite);
    const charts = await renderCharts(result);
    const html = renderHtml(result, charts);
    expect(html).toContain('<table>');
    for (const row of result.rows) expect(html).toContain(`<td>${row.name}</td>`);
    expect(html).toContain('<th>speedup 95% CI</th>');
    expect(html).toContain(`<dd>${result.scenario.model}</dd>`);
    expect(html.match(/<svg /g)).toHaveLength(charts.length);
    for (const chart of charts) expect(html).toContain(`<figure id="chart-${chart.id}">`);
  });

  it('is the same bytes for the same result', async () => {
    const result = loadFixture('rate-limits');
    expect(renderHtml(result, await renderCharts(result))).toBe(renderHtml(result, await renderCharts(structuredClone(result))));
  });

  it('escapes what the results carry, and says when a run was partial', () => {
    const result = { ...loadFixture('strategies'), suite: '<b>mine</b>', partial: true };
    const html = renderHtml(result, []);
    expect(html).toContain('&lt;b&gt;mine&lt;/b&gt;');
    expect(html).not.toContain('<b>mine</b>');
    expect(html).toContain('Partial run');
    expect(html).toContain('No chart applies');
    expect(escapeHtml(`a&b<'">`)).toBe('a&amp;b&lt;&#39;&quot;&gt;');
  });
});
