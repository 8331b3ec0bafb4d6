import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeIo, tempDirs } from './fake-io.ts';
import { main } from '../../src/cli.ts';
import { benchCommand } from '../../src/cli/bench.ts';

const dirs = tempDirs();

describe('benchCommand()', () => {
  const main = benchCommand;
  it.each([
    [['nope'], /^bench: Unknown suite `nope`\. Known suites: .*strategies/],
    [['list'], /^bench: Unknown suite `list` \(`list` is a command of its own: `llm-concurrency-bench list`, or `bench --list`\)\. Known suites: /],
    [['strategies', '--strategies', 'warp-drive'], /^bench: Unknown strategy `warp-drive` for suite `strategies`/],
    [['--profile', 'moon'], /^bench: option '--profile <name>' argument 'moon' is invalid\. Allowed choices are hosted, free-tier, local, ci/],
    [['--latency', 'fast'], /^bench: .*latency/i],
    [['--frobnicate'], /^bench: unknown option '--frobnicate'/],
    [['--concurrency', '4,4'], /^bench: .*--concurrency values must differ/],
    [['strategies', 'parallel', '--strategies', 'batch-pool'], /^bench: Unknown strategy `batch-pool` for suite `parallel`/],
    [['scheduler-overhead', '--strategies', 'abatch'], /^bench: --strategies and --concurrency do not apply to `scheduler-overhead`/],
  ])('%j exits 2 with one line naming the problem', async (argv, message) => {
    const { io, err, out } = fakeIo();
    expect(await main(argv, io)).toBe(2);
    expect(err.join('')).toMatch(message);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(out.join('')).toBe('');
  });

  it('--help prints the help once and exits 0', async () => {
    const { io, out, err } = fakeIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.join('').match(/^Usage: llm-concurrency-bench bench/gm)).toHaveLength(1);
    expect(err.join('')).toBe('');
  });

  it('--list names every suite and its rows', async () => {
    const { io, out } = fakeIo();
    expect(await main(['--list'], io)).toBe(0);
    const text = out.join('');
    for (const suite of ['strategies', 'parallel', 'rate-limits', 'tail-latency', 'sweep', 'mock-overhead', 'scheduler-overhead']) {
      expect(text).toContain(`${suite} — `);
    }
    expect(text).toMatch(/eager-gather\s+eagerGather \(maxConcurrency=10\)/);
  });

  it('runs a small suite end to end, prints a plain table and writes JSON and Markdown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-cli-'));
    dirs.push(dir);
    const { io, out } = fakeIo();
    const code = await main(['strategies', '--requests', '20', '--iterations', '2', '--latency', '1s',
      '--strategies', 'serial,batch-pool,abatch-unbounded,chunked', '--concurrency', '5', '--out', dir], io);
    expect(code).toBe(0);
    const table = out.join('');
    expect(table.includes(String.fromCharCode(27)), "no ANSI codes when not a TTY").toBe(false);
    expect(table).toContain('clock virtual');
    const json = JSON.parse(await readFile(join(dir, 'strategies.json'), 'utf8')) as { schemaVersion: number; rows: Array<{ name: string; makespanMs: { median: number }; idealMs: number; speedup: { median: number } }> };
    expect(json.schemaVersion).toBe(1);
    const byName = Object.fromEntries(json.rows.map((r) => [r.name, r]));
    expect(byName.serial!.makespanMs.median).toBe(20_000);
    expect(byName['batch-pool']!.makespanMs.median).toBe(4_000);
    expect(byName['batch-pool']!.speedup.median).toBe(5);
    expect(byName['abatch-unbounded']!.makespanMs.median).toBe(1_000);
    expect(byName.chunked!.makespanMs.median).toBe(4_000);
    for (const row of json.rows) expect(row.makespanMs.median).toBe(row.idealMs);
    expect(await readFile(join(dir, 'strategies.md'), 'utf8')).toMatch(/^## strategies/);
  });
});

describe('main(): the llm-concurrency-bench commands', () => {
  it('prints the usage with no command and for --help', async () => {
    for (const argv of [[], ['--help']]) {
      const { io, out } = fakeIo();
      expect(await main(argv, io)).toBe(0);
      expect(out.join('')).toMatch(/^Usage: llm-concurrency-bench <command>/);
      expect(out.join('')).toMatch(/bench \[suite\|file\.\.\.\][\s\S]*list[\s\S]*mock/);
    }
  });

  it('prints the package version', async () => {
    const { io, out } = fakeIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(out.join('')).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('rejects an unknown command with one line and exit 2', async () => {
    const { io, out, err } = fakeIo();
    expect(await main(['benchh'], io)).toBe(2);
    expect(err.join('')).toBe('llm-concurrency-bench: unknown command `benchh`. Commands: bench, compare, report, list, mock (see --help).\n');
    expect(out.join('')).toBe('');
  });

  it('list shows the suites and the strategies a row can name', async () => {
    const { io, out } = fakeIo();
    expect(await main(['list'], io)).toBe(0);
    expect(out.join('')).toContain('strategies — ');
    expect(out.join('')).toMatch(/Strategies a row can name:[\s\S]*rateLimited\s+a pool paced by client-side RPM\/TPM token buckets \[maxConcurrency, rpm, tpm\]/);
  });
});
