import { describe, expect, it } from 'vitest';
import { planRows } from '../../src/bench/plan-rows.ts';
import type { RowDefinition } from '../../src/bench/suite.ts';
import { UsageError } from '../../src/bench/usage-error.ts';

const rows: RowDefinition[] = [
  { name: 'serial', strategy: 'serial' },
  { name: 'batch-default', strategy: 'batch' },
  { name: 'batch-pool', strategy: 'batch', options: { maxConcurrency: 10 } },
  { name: 'abatch-unbounded', strategy: 'abatch', options: { maxConcurrency: null } },
  { name: 'chunked', strategy: 'chunked', options: { batchSize: 10 } },
];

describe('planRows()', () => {
  it('keeps every row as defined without options', () => {
    expect(planRows('s', rows).map((p) => p.name)).toEqual(rows.map((r) => r.name));
  });

  it('one --concurrency value overrides limited rows in place, without renaming', () => {
    const plans = planRows('s', rows, { concurrency: [5] });
    expect(plans.map((p) => [p.name, p.options.maxConcurrency ?? p.options.batchSize ?? 'default'])).toEqual([
      ['serial', 'default'],
      ['batch-default', 'default'],
      ['batch-pool', 5],
      ['abatch-unbounded', 'default'],
      ['chunked', 5],
    ]);
  });

  it('several values run each limited row once per value as name@N', () => {
    const names = planRows('s', rows, { concurrency: [2, 4] }).map((p) => p.name);
    expect(names).toEqual(['serial', 'batch-default', 'batch-pool@2', 'batch-pool@4', 'abatch-unbounded', 'chunked@2', 'chunked@4']);
  });

  it('the suite sweep expands unless --concurrency is given', () => {
    expect(planRows('s', [rows[2]!], { sweep: [1, 2] }).map((p) => p.name)).toEqual(['batch-pool@1', 'batch-pool@2']);
    expect(planRows('s', [rows[2]!], { sweep: [1, 2], concurrency: [8] }).map((p) => p.name)).toEqual(['batch-pool']);
  });

  it('--strategies filters by row or strategy name and rejects unknown names', () => {
    expect(planRows('s', rows, { strategies: ['batch'] }).map((p) => p.name)).toEqual(['batch-default', 'batch-pool']);
    expect(planRows('s', rows, { strategies: ['chunked', 'serial'] }).map((p) => p.name)).toEqual(['serial', 'chunked']);
    expect(() => planRows('s', rows, { strategies: ['nope'] })).toThrow(UsageError);
    expect(() => planRows('s', rows, { strategies: ['nope'] })).toThrow(/Unknown strategy `nope` for suite `s`/);
  });
});
