import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeIo, tempDirs } from './fake-io.ts';
import { benchCommand } from '../../src/cli/bench.ts';
import type { SuiteResult } from '../../src/bench/results.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { calls } from './fixtures/counting.bench.ts';

const COUNTING = fileURLToPath(new URL('./fixtures/counting.bench.ts', import.meta.url));

const dirs = tempDirs();
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-out-'));
  dirs.push(dir);
  return dir;
};

describe('bench --out', () => {
  it.each([
    ['a path under a file', '/dev/null/x'],
    ['a special filesystem that cannot hold it', '/sys/x'],
    ['a path under /proc', '/proc/x'],
    ['an empty string', ''],
  ])('rejects %s before any request: one line, exit 2', async (_what, out) => {
    calls.count = 0;
    const { io, out: stdout, err } = fakeIo();
    const started = performance.now();
    expect(await benchCommand([COUNTING, '--out', out], io)).toBe(2);
    expect(performance.now() - started, 'returns promptly (wide margin)').toBeLessThan(2_000);
    expect(calls.count, 'requests sent').toBe(0);
    expect(err.join('')).toMatch(/^bench: (Failed to use --out `.*` for results: [a-z][^.]*\([A-Z]+\)\. Please choose a folder you can write to\.|--out must name a folder, got an empty string\.)\n$/);
    expect(stdout.join('')).toBe('');
  });

  it('rejects an existing file the same way', async () => {
    const file = join(await tempDir(), 'a-file');
    await writeFile(file, 'x');
    calls.count = 0;
    const { io, err } = fakeIo();
    expect(await benchCommand([COUNTING, '--out', file], io)).toBe(2);
    expect(calls.count).toBe(0);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
  });

  it('is checked before the run is estimated: a bad folder is reported, not an over-budget run', async () => {
    const { io, err } = fakeIo();
    expect(await benchCommand([COUNTING, '--max-requests', '1', '--out', '/dev/null/x'], io)).toBe(2);
    expect(err.join('')).toMatch(/^bench: Failed to use --out `\/dev\/null\/x`/);
  });

  it('creates missing folders', async () => {
    const dir = join(await tempDir(), 'a', 'b');
    const { io } = fakeIo();
    expect(await benchCommand([COUNTING, '--latency', '1s', '--out', dir], io)).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'counting.json'), 'utf8'))).toMatchObject({ suite: 'counting' });
  });
});

describe('an interrupted run', () => {
  it('leaves a complete earlier result byte-identical and writes a matching partial pair beside it', async () => {
    const dir = await tempDir();
    const first = fakeIo();
    expect(await benchCommand([COUNTING, '--latency', '1s', '--out', dir], first.io)).toBe(0);
    const json = await readFile(join(dir, 'counting.json'), 'utf8');
    const markdown = await readFile(join(dir, 'counting.md'), 'utf8');

    // A real-clock run whose first row takes 10 × 300 ms; Ctrl-C after 200 ms.
    const second = fakeIo();
    const interrupt = setTimeout(() => process.emit('SIGINT'), 200);
    const code = await benchCommand([COUNTING, '--clock', 'real', '--latency', '300ms', '--out', dir], second.io);
    clearTimeout(interrupt);
    expect(code).toBe(130);
    expect(await readFile(join(dir, 'counting.json'), 'utf8')).toBe(json);
    expect(await readFile(join(dir, 'counting.md'), 'utf8')).toBe(markdown);
    const partial = JSON.parse(await readFile(join(dir, 'counting.partial.json'), 'utf8')) as SuiteResult;
    expect(partial).toMatchObject({ partial: true, rows: [] });
    expect(await readFile(join(dir, 'counting.partial.md'), 'utf8')).toBe(renderMarkdown(partial));
    expect(second.err.join('')).toContain('interrupted: the finished rows are in');
  });
});

describe('a write that fails after the run', () => {
  it('still prints the results, names the file in one line, saves them elsewhere and exits 1', async () => {
    const out = join(await tempDir(), 'results');
    process.env.SABOTAGE_OUT = out;
    const { io, out: stdout, err } = fakeIo();
    const code = await benchCommand([fileURLToPath(new URL('./fixtures/sabotage.bench.ts', import.meta.url)), '--out', out], io);
    delete process.env.SABOTAGE_OUT;
    expect(code).toBe(1);
    expect(stdout.join('')).toContain('42');
    const line = err.join('');
    expect(line).toMatch(new RegExp(`^bench: Failed to write ${out}/sabotage\\.json: .*; the results are saved in (\\S+)/ instead\\.\\n$`));
    const fallback = /saved in (\S+)\/ instead/.exec(line)![1]!;
    dirs.push(fallback);
    expect(JSON.parse(await readFile(join(fallback, 'sabotage.json'), 'utf8'))).toMatchObject({ suite: 'sabotage', figure: 42 });
    expect(await readFile(join(fallback, 'sabotage.md'), 'utf8')).toContain('42');
  });
});
