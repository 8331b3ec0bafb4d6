/** The priority suite: the high-priority completion time, and the single priority pool against the tutorial's two phases. */
import { describe, expect, it } from 'vitest';
import suite from '../../benchmarks/priority.ts';
import { defineSuite } from '../../src/bench/suite.ts';
import { runSuite } from '../../src/bench/run-suite.ts';

describe('priority suite', () => {
  it('with a fixed latency, the priority pool finishes the high-priority inputs no later than two phases, and everything sooner', async () => {
    // 50 inputs, 10 high priority, 3 slots, 1 s each: two phases take ⌈10/3⌉ + ⌈40/3⌉ = 4 + 14 = 18 rounds;
    // one pool takes ⌈50/3⌉ = 17, its high-priority inputs done after 4 rounds like two phases'.
    const fixed = defineSuite({
      ...suite,
      provider: { latency: '1s', rpm: null, tpm: null },
      rows: suite.rows.map((r) => ({ ...r, options: { ...r.options, maxConcurrency: 3 } })),
    });
    const result = await runSuite(fixed, { requests: 50, iterations: 1 });
    const row = (name: string) => result.rows.find((r) => r.name === name)!;
    const twoPhase = row('two-phase');
    const pool = row('priority-pool');
    const fifo = row('fifo');
    expect(twoPhase.makespanMs.median).toBeCloseTo(18_000, 0);
    expect(pool.makespanMs.median).toBeCloseTo(17_000, 0);
    expect(pool.highPriority!.completionMs).toBeLessThanOrEqual(twoPhase.highPriority!.completionMs);
    expect(pool.highPriority!.completionMs).toBeCloseTo(4_000, 0);
    expect(pool.highPriority!.idealMs).toBeCloseTo(4_000, 0);
    // FIFO reaches the last high-priority input (index 49) only in the last round.
    expect(fifo.highPriority!.completionMs).toBeCloseTo(17_000, 0);
    for (const r of result.rows) expect(r.counts.errors).toBe(0);
  }, 30_000);

  it('marks the same inputs the metric counts (every 5th)', async () => {
    const result = await runSuite(suite, { requests: 20, iterations: 1 });
    for (const r of result.rows) expect(r.highPriority).toBeDefined();
    expect(result.notes).toHaveLength(3);
  }, 30_000);

  it('rejects highShare in a suite whose priorityOf marks the inputs', () => {
    expect(() => defineSuite({ ...suite, rows: [{ name: 'p', strategy: 'priority', options: { highShare: 0.5 } }] })).toThrow(/highShare/);
  });
});
