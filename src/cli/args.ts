import { Command, InvalidArgumentError, Option } from 'commander';
import type { MockProviderOptions, ProfileName } from '../../mocks/index.ts';
import { addProviderOptions, parseNumberFlag, providerOptionsFrom, withRange, type FlagRange } from '../../mocks/cli-options.ts';
import { TRANSPORTS, type TransportName } from '../bench/connect.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, TARGET_KINDS, type TargetKind } from '../bench/target.ts';
import { DurationSyntaxError, parseDuration } from '../core/index.ts';
import { UsageError } from '../bench/usage-error.ts';
import { parseCommandLine } from './parse-command-line.ts';
import { addThresholdOption } from './compare.ts';

/** Output formats of `npm run bench`. */
export const FORMATS = ['table', 'markdown', 'json', 'csv', 'github-action-benchmark'] as const;
export type Format = (typeof FORMATS)[number];

/** A parsed `bench` command line. */
export interface BenchArgs {
  /** Built-in or file suites named on the command line (none: the files' suites, or `strategies`). */
  suites: string[];
  /** Suite files to load (arguments that end in .ts/.mts/.js/.mjs or contain a path separator). */
  files: string[];
  requests?: number;
  concurrency?: number[];
  strategies?: string[];
  iterations?: number;
  profile?: ProfileName;
  provider: MockProviderOptions;
  seed: number;
  clock: 'virtual' | 'real';
  timeScale?: number;
  transport: TransportName;
  format: Format;
  out: string;
  progress: boolean;
  color: boolean;
  list: boolean;
  /** Every column in the terminal table (the default shows the seven that fit 120 characters). */
  wide: boolean;
  /** Compare the run with this results file (or, with `updateBaseline`, replace it with the run). */
  baseline?: string;
  /** As a fraction (0.1 = 10 %); only with `baseline`. */
  threshold?: number;
  /** Write the run's results to `baseline` instead of comparing. */
  updateBaseline: boolean;
  /** Where the requests go: the in-process mock, or a real OpenAI-compatible server. */
  target: TargetKind;
  /** `--target openai`: the API root, without a trailing slash. */
  baseUrl: string;
  /** `--target openai`: the model every request names (default: the suite's). */
  model?: string;
  /** `--target openai`: the environment variable holding the API key. */
  apiKeyEnv: string;
  /** Refuse a run whose worst-case request count exceeds this (`--target openai` has a default). */
  maxRequests?: number;
  /** `--target openai`: how long one request may take, ms. */
  requestTimeoutMs: number;
  /** The user's Redis for suites that need one (the distributed suite); default: the suite starts its own. */
  redisUrl?: string;
  /** The mock-scenario flags given (`--rpm`, `--clock`, …), which a custom suite, running its own scenario, does not take. */
  scenarioFlags: string[];
}

/** `--base-url` when none is given. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** `--api-key-env` when none is given. */
export const DEFAULT_API_KEY_ENV = 'OPENAI_API_KEY';

/**
 * Checks `--base-url`: an http(s) URL without credentials or a query (keys go in the
 * environment, never in a URL that results JSON records), trailing slashes dropped.
 */
export function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`Expected an http(s) URL such as ${DEFAULT_BASE_URL}, got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`Expected an http(s) URL, got the ${url.protocol} scheme.`);
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new InvalidArgumentError('The URL must carry no user, password, query or fragment: the key goes in an environment variable (--api-key-env).');
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Checks `--redis-url`: `redis://` or `rediss://`, a host, a valid port, and at most a
 * database number as its path (`redis://[user:password@]host[:port][/db]`).
 */
export function parseRedisUrl(value: string): string {
  const expected = 'Expected a Redis URL such as redis://127.0.0.1:6379 (or redis://host:port/DB)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`${expected}, got "${value}".`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new InvalidArgumentError(`${expected}, got the ${url.protocol} scheme.`);
  if (url.hostname === '') throw new InvalidArgumentError(`${expected}, got no host.`);
  if (!/^(?:\/?|\/\d{1,5})$/.test(url.pathname) || url.search !== '' || url.hash !== '') {
    throw new InvalidArgumentError(`${expected}: after the host only a database number may follow, got "${url.pathname}${url.search}${url.hash}".`);
  }
  return value;
}

/** Checks `--model`: a model id, not empty or blank. */
export function parseModel(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('Expected a model id such as gpt-4o-mini, got an empty one.');
  return value;
}

/** The flags that configure the mock provider, which a real endpoint does not have. */
const MOCK_ONLY_FLAGS = [
  ['profile', '--profile'], ['latency', '--latency'], ['rpm', '--rpm'], ['tpm', '--tpm'], ['maxInflight', '--max-inflight'],
  ['errorRate', '--error-rate'], ['timeScale', '--time-scale'], ['transport', '--transport'],
] as const;
/** The flags that describe a real endpoint. */
const TARGET_FLAGS = [['baseUrl', '--base-url'], ['model', '--model'], ['apiKeyEnv', '--api-key-env'], ['requestTimeout', '--request-timeout']] as const;

