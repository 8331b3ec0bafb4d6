import { describe, expect, it } from 'vitest';
import { defineSuite } from '../../src/bench/suite.ts';
import { runSuite } from '../../src/bench/run-suite.ts';

const small = defineSuite({
  name: 'small',
  description: 'a tiny suite for tests',
  requests: 30,
  profile: 'hosted', // uniform 1–3 s
  iterations: 2,
  rows: [
    { name: 'serial', strategy: 'serial' },
    { name: 'pool', strategy: 'abatch', options: { maxConcurrency: 5 } },
    { name: 'prio', strategy: 'priority', options: { maxConcurrency: 5, highShare: 0.3 } },
    { name: 'chunks', strategy: 'chunked', options: { batchSize: 10, maxConcurrency: 3 } },
    { name: 'streamed', strategy: 'batchAsCompleted', options: { maxConcurrency: 5 } },
    { name: 'adaptive', strategy: 'adaptive', options: { maxConcurrency: 8 } },
  ],
});

describe('runSuite()', () => {
  it('under the virtual clock every row meets its ideal exactly, priority and inner limits included', async () => {
    const result = await runSuite(small);
    const byName = Object.fromEntries(result.rows.map((r) => [r.name, r]));
    for (const name of ['serial', 'pool', 'prio', 'chunks', 'streamed']) {
      expect(byName[name]!.makespanMs.median, name).toBeCloseTo(byName[name]!.idealMs, 6);
      expect(byName[name]!.efficiency, name).toBeCloseTo(1, 9);
    }
    expect(byName.chunks!.concurrency, 'chunked shows its inner limit').toBe(3);
    expect(byName.chunks!.peakInFlight).toBe(3);
    expect(byName.streamed!.timeToFirstResultMs).toBeLessThan(byName.pool!.timeToFirstResultMs);
    expect(byName.pool!.timeToFirstResultMs, 'arrays arrive all at once').toBe(byName.pool!.makespanMs.median);
    expect(byName.adaptive!.limitHistory?.length).toBeGreaterThan(0);
    expect(byName.serial!.speedup?.median).toBe(1);
    expect(byName.pool!.speedup!.median).toBeGreaterThan(4);
  });

  it('keeps only rows that finished every iteration when interrupted', async () => {
    const controller = new AbortController();
    const result = await runSuite(small, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.row === 'pool' && p.iteration === 1) controller.abort();
      },
    });
    expect(result.partial).toBe(true);
    expect(result.rows.map((r) => r.name)).toEqual(['serial']);
    expect(result.notes).toContain('interrupted: only the rows above finished.');
  });

  it('zero latency gives zero makespans without failing the statistics', async () => {
    const result = await runSuite(small, { provider: { latency: '0ms' }, strategies: ['serial', 'pool'] });
    for (const row of result.rows) {
      expect(row.makespanMs.median).toBe(0);
      expect(row.speedup).toBeNull();
      expect(row.efficiency).toBe(1);
    }
  });

  it('turns a failing analysis into a note instead of losing the run', async () => {
    const suite = defineSuite({ ...small, name: 'broken', rows: [small.rows[1]!], analyze: () => { throw new Error('nope'); } });
    const result = await runSuite(suite, { iterations: 1 });
    expect(result.rows).toHaveLength(1);
    expect(result.notes).toContain('analysis failed: nope');
  });

  it('counts the client-side peak, 429s included, and costs only served requests', async () => {
    const suite = defineSuite({ ...small, name: 'limited', provider: { rpm: 10 }, rows: [{ name: 'burst', strategy: 'abatch', options: { maxConcurrency: null } }] });
    const result = await runSuite(suite, { iterations: 1 });
    const row = result.rows[0]!;
    expect(row.peakInFlight, 'all 30 were fired at once').toBe(30);
    expect(row.counts).toMatchObject({ requests: 30, ok: 10, rateLimited: 20, errors: 20, wasted: 20 });
    expect(row.speedup).toBeNull();
    expect(row.efficiency).toBeNull();
    const perToken = row.costUsd! / (row.tokens.prompt * 0.15 + row.tokens.completion * 0.6);
    expect(perToken, 'cost from served tokens only').toBeCloseTo(1 / 1_000_000, 12);
  });
});

describe('runSuite() and a suite\'s analysis', () => {
  const rows = [{ name: 'serial', strategy: 'serial' as const }];
  it('keeps a run interrupted during its analysis as partial, with a note, not as complete', async () => {
    const controller = new AbortController();
    const suite = defineSuite({
      name: 'analysed', description: 'an analysis that is interrupted', requests: 3, iterations: 1, rows,
      analyze: (_result, { signal }) => {
        controller.abort(new DOMException('Interrupted by the user', 'AbortError'));
        signal.throwIfAborted();
        return ['never'];
      },
    });
    const result = await runSuite(suite, { signal: controller.signal });
    expect(result.rows).toHaveLength(1);
    expect(result.partial).toBe(true);
    expect(result.notes).toEqual(['interrupted during the analysis: its notes are missing.']);
  });
});
