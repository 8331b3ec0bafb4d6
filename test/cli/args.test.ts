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

  it('--target openai: the real clock, the default base URL and key variable; --base-url loses its trailing slash', () => {
    expect(parse('--target', 'openai')).toMatchObject({ target: 'openai', clock: 'real', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' });
    expect(parse('--target', 'openai', '--clock', 'real', '--base-url', 'http://localhost:11434/v1/', '--model', 'llama3.2', '--api-key-env', 'OLLAMA_KEY', '--max-requests', '50'))
      .toMatchObject({ clock: 'real', baseUrl: 'http://localhost:11434/v1', model: 'llama3.2', apiKeyEnv: 'OLLAMA_KEY', maxRequests: 50 });
    expect(parse()).toMatchObject({ target: 'mock', clock: 'virtual' });
    expect(parse('--target', 'openai')).toMatchObject({ requestTimeoutMs: 60_000 });
    expect(parse('--target', 'openai', '--request-timeout', '2m')).toMatchObject({ requestTimeoutMs: 120_000 });
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
    [["--redis-url", "redis://:6379"], /Expected a Redis URL such as redis:\/\/127\.0\.0\.1:6379 \(or redis:\/\/host:port\/DB\), got "redis:\/\/:6379"\./],
    [['--redis-url', 'redis://127.0.0.1:99999'], /Expected a Redis URL .*, got "redis:\/\/127\.0\.0\.1:99999"\./],
    [['--redis-url', 'http://127.0.0.1:6379'], /got the http: scheme\./],
    [['--redis-url', 'redis://127.0.0.1:6379/abc'], /after the host only a database number may follow, got "\/abc"\./],
    [['--redis-url', ''], /Expected a Redis URL .*, got ""\./],
    [['--concurrency', '1,,2'], /expected a comma-separated list without empty entries, got "1,,2"/],
    [['--concurrency', ','], /without empty entries/],
    [['--latency', 'sometimes'], /latency/i],
    [['--clock', 'sundial'], /Allowed choices are virtual, real/],
    [['--error-rate', '2'], /Expected `--error-rate` to be a number from 0 to 1, got `2`/],
    [['--time-scale', '0.1'], /--time-scale only applies with --clock real/],
    [['--format', 'xml'], /Allowed choices are table, markdown, json/],
    [['--target', 'anthropic'], /Allowed choices are mock, openai/],
    [['--target', 'openai', '--clock', 'virtual'], /^--clock virtual cannot time a real endpoint \(--target openai\)/],
    [['--target', 'openai', '--latency', '1s'], /^--latency configures the mock provider; it does not apply with --target openai\.$/],
    [['--target', 'openai', '--transport', 'http'], /^--transport configures the mock provider/],
    [['--target', 'openai', '--time-scale', '0.1'], /^--time-scale configures the mock provider/],
    [['--base-url', 'http://localhost:8000/v1'], /^--base-url only applies with --target openai\.$/],
    [['--model', 'llama3'], /^--model only applies with --target openai\.$/],
    [['--api-key-env', 'K'], /^--api-key-env only applies with --target openai\.$/],
    [['--request-timeout', '5s'], /^--request-timeout only applies with --target openai\.$/],
    [['--target', 'openai', '--request-timeout', '0'], /Expected a duration from 1ms to 1h, got 0\./],
    [['--target', 'openai', '--request-timeout', '2h'], /Expected a duration from 1ms to 1h, got 2h\./],
    [['--target', 'openai', '--request-timeout', 'soon'], /Expected a duration such as 30s or 2m/],
    [['--target', 'openai', '--base-url', 'localhost:8000'], /--base-url <url>' argument 'localhost:8000' is invalid\. Expected an http\(s\) URL, got the localhost: scheme/],
    [['--target', 'openai', '--base-url', 'not a url'], /Expected an http\(s\) URL such as https:\/\/api\.openai\.com\/v1, got "not a url"/],
    [['--target', 'openai', '--base-url', 'https://user:secret@example.com/v1'], /must carry no user, password, query or fragment/],
    [['--target', 'openai', '--base-url', 'https://example.com/v1?api-key=secret'], /must carry no user, password, query or fragment/],
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