/** `--target` against the other flags: mock flags need the mock, endpoint flags an endpoint; a real endpoint runs on the real clock. */
function checkTargetFlags(program: Command, o: Record<string, unknown>): void {
  const given = (key: string): boolean => program.getOptionValueSource(key) === 'cli';
  if (o.target === 'openai') {
    const mockFlag = MOCK_ONLY_FLAGS.find(([key]) => given(key));
    if (mockFlag) throw new UsageError(`${mockFlag[1]} configures the mock provider; it does not apply with --target openai.`);
    if (given('clock') && o.clock === 'virtual') {
      throw new UsageError('--clock virtual cannot time a real endpoint (--target openai): its latencies happen in real time. Leave --clock out.');
    }
  } else {
    const targetFlag = TARGET_FLAGS.find(([key]) => given(key));
    if (targetFlag) throw new UsageError(`${targetFlag[1]} only applies with --target openai.`);
  }
}

/**
 * The ranges of the numeric flags of `bench` (the provider flags' are in `PROVIDER_FLAG_RANGES`),
 * chosen so that everything computed from a value stays a safe integer (or finite) and a
 * run stays feasible:
 * - `--requests` up to 1,000,000: a run keeps a few hundred bytes per input (documents are
 *   rebuilt on read, outputs kept as their token usage), so a million fit in Node's default heap.
 * - `--iterations` up to 1,000: iteration i runs on seed + i, and a row's time grows with it.
 * - `--concurrency` values up to 1,000,000: no more inputs than that can be in flight.
 * - `--max-requests` up to a billion: a budget, never reached by a run that fits in memory.
 * - `--time-scale` from 0.001 (1 s becomes 1 ms, the timers' resolution) to 10: with
 *   latencies of at most 10 minutes a wait stays inside a timer's range (about 24.8 days).
 */
export const BENCH_FLAG_RANGES = {
  '--requests': { min: 1, max: 1_000_000, integer: true },
  '--iterations': { min: 1, max: 1_000, integer: true },
  '--concurrency': { min: 1, max: 1_000_000, integer: true },
  '--time-scale': { min: 0.001, max: 10 },
  '--max-requests': { min: 1, max: 1_000_000_000, integer: true },
} as const satisfies Record<string, FlagRange>;
const R = BENCH_FLAG_RANGES;

/** Parses `--request-timeout`: a duration with a unit, from 1 ms to 1 h. */
const parseRequestTimeout = (value: string): number => {
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch (error) {
    if (error instanceof DurationSyntaxError) throw new InvalidArgumentError(`Expected a duration such as 30s or 2m: ${error.reason}.`);
    throw error;
  }
  if (ms < 1 || ms > 3_600_000) throw new InvalidArgumentError(`Expected a duration from 1ms to 1h, got ${value}.`);
  return ms;
};

const list = (value: string): string[] => {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s.length === 0)) throw new InvalidArgumentError(`expected a comma-separated list without empty entries, got "${value}".`);
  return items;
};

const concurrencyList = (value: string): number[] => {
  const values = list(value).map(parseNumberFlag('--concurrency', R['--concurrency']));
  if (new Set(values).size !== values.length) throw new InvalidArgumentError(`--concurrency values must differ, got "${value}".`);
  return values;
};

/** True for an argument that names a suite file rather than a suite. */
export const isSuiteFile = (arg: string): boolean => /\.(?:[cm]?ts|[cm]?js)$/.test(arg) || arg.includes('/') || arg.includes('\\');

