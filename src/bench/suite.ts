import type OpenAI from 'openai';
import type { MockProvider, MockProviderOptions, ProfileName } from '../../mocks/index.ts';
import type { Clock } from '../core/clock.ts';
import type { Task } from '../strategies/types.ts';
import type { Document } from './workload.ts';

/** Exported names of the strategies a row can run (the `strategy` field of results JSON). */
export const STRATEGY_NAMES = [
  'serial',
  'batch',
  'abatch',
  'gatherWithConcurrency',
  'eagerGather',
  'chunked',
  'batchAsCompleted',
  'parallel',
  'priority',
  'adaptive',
  'rateLimited',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** How a row retries failed requests. */
export type RetryMode =
  /** No retries: a 429 is an error for that input. */
  | 'none'
  /** `withRetry` with the openai SDK's policy (3 attempts, min(0.5·2^k, 8) s backoff, honours retry-after). */
  | 'sdk'
  /** `withRetry` with 6 attempts, full-jitter backoff, honouring retry-after. */
  | 'with-retry';

/** Options of a row, passed to its strategy. Unknown keys are rejected when the suite is defined. */
export interface RowOptions {
  /** Concurrency limit; `null` = unlimited; absent = the strategy's default. */
  maxConcurrency?: number | null;
  /** `chunked`: inputs per chunk (its concurrency limit). */
  batchSize?: number;
  /** `rateLimited`: client-side limits. `'provider'` copies the provider's. */
  rpm?: number | 'provider';
  tpm?: number | 'provider';
  /** Retry wrapper around each input's task. @default 'none' */
  retry?: RetryMode;
  /** Per-input task: the suite's single task, or its branches run in parallel / one after another. @default 'task' */
  branches?: 'task' | 'parallel' | 'sequential';
  /** `priority`: share of inputs marked high priority (every k-th input). @default 0.2 */
  highShare?: number;
}

/** One row of a suite's table: a stable name, a strategy and its options. */
export interface RowDefinition {
  /** Stable name that does not encode options, e.g. `batch-pool`; baselines are keyed on it. */
  name: string;
  strategy: StrategyName;
  options?: RowOptions;
  /** One line for `--list` and reports. */
  description?: string;
}

/** What a suite's task factory receives. */
export interface TaskEnvironment {
  /** An openai SDK client wired to the mock provider through the selected transport. */
  client: OpenAI;
  provider: MockProvider;
  clock: Clock;
  model: string;
}

/** A benchmark suite over the strategies: workload × provider × rows. */
export interface StrategySuite<I = Document> {
  kind?: 'strategies';
  name: string;
  description: string;
  /** Inputs per iteration. @default 100 */
  requests?: number;
  /** Provider profile name (see mocks/profiles). @default 'hosted' */
  profile?: ProfileName;
  /** Provider options layered over the profile. */
  provider?: MockProviderOptions;
  /** Iterations per row. @default 5 */
  iterations?: number;
  /** Model id sent with every request. @default 'gpt-4o-mini' */
  model?: string;
  /** Builds the inputs; defaults to {@link createDocuments}. */
  workload?: (n: number, seed: number) => I[];
  /** The per-input call; defaults to a chat completion summarising the document. */
  task?: (env: TaskEnvironment) => Task<I, unknown>;
  /** Tokens one input's request reserves against TPM (prompt estimate + `max_tokens`); defaults to the summarisation task's. */
  requestTokens?: (input: I) => number;
  /** Named branches for rows with `branches: 'parallel' | 'sequential'`. */
  branches?: (env: TaskEnvironment) => Record<string, Task<I, unknown>>;
  rows: RowDefinition[];
  /** Concurrency values every limited row is run with (as `name@N`), unless `--concurrency` overrides. */
  concurrencySweep?: number[];
  /** Extra lines printed under the table (e.g. the sweep's knee and recommendation). */
  analyze?: (result: import('./results.ts').SuiteResult) => string[];
}

/** Everything a custom (non-strategy) suite gets from the command line. */
export interface CustomRunContext {
  iterations?: number;
  requests?: number;
  seed: number;
  /** Aborts on Ctrl-C; a custom suite should stop promptly. */
  signal: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** A custom suite's output: a table plus whatever JSON it wants stored. */
export interface CustomSuiteOutput {
  title: string;
  header: string[];
  rows: Array<Array<string | number>>;
  notes: string[];
  json: Record<string, unknown>;
}

/** A suite that is not a strategy comparison (e.g. the mock- and scheduler-overhead benchmarks). */
export interface CustomSuite {
  kind: 'custom';
  name: string;
  description: string;
  run(ctx: CustomRunContext): Promise<CustomSuiteOutput>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- suites over any input type are stored together.
export type Suite = StrategySuite<any> | CustomSuite;

const ROW_OPTION_KEYS = new Set(['maxConcurrency', 'batchSize', 'rpm', 'tpm', 'retry', 'branches', 'highShare']);
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Validates and returns a suite definition (identity at run time, checks at definition time). */
export function defineSuite<I = Document>(suite: StrategySuite<I>): StrategySuite<I>;
export function defineSuite(suite: CustomSuite): CustomSuite;
export function defineSuite(suite: Suite): Suite {
  if (!NAME.test(suite.name)) {
    throw new TypeError(`Failed to define suite: name \`${suite.name}\` must be lower-case letters, digits and dashes.`);
  }
  if (suite.kind === 'custom') return suite;
  if (suite.rows.length === 0) throw new TypeError(`Failed to define suite \`${suite.name}\`: it has no rows.`);
  const seen = new Set<string>();
  for (const row of suite.rows) {
    const where = `suite \`${suite.name}\`, row \`${row.name}\``;
    if (!NAME.test(row.name)) throw new TypeError(`Failed to define ${where}: names are lower-case letters, digits and dashes (no \`@\`, it marks --concurrency variants).`);
    if (seen.has(row.name)) throw new TypeError(`Failed to define ${where}: the name is used twice.`);
    seen.add(row.name);
    if (!(STRATEGY_NAMES as readonly string[]).includes(row.strategy)) {
      throw new TypeError(`Failed to define ${where}: unknown strategy \`${row.strategy}\`. Please use one of ${STRATEGY_NAMES.join(', ')}.`);
    }
    for (const key of Object.keys(row.options ?? {})) {
      if (!ROW_OPTION_KEYS.has(key)) throw new TypeError(`Failed to define ${where}: unknown option \`${key}\`.`);
    }
    if (row.strategy === 'chunked' && !(Number.isInteger(row.options?.batchSize) && (row.options?.batchSize ?? 0) >= 1)) {
      throw new TypeError(`Failed to define ${where}: chunked needs an integer \`batchSize\` from 1 and up.`);
    }
    if (row.options?.branches && row.options.branches !== 'task' && suite.branches === undefined) {
      throw new TypeError(`Failed to define ${where}: \`branches\` needs the suite to define \`branches\`.`);
    }
  }
  return suite;
}
