import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/bench/usage-error.ts';
import { parseBenchArgs, type BenchArgs } from '../../src/cli/args.ts';

const parse = (...argv: string[]): BenchArgs => {
  const parsed = parseBenchArgs(argv);
  if ('help' in parsed) throw new Error('unexpected help');
  return parsed;
};

describe('parseBenchArgs()', () => {
  it('defaults: no suite named (the command runs strategies), virtual clock, fetch transport, table, results/', () => {
    expect(parse()).toMatchObject({
      suites: [], files: [], seed: 1, clock: 'virtual', transport: 'fetch', format: 'table', out: 'results',
      progress: true, color: true, list: false, provider: {},
    });
  });

  it('tells suite files from suite names', () => {
    expect(parse('strategies', './my.bench.ts', 'suites/other.mjs', 'x.js')).toMatchObject({
      suites: ['strategies'], files: ['./my.bench.ts', 'suites/other.mjs', 'x.js'],
    });
  });

  it('parses every documented option', () => {
    const a = parse('rate-limits', 'sweep', '--requests', '20', '--concurrency', '4,8', '--strategies', 'serial,abatch',
      '--iterations', '2', '--profile', 'free-tier', '--latency', 'uniform:1s..3s', '--rpm', '60', '--tpm', '1000',
      '--max-inflight', '16', '--error-rate', '0.1', '--seed', '7', '--clock', 'real', '--time-scale', '0.1',
      '--transport', 'http', '--format', 'json', '--out', '/tmp/x', '--no-progress', '--no-color');
    expect(a).toMatchObject({
      suites: ['rate-limits', 'sweep'], requests: 20, concurrency: [4, 8], strategies: ['serial', 'abatch'], iterations: 2,
      profile: 'free-tier', seed: 7, clock: 'real', timeScale: 0.1, transport: 'http', format: 'json', out: '/tmp/x',
      progress: false, color: false,
      provider: { latency: 'uniform:1s..3s', rpm: 60, tpm: 1000, maxInFlight: 16, errorRate: 0.1 },
    });
  });

  it('--help returns the help text', () => {
    const parsed = parseBenchArgs(['--help']);
    expect('help' in parsed && parsed.help).toMatch(/--concurrency <n\[,n\.\.\.\]>/);
  });

  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['--requests', '0'], /^option '--requests <n>' argument '0' is invalid\. Expected `--requests` to be an integer from 1 to 1000000, got `0`\.$/],
    [['--requests', '1.5'], /Expected `--requests` to be an integer from 1 to 1000000, got `1\.5`/],
    [['--concurrency', '4,x'], /Expected `--concurrency` to be an integer from 1 to 1000000, got `x`/],
    [['--latency', 'sometimes'], /latency/i],
    [['--clock', 'sundial'], /Allowed choices are virtual, real/],
    [['--error-rate', '2'], /Expected `--error-rate` to be a number from 0 to 1, got `2`/],
    [['--time-scale', '0.1'], /--time-scale only applies with --clock real/],
    [['--format', 'xml'], /Allowed choices are table, markdown, json/],
  ])('rejects %j with a one-line UsageError', (argv, message) => {
    let error: unknown;
    try {
      parseBenchArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