/** The commander program; exported so `--help` text and parsing come from one place. */
export function createProgram(): Command {
  const program = new Command('llm-concurrency-bench bench')
    .description('Run benchmark suites of LLM concurrency strategies against the mock provider (or a real OpenAI-compatible endpoint, --target openai) and print speedup tables.')
    .argument('[suite|file...]', 'built-in suites (see --list) and suite files of your own (default: strategies)')
    .option('--requests <n>', withRange('inputs per iteration (default: the suite\'s, usually 100)', R['--requests']), parseNumberFlag('--requests', R['--requests']))
    .option('--concurrency <n[,n...]>', withRange('override the limit of every row that sets one; several values run each such row once per value as name@N', R['--concurrency']), concurrencyList)
    .option('--strategies <a,b>', 'only rows with these names or strategy names', list)
    .option('--iterations <n>', withRange('iterations per row (default: the suite\'s)', R['--iterations']), parseNumberFlag('--iterations', R['--iterations']));
  // --profile, --latency, --rpm, --tpm, --max-inflight, --error-rate, --seed: shared with `npm run mock`.
  // The seed is the base seed here: iteration i of every row uses seed + i.
  addProviderOptions(program)
    .addOption(new Option('--clock <kind>', 'virtual: simulated time, exact; real: wall clock with calibration').choices(['virtual', 'real']).default('virtual'))
    .option('--time-scale <x>', withRange('real clock: multiply every latency by x (e.g. 0.1)', R['--time-scale']), parseNumberFlag('--time-scale', R['--time-scale']))
    .addOption(new Option('--transport <name>', 'how the openai SDK reaches the mock').choices([...TRANSPORTS]).default('fetch'))
    .addOption(new Option('--format <format>', 'what to print; csv also writes <suite>.csv, github-action-benchmark also <suite>.gab-bigger.json and .gab-smaller.json').choices([...FORMATS]).default('table'))
    .addOption(new Option('--target <kind>', 'mock: the in-process mock provider; openai: a real OpenAI-compatible server (docs/real-endpoints.md)').choices([...TARGET_KINDS]).default('mock'))
    .option('--base-url <url>', `with --target openai: the API root (default ${DEFAULT_BASE_URL})`, parseBaseUrl)
    .option('--model <name>', "with --target openai: the model every request names (default: the suite's, usually gpt-4o-mini)", parseModel)
    .option('--api-key-env <name>', `with --target openai: the environment variable holding the API key (default ${DEFAULT_API_KEY_ENV})`)
    .option('--request-timeout <duration>', `with --target openai: give up on a request after this long; it counts as an error (default ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}s)`, parseRequestTimeout)
    .option('--max-requests <n>', withRange('refuse, before sending anything, a run that may send more requests than this (default with --target openai: 1000)', R['--max-requests']), parseNumberFlag('--max-requests', R['--max-requests']))
    .option('--out <dir>', 'where results/<suite>.json and .md are written', 'results')
    .option('--baseline <file>', 'after the run, compare it with this results file; exit 1 when a row regressed (one strategy suite only)');
  addThresholdOption(program)
    .option('--update-baseline', 'with --baseline: write this run\'s results to that file (atomically) instead of comparing')
    .option('--no-progress', 'no progress bar (there is none on a non-TTY anyway)')
    .option('--no-color', 'no ANSI colours (also off when NO_COLOR is set or output is not a TTY)')
    .option('--wide', 'terminal table with every column (the default fits 120 characters)')
    .option('--list', 'list suites and their rows, then exit')
    .option('--redis-url <url>', 'suites that need Redis (distributed): use this one (redis://HOST:PORT) instead of starting redis-server', parseRedisUrl);
  return program
    .showHelpAfterError(false)
    .exitOverride()
    // Help and errors come back to parseBenchArgs as values; the caller prints them once.
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

/**
 * Parses `argv` (without the node and script entries). Throws {@link UsageError} with
 * a one-line message for anything wrong; `--help` is reported as `{ help: text }`.
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs | { help: string } {
  const program = createProgram();
  const help = parseCommandLine(program, argv);
  if (help) return help;
  const o = program.opts<Record<string, unknown>>();
  checkTargetFlags(program, o);
  if (o.timeScale !== undefined && o.clock !== 'real') throw new UsageError('--time-scale only applies with --clock real.');
  if (o.baseline === undefined && o.threshold !== undefined) throw new UsageError('--threshold only applies with --baseline FILE.');
  if (o.baseline === undefined && o.updateBaseline === true) throw new UsageError('--update-baseline needs --baseline FILE: the file to write.');
  if (o.updateBaseline === true && o.threshold !== undefined) throw new UsageError('--threshold does not apply with --update-baseline, which writes the baseline instead of comparing.');
  const { profile, seed = 1, ...provider } = providerOptionsFrom(o);
  const positional = program.processedArgs[0] as string[];
  return {
    suites: positional.filter((a) => !isSuiteFile(a)),
    files: positional.filter(isSuiteFile),
    requests: o.requests as number | undefined,
    concurrency: o.concurrency as number[] | undefined,
    strategies: o.strategies as string[] | undefined,
    iterations: o.iterations as number | undefined,
    profile,
    provider,
    seed,
    clock: o.target === 'openai' ? 'real' : (o.clock as 'virtual' | 'real'),
    timeScale: o.timeScale as number | undefined,
    transport: o.transport as TransportName,
    format: o.format as Format,
    out: o.out as string,
    progress: o.progress as boolean,
    color: o.color as boolean,
    list: o.list === true,
    wide: o.wide === true,
    baseline: o.baseline as string | undefined,
    threshold: o.threshold as number | undefined,
    updateBaseline: o.updateBaseline === true,
    target: o.target as TargetKind,
    baseUrl: (o.baseUrl as string | undefined) ?? DEFAULT_BASE_URL,
    model: o.model as string | undefined,
    apiKeyEnv: (o.apiKeyEnv as string | undefined) ?? DEFAULT_API_KEY_ENV,
    maxRequests: o.maxRequests as number | undefined,
    requestTimeoutMs: (o.requestTimeout as number | undefined) ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(typeof o.redisUrl === 'string' ? { redisUrl: o.redisUrl } : {}),
    scenarioFlags: [...MOCK_ONLY_FLAGS, ['clock', '--clock'] as const].filter(([key]) => program.getOptionValueSource(key) === 'cli').map(([, flag]) => flag),
  };
}
