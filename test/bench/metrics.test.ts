import { describe, expect, it } from 'vitest';
import { aggregateRow, expectedMakespan, idealMakespan, measureIteration, type IterationObservation } from '../../src/bench/metrics.ts';

const trace = (wantedAt: number, start: number, end: number, ok = true) => ({ wantedAt, start, end, ok });

function observation(overrides: Partial<IterationObservation> = {}): IterationObservation {
  return {
    startedAt: 1000,
    endedAt: 4000,
    firstResultAt: null,
    traces: [trace(1000, 1000, 2000), trace(1000, 1000, 3000), trace(1000, 2000, 4000), trace(1000, 3000, 3500, false)],
    requests: { requests: 4, ok: 3, rateLimited: 1, okPromptTokens: 60, okCompletionTokens: 18 },
    tokenCosts: [1, 1, 1, 1],
    requestsPerInput: 1,
    peakInFlight: 2,
    retries: 0,
    errors: 1,
    policy: { kind: 'pool', slots: 2 },
    limits: null,
    costUsd: 0.5,
    ...overrides,
  };
}

describe('metrics', () => {
  it('measureIteration() computes makespan, latency from wanted time, service, counts and tokens', () => {
    const m = measureIteration(observation());
    expect(m.makespanMs, 'makespan').toBe(3000);
    expect(m.latencies, 'latency includes queue wait').toEqual([1000, 2000, 3000, 2500]);
    expect(m.services, 'service of successful final attempts').toEqual([1000, 2000, 2000]);
    expect(m.timeToFirstResultMs, 'all results at once: at the end').toBe(3000);
    expect(measureIteration(observation({ firstResultAt: 2000 })).timeToFirstResultMs, 'streamed').toBe(1000);
    // the failed input is costed at the mean service time, 1666.7: 0–1000, 0–2000, 1000–3000, 2000–3666.7
    expect(m.idealMs, 'list schedule of 1000, 2000, 2000, 1666.7 on 2 slots').toBeCloseTo(3666.67, 1);
    expect(m.expectedMs, 'ceil(4/2) × mean 1666.7').toBeCloseTo(3333.33, 1);
    expect({ ok: m.ok, rateLimited: m.rateLimited, errors: m.errors, requests: m.requests }).toEqual({ ok: 3, rateLimited: 1, errors: 1, requests: 4 });
    expect({ p: m.promptTokens, c: m.completionTokens }).toEqual({ p: 60, c: 18 });
    expect(m.peakInFlight).toBe(2);
  });

  it('idealMakespan() is bounded by rate limits', () => {
    const services = Array<number>(100).fill(1000);
    expect(idealMakespan({ kind: 'pool', slots: Number.POSITIVE_INFINITY }, services, Array<number>(100).fill(1), null)).toBe(1000);
    expect(idealMakespan({ kind: 'pool', slots: Number.POSITIVE_INFINITY }, services, Array<number>(100).fill(1), { rpm: 60 })).toBe(41_000);
    expect(idealMakespan({ kind: 'serial' }, [1, 2, 3], [0, 0, 0], null)).toBe(6);
    expect(idealMakespan({ kind: 'chunked', batchSize: 2, innerSlots: Number.POSITIVE_INFINITY }, [1, 3, 2, 2, 5], [0, 0, 0, 0, 0], null)).toBe(10);
  });

  it('expectedMakespan() follows the tutorial formulas', () => {
    expect(expectedMakespan({ kind: 'serial' }, 100, 2000, 0, null)).toBe(200_000);
    expect(expectedMakespan({ kind: 'pool', slots: 10 }, 100, 2000, 0, null)).toBe(20_000);
    expect(expectedMakespan({ kind: 'chunked', batchSize: 10, innerSlots: Number.POSITIVE_INFINITY }, 100, 2000, 0, null)).toBe(20_000);
  });

  it('aggregateRow() pairs speedups with serial per iteration and means the counts', () => {
    const a = measureIteration(observation());
    const b = measureIteration(observation({ endedAt: 5000, retries: 2 }));
    const row = aggregateRow([a, b], [9000, 12_000], 1);
    expect(row.makespanMs.median).toBe(3500);
    expect(row.makespanMs.samples).toEqual([3000, 4000]);
    expect(row.speedup, 'undefined when an input failed').toBeNull();
    expect(row.counts.retries).toBe(1);
    expect(row.counts.ok + row.counts.errors).toBe(4);
    expect(row.efficiency, 'undefined when an input failed').toBeNull();
    expect(row.counts.wasted, 'the 429').toBe(1);
    const clean = measureIteration(observation({ errors: 0, traces: observation().traces.slice(0, 3) }));
    expect(aggregateRow([clean], null, 1).efficiency).toBeCloseTo(3000 / 3000, 12);
    const paired = aggregateRow([clean, clean], [9000, 12_000], 1);
    expect(paired.speedup?.median, 'median of 9/3 and 12/3').toBe(3.5);
    expect(paired.speedup?.ci95[0]).toBeGreaterThanOrEqual(3);
    expect(paired.speedup?.ci95[1]).toBeLessThanOrEqual(4);
    expect(row.throughput.requestsPerSec, 'median of 3/3 s and 3/4 s').toBeCloseTo((1 + 0.75) / 2, 12);
    expect(row.latencyMs.p50).toBe(2250);
    expect(row.costUsd).toBe(0.5);
    expect(aggregateRow([a], null, 1).speedup).toBeNull();
  });
});
