import { describe, expect, it } from 'vitest';
import { createRng, percentile, sortSamples } from '../../src/core/index.ts';
import { meanOf, sample } from '../../mocks/engine/distribution.ts';
import { drawLatency, scalePlan, tokenOffset } from '../../mocks/engine/latency-model.ts';
import { parseLatencySpec } from '../../mocks/spec/latency-spec.ts';
import { loadMultiplier } from '../../mocks/engine/load-model.ts';

describe('sample()', () => {
  it('lognormal (median 1 s, p99 3 s): 2,000 seeded samples have median within 5 % and p99 within 10 %', () => {
    const spec = parseLatencySpec('lognormal:median=1s,p99=3s');
    const rng = createRng(1);
    const samples = Array.from({ length: 2000 }, () => sample(spec as Exclude<typeof spec, { kind: 'tokens' }>, rng));
    const sorted = sortSamples(samples);
    const median = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    expect(Math.abs(median - 1000) / 1000, `median ${median}`).toBeLessThan(0.05);
    expect(Math.abs(p99 - 3000) / 3000, `p99 ${p99}`).toBeLessThan(0.1);
  });

  it('uniform stays within its bounds and exponential has about the right mean', () => {
    const rng = createRng(7);
    const uniform = Array.from({ length: 2000 }, () => sample({ kind: 'uniform', min: 1000, max: 3000 }, rng));
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...uniform)).toBeLessThan(3000);
    const expo = Array.from({ length: 4000 }, () => sample({ kind: 'exponential', mean: 500 }, rng));
    const mean = expo.reduce((a, b) => a + b, 0) / expo.length;
    expect(Math.abs(mean - 500) / 500).toBeLessThan(0.06);
  });

  it('normal never goes below 0', () => {
    const rng = createRng(3);
    for (let i = 0; i < 1000; i++) expect(sample({ kind: 'normal', mean: 10, sd: 50 }, rng)).toBeGreaterThanOrEqual(0);
  });

  it('is a pure function of the generator state (same seed, same draws)', () => {
    const a = createRng(42, 'x');
    const b = createRng(42, 'x');
    const d = { kind: 'lognormal', median: 800, p99: 3000 } as const;
    expect(Array.from({ length: 5 }, () => sample(d, a))).toEqual(Array.from({ length: 5 }, () => sample(d, b)));
  });
});

describe('meanOf()', () => {
  it('gives the analytical means', () => {
    expect(meanOf({ kind: 'uniform', min: 1000, max: 3000 })).toBe(2000);
    expect(meanOf({ kind: 'constant', value: 5 })).toBe(5);
    // lognormal mean = median * exp(sigma^2 / 2)
    const sigma = Math.log(3) / 2.3263478740408408;
    expect(meanOf({ kind: 'lognormal', median: 1000, p99: 3000 })).toBeCloseTo(1000 * Math.exp((sigma * sigma) / 2), 9);
  });
});

describe('drawLatency()', () => {
  it('token-based: total = ttft + (n − 1) × tpot', () => {
    const plan = drawLatency(parseLatencySpec('ttft=300ms,tpot=20ms'), createRng(1), 101);
    expect(plan).toEqual({ ttftMs: 300, tpotMs: 20, totalMs: 2300 });
    expect(tokenOffset(plan, 100)).toBe(2300);
  });

  it('whole-request latency is spread evenly over the tokens and ends at the drawn total', () => {
    const plan = drawLatency(parseLatencySpec('2s'), createRng(1), 4);
    expect(plan).toEqual({ ttftMs: 500, tpotMs: 500, totalMs: 2000 });
    expect(tokenOffset(plan, 3)).toBe(plan.totalMs);
  });

  it('with no output tokens (embeddings) the whole latency is the first-token time', () => {
    expect(drawLatency(parseLatencySpec('ttft=300ms,tpot=20ms'), createRng(1), 0)).toEqual({ ttftMs: 300, tpotMs: 0, totalMs: 300 });
    expect(drawLatency(parseLatencySpec('1s'), createRng(1), 0)).toEqual({ ttftMs: 1000, tpotMs: 0, totalMs: 1000 });
  });

  it('scalePlan() multiplies every part', () => {
    expect(scalePlan({ ttftMs: 300, tpotMs: 20, totalMs: 2300 }, 3)).toEqual({ ttftMs: 900, tpotMs: 60, totalMs: 6900 });
  });
});

describe('loadMultiplier()', () => {
  const model = { capacity: 4, factor: 3 };

  it('is 1 for one running request and F at running = capacity', () => {
    expect(loadMultiplier(1, model)).toBe(1);
    expect(loadMultiplier(4, model)).toBe(3);
    expect(loadMultiplier(4, model) * 1000).toBe(3 * 1000);
  });

  it('grows linearly in between and is capped at capacity', () => {
    expect(loadMultiplier(2, model)).toBeCloseTo(1 + 2 / 3, 12);
    expect(loadMultiplier(3, model)).toBeCloseTo(1 + 4 / 3, 12);
    expect(loadMultiplier(10, model)).toBe(3);
  });

  it('is always 1 with capacity 1 (no sharing)', () => {
    expect(loadMultiplier(1, { capacity: 1, factor: 5 })).toBe(1);
  });
});
