import type { RowResult, SuiteResult } from '../../src/bench/results.ts';

/** Small hand-made results for the comparison tests: exact values, easy to change one at a time. */

/** A row whose makespan is `makespan` ms, with intervals ±`spread` (a fraction) around each value. */
export function row(name: string, makespan = 10_000, spread = 0, extra: Partial<RowResult> = {}): RowResult {
  const ci = (x: number): [number, number] => [x * (1 - spread), x * (1 + spread)];
  const speedup = 100_000 / makespan;
  return {
    name,
    strategy: 'abatch',
    options: { maxConcurrency: 10 },
    concurrency: 10,
    makespanMs: { median: makespan, mean: makespan, min: ci(makespan)[0], max: ci(makespan)[1], ci95: ci(makespan), samples: [makespan] },
    speedup: { median: speedup, ci95: ci(speedup) },
    idealMs: makespan,
    expectedMs: makespan,
    efficiency: 1,
    throughput: { requestsPerSec: 100 / (makespan / 1000), outputTokensPerSec: 1 },
    latencyMs: { p50: makespan / 2, p90: makespan * 0.9, p99: makespan },
    serviceMs: { p50: 1000, p90: 1800, p99: 2000 },
    timeToFirstResultMs: makespan,
    peakInFlight: 10,
    counts: { requests: 100, ok: 100, rateLimited: 0, errors: 0, retries: 0, wasted: 0 },
    tokens: { prompt: 1000, completion: 500 },
    costUsd: 0.001,
    ...extra,
  };
}

/** A suite result with `rows`, on the virtual clock unless `clock` says otherwise. */
export function suite(rows: RowResult[], clock: 'virtual' | 'real' = 'virtual'): SuiteResult {
  return {
    schemaVersion: 1,
    suite: 'strategies',
    createdAt: '2026-01-01T00:00:00.000Z',
    environment: { node: 'v20.20.2', platform: 'linux', arch: 'x64', cpus: 2 },
    scenario: {
      profile: 'hosted',
      requests: 100,
      clock,
      timeScale: clock === 'real' ? 0.1 : 1,
      seed: 1,
      iterations: 3,
      transport: 'fetch',
      model: 'gpt-4o-mini',
      provider: { profile: 'hosted', latency: 'uniform:1s..3s', rpm: 500, tpm: 200000, maxInFlight: null, timeScale: clock === 'real' ? 0.1 : 1 },
    },
    rows,
    notes: [],
  };
}
