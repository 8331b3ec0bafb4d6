import { analyzeSweep, defineSuite, runSuite, type SuiteResult, type SweepPoint } from '../src/bench/index.ts';
import type { ProfileName } from '../mocks/index.ts';

/**
 * The tutorial's fixed concurrency presets (§7.2 of "Concurrency and batching": OpenAI 50,
 * Anthropic 20, a local model 4, a database 10) against what a concurrency sweep
 * recommends on each provider profile: throughput and p99 at the preset and at the
 * recommendation (the sweep's knee, as `benchmarks/sweep.ts` reports it). Every step
 * retries like the tutorial's processor (3 attempts, honouring retry-after).
 */
const PRESETS: Record<string, number> = { openai: 50, anthropic: 20, local_model: 4 };
const STEPS = [1, 2, 4, 8, 16, 20, 32, 50, 64, 128];
/** Which presets a profile stands for: hosted and free-tier are hosted APIs; local is a local model server. */
/**
 * Hosted runs 2,000 inputs: the rate-limit buckets start full (500 requests), so a shorter
 * run never meets the sustained limit and rewards any concurrency.
 */
const CASES: Array<{ profile: ProfileName; presets: string[]; requests: number }> = [
  { profile: 'hosted', presets: ['openai', 'anthropic'], requests: 2000 },
  { profile: 'free-tier', presets: ['openai', 'anthropic'], requests: 200 },
  { profile: 'local', presets: ['local_model'], requests: 100 },
];

const fmt = (x: number): string => x.toFixed(2);
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** One line on a preset next to the recommendation. */
export function verdict(preset: SweepPoint, best: SweepPoint): string {
  if (preset.errors > 0) return `wrong: ${preset.errors.toFixed(1)} inputs lost to 429s even with 3 attempts`;
  const share = preset.requestsPerSec / best.requestsPerSec;
  if (preset.concurrency < best.concurrency) return `too low: ${(share * 100).toFixed(0)} % of the recommendation's throughput`;
  if (preset.concurrency === best.concurrency) return 'right';
  return `more than needed: ${((share - 1) * 100).toFixed(0)} % more throughput, p99 ×${(preset.serviceP99Ms / best.serviceP99Ms).toFixed(2)}`;
}

export default defineSuite({
  kind: 'custom',
  name: 'presets',
  description: "The tutorial's fixed concurrency presets (OpenAI 50, Anthropic 20, local 4) vs a sweep's recommendation per profile",
  async run(ctx) {
    const rows: Array<Array<string | number>> = [];
    const notes: string[] = [];
    const json: Record<string, unknown> = {};
    for (const { profile, presets, requests } of CASES) {
      ctx.signal.throwIfAborted();
      const sweep = defineSuite({
        name: `presets-${profile}`,
        description: `sweep on ${profile}`,
        requests,
        profile,
        iterations: 3,
        concurrencySweep: STEPS,
        rows: [{ name: 'abatch', strategy: 'abatch', options: { maxConcurrency: 1, retry: 'sdk' } }],
      });
      const result: SuiteResult = await runSuite(sweep, { requests: ctx.requests, iterations: ctx.iterations, seed: ctx.seed, signal: ctx.signal });
      // An interrupted sweep comes back partial; stop instead of analysing it.
      ctx.signal.throwIfAborted();
      const rpm = typeof result.scenario.provider.rpm === 'number' ? result.scenario.provider.rpm : null;
      const a = analyzeSweep(result.rows, rpm);
      const at = (c: number): SweepPoint => a.points.find((p) => p.concurrency === c)!;
      const best = at(a.knee);
      for (const name of presets) {
        const preset = at(PRESETS[name]!);
        rows.push([
          profile, `${name} ${preset.concurrency}`, fmt(preset.requestsPerSec), s(preset.serviceP99Ms), Math.round(preset.errors * 10) / 10,
          best.concurrency, fmt(best.requestsPerSec), s(best.serviceP99Ms), verdict(preset, best),
        ]);
      }
      notes.push(
        `${profile}: N=${result.scenario.requests}, ${result.scenario.iterations} iterations; steps with lost inputs: ${a.failedSteps.length > 0 ? a.failedSteps.join(', ') : 'none'}` +
          (a.littlesLaw !== null ? `; Little's law: ${rpm}/60 × ${s(a.medianServiceMs)} ≈ ${a.littlesLaw.toFixed(1)} in flight saturate ${rpm} RPM.` : '.'),
      );
      json[profile] = { recommended: a.knee, optimum: a.optimum, failedSteps: a.failedSteps, points: a.points };
    }
    notes.push('database 10: the mock has no database, so that preset is not measured.');
    return {
      title: "The tutorial's concurrency presets vs the sweep's recommendation",
      header: ['profile', 'preset', 'req/s', 'p99', 'errors', 'recommended', 'req/s', 'p99', 'verdict'],
      rows,
      notes,
      json,
    };
  },
});
