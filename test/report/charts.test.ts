import { describe, expect, it } from 'vitest';
import { analyzeSweep } from '../../src/bench/sweep.ts';
import { CHARTS, renderCharts } from '../../src/report/charts/index.ts';
import { inlineSvg, renderSvg } from '../../src/report/charts/render-svg.ts';
import { rateLimitChart } from '../../src/report/charts/rate-limits.ts';
import { speedupChart } from '../../src/report/charts/speedup.ts';
import { concurrencySweepChart, sweepGroups } from '../../src/report/charts/sweep.ts';
import type { SuiteResult } from '../../src/bench/results.ts';
import { loadFixture, readSvg } from './helpers.ts';

const strategies = loadFixture('strategies');
const sweep = loadFixture('sweep');
const rateLimits = loadFixture('rate-limits');

async function draw(chart: typeof speedupChart, result: SuiteResult): Promise<string> {
  const spec = chart.spec(result);
  expect(spec, `${chart.id} applies to ${result.suite}`).not.toBeNull();
  return renderSvg(spec!);
}

describe('which charts a result gets', () => {
  it.each([
    ['strategies', ['speedup'], strategies],
    ['sweep', ['sweep'], sweep],
    ['rate-limits', ['speedup', '429s-errors'], rateLimits],
  ] as const)('%s: %j', async (_name, ids, result) => {
    expect((await renderCharts(result)).map((c) => c.id)).toEqual(ids);
  });

  it('a result with no serial row, no sweep and no failures gets none', async () => {
    const lone: SuiteResult = { ...strategies, rows: strategies.rows.filter((r) => r.name === 'batch-pool').map((r) => ({ ...r, speedup: null })) };
    expect(CHARTS.map((c) => c.spec(lone))).toEqual([null, null, null]);
    expect(await renderCharts(lone)).toEqual([]);
  });
});

describe('the speedup chart', () => {
  it('is valid SVG with a width and height that names every row', async () => {
    for (const result of [strategies, rateLimits]) {
      const svg = readSvg(await draw(speedupChart, result));
      expect(svg.width).toBeGreaterThan(300);
      for (const row of result.rows) expect(svg.texts).toContain(row.name);
    }
  });

  it('labels each row with its median speedup and its ideal speedup, serial makespan ÷ the row’s idealMs', async () => {
    const { texts } = readSvg(await draw(speedupChart, strategies));
    const serial = strategies.rows.find((r) => r.strategy === 'serial')!;
    const pool = strategies.rows.find((r) => r.name === 'batch-pool')!;
    const ideal = serial.makespanMs.median / pool.idealMs;
    const fmt = (x: number): string => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}x`;
    expect(texts).toContain(`${fmt(pool.speedup!.median)} (ideal ${fmt(ideal)})`);
  });

  it('draws the 95 % interval as error bars: one whisker per row with a speedup', async () => {
    for (const result of [strategies, rateLimits]) {
      const svg = await draw(speedupChart, result);
      // Vega labels each drawn mark for screen readers: `…; row: <name>; …` with role "errorbar".
      const whiskers = [...svg.matchAll(/aria-label="[^"]*\brow: ([^;"]+);[^"]*" role="graphics-symbol" aria-roledescription="errorbar"/g)].map((m) => m[1]);
      expect(new Set(whiskers)).toEqual(new Set(result.rows.filter((r) => r.speedup !== null).map((r) => r.name)));
    }
  });

  it('says why a row that lost inputs has no speedup', async () => {
    const { texts } = readSvg(await draw(speedupChart, rateLimits));
    const lost = rateLimits.rows.filter((r) => r.counts.errors > 0);
    expect(lost.length).toBeGreaterThan(0);
    expect(texts.filter((t) => t.startsWith('— inputs lost'))).toHaveLength(lost.length);
  });
});

describe('the sweep chart', () => {
  it('groups name@N rows by the row they vary', () => {
    expect([...sweepGroups(sweep.rows).keys()]).toEqual(['abatch']);
    expect(sweepGroups(strategies.rows).size).toBe(0);
  });

  it('is valid SVG that plots every step and marks the knee the sweep analysis recommends', async () => {
    const svg = readSvg(await draw(concurrencySweepChart, sweep));
    const knee = analyzeSweep(sweep.rows, null).knee;
    expect(svg.texts).toContain(`knee: ${knee}`);
    for (const row of sweep.rows) expect(svg.texts).toContain(String(row.concurrency));
    expect(svg.texts).toContain('throughput (successful req/s)');
    expect(svg.texts).toContain('p99 latency (s)');
  });
});

describe('the 429s and errors chart', () => {
  it('is valid SVG that names every row and shows each row’s counts', async () => {
    const svg = readSvg(await draw(rateLimitChart, rateLimits));
    for (const row of rateLimits.rows) {
      expect(svg.texts).toContain(row.name);
      expect(svg.texts).toContain(String(row.counts.rateLimited));
    }
    expect(svg.texts).toEqual(expect.arrayContaining(['429s', 'errors']));
  });

  it('does not apply to a run without 429s or errors', () => {
    expect(rateLimitChart.spec(strategies)).toBeNull();
  });
});

describe('determinism', () => {
  it('the same result renders byte-identical SVG, again and again', async () => {
    for (const result of [strategies, sweep, rateLimits]) {
      const first = await renderCharts(result);
      const second = await renderCharts(structuredClone(result));
      expect(second.map((c) => c.svg)).toEqual(first.map((c) => c.svg));
    }
  });

  it('no random ids or timestamps: nothing of the run’s date or time lands in a chart', async () => {
    for (const result of [strategies, sweep, rateLimits]) {
      for (const chart of await renderCharts(result)) {
        expect(chart.svg).not.toContain(result.createdAt.slice(0, 10));
        expect(chart.svg).not.toMatch(/\bid="/);
      }
    }
  });
});

describe('inlineSvg()', () => {
  it('drops the XML namespace declarations, the only URLs in a chart, and keeps the rest', async () => {
    const svg = await draw(speedupChart, strategies);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    const inline = inlineSvg(svg);
    expect(inline).not.toMatch(/https?:/);
    expect(inline.startsWith('<svg ')).toBe(true);
    expect(inline.replace(/^<svg[^>]*>/, '')).toBe(svg.trimEnd().replace(/^<svg[^>]*>/, ''));
  });
});
