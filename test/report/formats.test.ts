import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { CSV_COLUMNS } from '../../src/report/csv.ts';

/**
 * The github-action-benchmark custom tools (`customBiggerIsBetter`, `customSmallerIsBetter`)
 * read a JSON array of objects with a string `name`, a string `unit`, a number `value`, and
 * optionally a string `range` (the spread) and a string `extra` (tooltip text). The fixture
 * is an example of that shape; this validator is written from the same description.
 */
function gabProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return ['not an array'];
  const problems: string[] = [];
  value.forEach((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`[${i}] not an object`);
      return;
    }
    const e = entry as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name === '') problems.push(`[${i}].name not a non-empty string`);
    if (typeof e.unit !== 'string') problems.push(`[${i}].unit not a string`);
    if (typeof e.value !== 'number' || !Number.isFinite(e.value)) problems.push(`[${i}].value not a finite number`);
    if ('range' in e && typeof e.range !== 'string') problems.push(`[${i}].range not a string`);
    if ('extra' in e && typeof e.extra !== 'string') problems.push(`[${i}].extra not a string`);
    for (const key of Object.keys(e)) if (!['name', 'unit', 'value', 'range', 'extra'].includes(key)) problems.push(`[${i}].${key} not a documented field`);
  });
  return problems;
}

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) => ({ isTTY: false, write: (s: string) => (sink.push(s), true) }) as unknown as NodeJS.WriteStream;
  return { io: { stdout: stream(out), stderr: stream(err), env: {} }, out, err };
}

const small = ['strategies', '--requests', '20', '--iterations', '2', '--latency', 'uniform:1s..2s', '--strategies', 'serial,batch-pool,abatch-unbounded', '--no-progress'];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'formats-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the github-action-benchmark validator', () => {
  it('accepts the documented shape', async () => {
    const fixture = JSON.parse(await readFile(new URL('./fixtures/github-action-benchmark-custom.json', import.meta.url), 'utf8')) as unknown;
    expect(gabProblems(fixture)).toEqual([]);
  });

  it.each<[unknown, string]>([
    [{ name: 'x', unit: 'ms', value: 1 }, 'not an array'],
    [[{ unit: 'ms', value: 1 }], '[0].name not a non-empty string'],
    [[{ name: 'x', value: 1 }], '[0].unit not a string'],
    [[{ name: 'x', unit: 'ms', value: '1' }], '[0].value not a finite number'],
    [[{ name: 'x', unit: 'ms', value: 1, range: 3 }], '[0].range not a string'],
    [[{ name: 'x', unit: 'ms', value: 1, os: 'linux' }], '[0].os not a documented field'],
  ])('rejects %j', (value, problem) => {
    expect(gabProblems(value)).toContain(problem);
  });
});

describe('bench --format github-action-benchmark', () => {
  it('prints both lists and writes the two files, each of the documented shape and one direction', async () => {
    const { io, out } = fakeIo();
    const outDir = join(dir, 'gab');
    expect(await main(['bench', ...small, '--format', 'github-action-benchmark', '--out', outDir], io)).toBe(0);
    const printed = JSON.parse(out.join('')) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['customBiggerIsBetter', 'customSmallerIsBetter']);
    const bigger = JSON.parse(await readFile(join(outDir, 'strategies.gab-bigger.json'), 'utf8')) as Array<{ name: string; unit: string; value: number }>;
    const smaller = JSON.parse(await readFile(join(outDir, 'strategies.gab-smaller.json'), 'utf8')) as Array<{ name: string; unit: string; value: number }>;
    expect(printed.customBiggerIsBetter).toEqual(bigger);
    expect(printed.customSmallerIsBetter).toEqual(smaller);
    for (const file of [bigger, smaller]) {
      expect(gabProblems(file)).toEqual([]);
      expect(new Set(file.map((e) => e.name)).size).toBe(file.length);
    }
    expect(bigger.map((e) => `${e.name} [${e.unit}]`)).toEqual([
      'strategies/serial speedup [x]', 'strategies/serial throughput [req/s]',
      'strategies/batch-pool speedup [x]', 'strategies/batch-pool throughput [req/s]',
      'strategies/abatch-unbounded speedup [x]', 'strategies/abatch-unbounded throughput [req/s]',
    ]);
    expect(smaller.map((e) => `${e.name} [${e.unit}]`)).toEqual([
      'strategies/serial makespan [ms]', 'strategies/serial latency p99 [ms]',
      'strategies/batch-pool makespan [ms]', 'strategies/batch-pool latency p99 [ms]',
      'strategies/abatch-unbounded makespan [ms]', 'strategies/abatch-unbounded latency p99 [ms]',
    ]);
    const results = JSON.parse(await readFile(join(outDir, 'strategies.json'), 'utf8')) as { rows: Array<{ makespanMs: { median: number } }> };
    expect(smaller[2]!.value).toBeCloseTo(results.rows[1]!.makespanMs.median, 3);
  });
});

describe('bench --format csv', () => {
  it('prints one line per row with raw numbers and writes <suite>.csv', async () => {
    const { io, out } = fakeIo();
    const outDir = join(dir, 'csv');
    expect(await main(['bench', ...small, '--format', 'csv', '--out', outDir], io)).toBe(0);
    const lines = out.join('').trim().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.split(',').length)).toEqual([CSV_COLUMNS.length, CSV_COLUMNS.length, CSV_COLUMNS.length, CSV_COLUMNS.length]);
    expect(lines[3]).toMatch(/^abatch-unbounded,abatch,,/);
    expect((await readFile(join(outDir, 'strategies.csv'), 'utf8')).trim()).toBe(out.join('').trim());
  });
});
