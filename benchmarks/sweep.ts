import { analyzeSweep, defineSuite, type SuiteResult } from '../src/bench/index.ts';
import { sweepChart } from '../src/report/index.ts';

const STEPS = [1, 2, 4, 8, 16, 32, 64, 128];

function report(result: SuiteResult): string[] {
  const rpm = typeof result.scenario.provider.rpm === 'number' ? result.scenario.provider.rpm : null;
  const a = analyzeSweep(result.rows, rpm);
  const lines = [
    '',
    ...sweepChart(a.points),
    '',
    `throughput optimum: maxConcurrency ${a.optimum}; knee (95 % of best throughput): ${a.knee}` +
      ` — ${a.stepsFromOptimum === 0 ? 'the same step' : `${a.stepsFromOptimum} step(s) apart`}.`,
    `recommended maxConcurrency: ${a.knee}`,
  ];
  if (a.failedSteps.length > 0) {
    lines.push(`left out (inputs failed there): maxConcurrency ${a.failedSteps.join(', ')}.`);
  }
  if (a.littlesLaw !== null) {
    lines.push(`Little's law: RPM/60 × median service time = ${rpm}/60 × ${(a.medianServiceMs / 1000).toFixed(2)} s ≈ ${a.littlesLaw.toFixed(1)} requests in flight saturate the limit.`);
  }
  return lines;
}

/** Concurrency sweeps: where more in flight stops paying on a local server and under a rate limit. */
export default [
  defineSuite({
    name: 'sweep',
    description: 'Concurrency 1…128 against a local model server (capacity 4, load factor 3): throughput, p99, the knee',
    requests: 100,
    profile: 'local',
    iterations: 3,
    concurrencySweep: STEPS,
    rows: [{ name: 'abatch', strategy: 'abatch', options: { maxConcurrency: 1 }, description: 'sliding pool at each step' }],
    analyze: report,
  }),
  defineSuite({
    name: 'sweep-rate-limited',
    description: 'Concurrency 1…128 under a binding rate limit (free tier, 60 RPM), with retries honouring retry-after',
    requests: 200,
    profile: 'free-tier',
    iterations: 3,
    concurrencySweep: STEPS,
    rows: [{ name: 'abatch', strategy: 'abatch', options: { maxConcurrency: 1, retry: 'with-retry' }, description: 'sliding pool at each step, withRetry' }],
    analyze: report,
  }),
];
