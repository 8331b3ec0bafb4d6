/** The document-processor suite: deterministic rows, every input accounted for, the barrier and the chunk-progress lag. */
import { describe, expect, it } from 'vitest';
import suite from '../../benchmarks/document-processor.ts';
import { runSuite } from '../../src/bench/run-suite.ts';
import { toJson } from '../../src/bench/results.ts';

describe('document-processor suite', () => {
  it('gives byte-identical rows on a rerun (virtual clock), with every input accounted for', async () => {
    const first = await runSuite(suite, { requests: 300, iterations: 1 });
    const second = await runSuite(suite, { requests: 300, iterations: 1 });
    expect(toJson(second.rows)).toBe(toJson(first.rows));
    expect(second.notes).toEqual(first.notes);
    for (const row of first.rows) expect(row.counts.ok + row.counts.errors).toBe(300);
    expect(first.notes.filter((n) => n.includes('every input accounted for'))).toHaveLength(first.rows.length);
    expect(first.notes.some((n) => n.startsWith('check failed'))).toBe(false);
    // The provider injects faults, and the retries absorb them.
    expect(first.rows.every((r) => r.counts.retries > 0)).toBe(true);
  }, 30_000);

  it('reports the barrier cost and how stale chunk progress is', async () => {
    const result = await runSuite(suite, { requests: 300, iterations: 1 });
    const chunkedRow = result.rows.find((r) => r.name === 'tutorial-chunked')!;
    const pool = result.rows.find((r) => r.name === 'sliding-pool')!;
    expect(chunkedRow.makespanMs.median).toBeGreaterThan(pool.makespanMs.median);
    expect(chunkedRow.chunkProgress).toBeDefined();
    expect(chunkedRow.chunkProgress!.lagMeanMs).toBeGreaterThan(0);
    expect(chunkedRow.chunkProgress!.lagMaxMs).toBeGreaterThanOrEqual(chunkedRow.chunkProgress!.lagMeanMs);
    expect(pool.chunkProgress).toBeUndefined();
    expect(result.notes.some((n) => n.startsWith('barrier cost at 20:'))).toBe(true);
  }, 30_000);
});
