/** Every numeric flag of `bench` and `mock` at its minimum, its maximum and one step past each: a valid parse or one line naming the range. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main as mockMain } from '../../mocks/cli.ts';
import { UsageError } from '../../src/bench/usage-error.ts';
import { parseBenchArgs, type BenchArgs } from '../../src/cli/args.ts';
import { benchCommand } from '../../src/cli/bench.ts';

interface FlagCase {
  flag: string;
  min: string;
  max: string;
  /** One step below the minimum and above the maximum (null: nothing below, e.g. a duration under 0 is not a duration). */
  below: string | null;
  above: string;
  /** Other flags the flag needs. */
  with?: string[];
}

/** The shared provider flags, parsed by both `bench` and `mock`. */
const PROVIDER_FLAGS: FlagCase[] = [
  { flag: '--rpm', min: '1', max: '1000000000', below: '0', above: '1000000001' },
  { flag: '--tpm', min: '1', max: '1000000000', below: '0', above: '1000000001' },
  { flag: '--max-inflight', min: '1', max: '1000000', below: '0', above: '1000001' },
  { flag: '--error-rate', min: '0', max: '1', below: '-0.001', above: '1.001' },
  { flag: '--seed', min: '0', max: '4294967295', below: '-1', above: '4294967296' },
  { flag: '--latency', min: '0', max: 'ttft=uniform:0..10m,tpot=10m', below: null, above: 'uniform:1s..600001ms' },
];

const BENCH_FLAGS: FlagCase[] = [
  { flag: '--requests', min: '1', max: '1000000', below: '0', above: '1000001' },
  { flag: '--iterations', min: '1', max: '1000', below: '0', above: '1001' },
  { flag: '--concurrency', min: '1', max: '1000000', below: '0', above: '1000001' },
  { flag: '--time-scale', min: '0.001', max: '10', below: '0.0009', above: '10.001', with: ['--clock', 'real'] },
  { flag: '--max-requests', min: '1', max: '1000000000', below: '0', above: '1000000001' },
  ...PROVIDER_FLAGS,
];

/** Where a flag's value lands in {@link BenchArgs}. */
const parsedValue = (args: BenchArgs, flag: string): unknown =>
  ({
    '--requests': args.requests, '--iterations': args.iterations, '--concurrency': args.concurrency?.[0], '--time-scale': args.timeScale,
    '--rpm': args.provider.rpm, '--tpm': args.provider.tpm, '--max-inflight': args.provider.maxInFlight, '--error-rate': args.provider.errorRate,
    '--seed': args.seed, '--latency': args.provider.latency, '--max-requests': args.maxRequests,
  })[flag];

const expected = (flag: string, value: string): unknown => (flag === '--latency' ? value : Number(value));

const outOfRange = (c: FlagCase): Array<[string, string]> => [...(c.below === null ? [] : [['below', c.below] as [string, string]]), ['above', c.above]];

describe('bench: every numeric flag is bounded', () => {
  it.each(BENCH_FLAGS.flatMap((c) => [['min', c.min], ['max', c.max]].map(([end, value]) => [c.flag, end, value, c] as const)))(
    '%s at its %s (%s) parses', (flag, _end, value, c) => {
      const parsed = parseBenchArgs([flag, value!, ...(c.with ?? [])]);
      expect('help' in parsed).toBe(false);
      expect(parsedValue(parsed as BenchArgs, flag)).toEqual(expected(flag, value!));
    });

  it.each(BENCH_FLAGS.flatMap((c) => outOfRange(c).map(([end, value]) => [c.flag, end, value, c] as const)))(
    '%s one step %s its range (%s) is a one-line UsageError', (flag, _end, value, c) => {
      let error: unknown;
      try {
        parseBenchArgs([flag, value, ...(c.with ?? [])]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain(flag === '--latency' ? 'Expected each duration in `--latency` to be at most 10m' : `Expected \`${flag}\` to be`);
    });
});

describe('mock: every numeric flag is bounded', () => {
  const MOCK_FLAGS: FlagCase[] = [{ flag: '--port', min: '0', max: '65535', below: '-1', above: '65536' }, ...PROVIDER_FLAGS];

  /** Runs the mock command in-process; stops a server it starts and removes its signal handlers. */
  async function runMock(argv: string[]): Promise<{ result: unknown; stderr: string }> {
    const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    const errors: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (errors.push(String(chunk)), true));
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const result = await mockMain(argv);
      if (typeof result === 'object') await result.close();
      return { result, stderr: errors.join('') };
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
      for (const name of ['SIGINT', 'SIGTERM'] as const) {
        for (const listener of process.listeners(name)) if (!before[name].includes(listener)) process.off(name, listener);
      }
    }
  }

  it.each(MOCK_FLAGS.flatMap((c) => [['min', c.min], ['max', c.max]].map(([end, value]) => [c.flag, end, value] as const)))(
    '%s at its %s (%s) is accepted', async (flag, _end, value) => {
      const { result, stderr } = await runMock(flag === '--port' ? [flag, value!] : ['--port', '0', flag, value!]);
      // A server (or, for a fixed port, possibly "address in use": 1), never a usage error.
      expect(result).not.toBe(2);
      if (typeof result === 'object') expect(stderr).toBe('');
    });

  it.each(MOCK_FLAGS.flatMap((c) => outOfRange(c).map(([end, value]) => [c.flag, end, value] as const)))(
    '%s one step %s its range (%s) exits 2 with one line', async (flag, _end, value) => {
      const { result, stderr } = await runMock(['--port', '0', flag, value]);
      expect(result).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^mock: option '.+' argument '.+' is invalid\. Expected /);
    });
});

describe('bench end to end at the largest seed', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('--seed 4294967295 --iterations 3 --requests 5 runs and exits 0 (seed + iteration stays exact)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-seed-'));
    dirs.push(dir);
    const out: string[] = [];
    const err: string[] = [];
    const stream = (sink: string[]) => ({ isTTY: false, write: (s: string) => (sink.push(s), true) }) as unknown as NodeJS.WriteStream;
    const code = await benchCommand(['--seed', '4294967295', '--iterations', '3', '--requests', '5', '--out', dir], { stdout: stream(out), stderr: stream(err), env: {} });
    expect(err.join('')).toMatch(/^results written to /);
    expect(code).toBe(0);
    expect(out.join('')).toContain('seed 4294967295');
  });
});
