import type OpenAI from 'openai';
import type { MockProvider, MockProviderOptions, ProfileName } from '../../mocks/index.ts';
import type { Clock } from '../core/clock.ts';
import type { Task } from '../strategies/types.ts';
import { COMMON_ROW_OPTIONS, type RowOptions, type RowStrategy } from './row-strategy.ts';
import { isStrategyName, resolveStrategy, STRATEGY_NAMES, type StrategyName } from './strategy-registry.ts';
import type { SuiteResult } from './results.ts';
import type { Document } from './workload.ts';

/** One row of a suite's table: a stable name, a strategy and its options. */
export interface RowDefinition {
  /** Stable name that does not encode options, e.g. `batch-pool`; baselines are keyed on it. */
  name: string;
  /** A built-in strategy's name, or a strategy object of your own (see `poolStrategy`). */
  strategy: StrategyName | RowStrategy;
  options?: RowOptions;
  /** One line for `--list` and reports. */
  description?: string;
}

/** What a suite's task factory receives. */
export interface TaskEnvironment {
  /** An openai SDK client wired to the mock provider through the selected transport, or to the real endpoint. */
  client: OpenAI;
  /**
   * The fetch `client` sends through (same transport, counted in `peak in-flight`), for
   * another SDK to reach the provider the same way — e.g. LangChain's `ChatOpenAI`.
   */
  fetch: typeof fetch;
  /** The mock provider; null when the run targets a real endpoint (`--target openai`). */
  provider: MockProvider | null;
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
  /** Model id sent with every request (a real endpoint's run names its own). @default 'gpt-4o-mini' */
  model?: string;
  /** Builds the inputs; defaults to {@link createDocuments}. */
  workload?: (n: number, seed: number) => I[];
  /**
   * The per-input call; defaults to a chat completion summarising the document. May be
   * async (e.g. to import an SDK): it runs once, before the first row.
   */
  task?: (env: TaskEnvironment) => Task<I, unknown> | Promise<Task<I, unknown>>;
  /** Tokens one input's request reserves against TPM (prompt estimate + `max_tokens`); defaults to the summarisation task's. */
  requestTokens?: (input: I) => number;
  /** Named branches for rows with `branches: 'parallel' | 'sequential'`. May be async, like `task`. */
  branches?: (env: TaskEnvironment) => Record<string, Task<I, unknown>> | Promise<Record<string, Task<I, unknown>>>;
  rows: RowDefinition[];
  /**
   * Priority of each input (higher first; above 0 counts as high priority). When set, the
   * `priority` rows order by it instead of `highShare`, and every row gets the
   * high-priority completion time (`highPriority` in results JSON).
   */
  priorityOf?: (input: I, index: number) => number;
  /** Concurrency values every limited row is run with (as `name@N`), unless `--concurrency` overrides. */
  concurrencySweep?: number[];
  /**
   * Extra lines printed under the table (e.g. the sweep's knee and recommendation). May be
   * async, e.g. to measure a figure after the rows ran; it runs only when every row finished.
   * A long one watches `signal` (Ctrl-C) and stops within a second; the run is then partial.
   */
  analyze?: (result: SuiteResult, context: { signal: AbortSignal }) => string[] | Promise<string[]>;
}

/** Everything a custom (non-strategy) suite gets from the command line. */
export interface CustomRunContext {
  iterations?: number;
  requests?: number;
  seed: number;
  /** Aborts on Ctrl-C; a custom suite should stop promptly. */
  signal: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** `--redis-url`: the user's Redis, for suites that need one (the distributed suite). */
  redisUrl?: string;
}

/** A custom suite's output: a table plus whatever JSON it wants stored. */
export interface CustomSuiteOutput {
  title: string;
  header: string[];
  rows: Array<Array<string | number>>;
  notes: string[];
  json: Record<string, unknown>;
  /**
   * Targets the suite states and did not meet, one line each. Non-empty makes the command
   * exit 1 after printing and saving the results; a suite that only reports leaves it out.
   */
  failures?: string[];
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

const NAME = /^[a-z0-9][a-z0-9-]*$/;

function checkRow(suite: StrategySuite<unknown>, row: RowDefinition, where: string): void {
  if (typeof row.strategy === 'string' && !isStrategyName(row.strategy)) {
    throw new TypeError(`Failed to define ${where}: unknown strategy \`${row.strategy}\`. Please use one of ${STRATEGY_NAMES.join(', ')}, or a strategy object of your own.`);
  }
  if (typeof row.strategy !== 'string' && !isRowStrategy(row.strategy)) {
    throw new TypeError(`Failed to define ${where}: \`strategy\` must be a built-in name or a row strategy object (name, description, options, limitOption, defaultBranches, concurrency, nominalConcurrency, policy, run).`);
  }
  const strategy = resolveStrategy(row.strategy);
  const allowed: readonly string[] = [...COMMON_ROW_OPTIONS, ...strategy.options];
  for (const key of Object.keys(row.options ?? {})) {
    if (!allowed.includes(key)) {
      throw new TypeError(`Failed to define ${where}: \`${strategy.name}\` does not take option \`${key}\`. It takes ${allowed.map((k) => `\`${k}\``).join(', ')}.`);
    }
  }
  if (strategy.limitOption === 'batchSize' && !(Number.isInteger(row.options?.batchSize) && (row.options?.batchSize ?? 0) >= 1)) {
    throw new TypeError(`Failed to define ${where}: ${strategy.name} needs an integer \`batchSize\` from 1 and up.`);
  }
  if (suite.priorityOf !== undefined && row.options?.highShare !== undefined) {
    throw new TypeError(`Failed to define ${where}: the suite's \`priorityOf\` marks the high-priority inputs, so \`highShare\` would disagree with it. Please leave \`highShare\` out.`);
  }
  const branches = row.options?.branches ?? strategy.defaultBranches;
  if (branches !== 'task' && suite.branches === undefined) {
    const why = row.options?.branches ? '`branches`' : `strategy \`${strategy.name}\` runs the suite's branches, so it`;
    throw new TypeError(`Failed to define ${where}: ${why} needs the suite to define \`branches\`.`);
  }
}

function isRowStrategy(value: unknown): value is RowStrategy {
  const v = value as Partial<Record<keyof RowStrategy, unknown>> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && NAME_OF_STRATEGY.test(v.name) &&
    Array.isArray(v.options) && typeof v.run === 'function' && typeof v.policy === 'function' &&
    typeof v.concurrency === 'function' && typeof v.nominalConcurrency === 'function';
}
const NAME_OF_STRATEGY = /^[A-Za-z][A-Za-z0-9-]*$/;

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
    checkRow(suite, row, where);
  }
  return suite;
}
