import type { SweepPoint } from '../bench/sweep.ts';

/**
 * A horizontal ASCII bar chart of throughput per concurrency step, with service p99 and
 * errors beside it. Bars are scaled to the best step that lost no inputs; steps that lost
 * some are drawn with `x` so they do not pass for the best.
 */
export function sweepChart(points: readonly SweepPoint[], width = 40): string[] {
  const clean = points.filter((p) => p.errors === 0);
  const best = Math.max(...(clean.length > 0 ? clean : points).map((p) => p.requestsPerSec), Number.MIN_VALUE);
  const lines = [`${'conc.'.padStart(6)}  ${'throughput (successful req/s)'.padEnd(width)}  ${'req/s'.padStart(7)}  ${'service p99'.padStart(11)}  ${'errors'.padStart(6)}`];
  for (const p of points) {
    const length = Math.min(width, Math.max(p.requestsPerSec > 0 ? 1 : 0, Math.round((p.requestsPerSec / best) * width)));
    const bar = (p.errors === 0 ? '#' : 'x').repeat(length);
    const errors = Number.isInteger(p.errors) ? String(p.errors) : p.errors.toFixed(1);
    lines.push(`${String(p.concurrency).padStart(6)}  ${bar.padEnd(width)}  ${p.requestsPerSec.toFixed(2).padStart(7)}  ${`${(p.serviceP99Ms / 1000).toFixed(2)} s`.padStart(11)}  ${errors.padStart(6)}`);
  }
  if (clean.length < points.length) lines.push(`${' '.repeat(8)}x = inputs lost at that step (bar capped at the best error-free step)`);
  return lines;
}
