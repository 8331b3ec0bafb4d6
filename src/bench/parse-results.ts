/**
 * Reads saved results JSON back: checks that the text is a results file of this schema
 * version, and tells a strategy suite's results (with `rows`) from a custom suite's.
 * Anything wrong is a {@link UsageError} with a one-line message. `parseResults` serves the
 * report command (any results file); `parseSuiteResult` the comparison (a strategy suite's,
 * with the fields a verdict reads).
 */
import { SCHEMA_VERSION, type SuiteResult } from './results.ts';
import { UsageError } from './usage-error.ts';

/** What a results file holds. */
export type ParsedResults =
  | { kind: 'strategy'; result: SuiteResult }
  /** A custom suite's figures: no strategy rows, only its own fields. */
  | { kind: 'custom'; suite: string; json: Record<string, unknown> };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields every row needs as numbers (the renderers format them); others may be null (non-finite when written). */
const ROW_NUMBERS = [
  'throughput.requestsPerSec', 'peakInFlight',
  'counts.requests', 'counts.ok', 'counts.rateLimited', 'counts.errors', 'counts.retries', 'counts.wasted',
  'tokens.prompt', 'tokens.completion',
];
const ROW_NUMBERS_OR_NULL = [
  'makespanMs.median', 'idealMs', 'expectedMs', 'efficiency', 'timeToFirstResultMs',
  'latencyMs.p50', 'latencyMs.p99', 'serviceMs.p50', 'serviceMs.p99', 'concurrency', 'costUsd',
];

const SCENARIO_NUMBERS = ['requests', 'iterations', 'seed', 'timeScale'];
const SCENARIO_STRINGS = ['profile', 'transport', 'model'];

function at(value: Json, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) current = isObject(current) ? current[key] : undefined;
  return current;
}

function checkRow(row: unknown, index: number): void {
  if (!isObject(row) || typeof row.name !== 'string' || typeof row.strategy !== 'string') {
    throw new UsageError(`row ${index + 1} has no \`name\` and \`strategy\``);
  }
  const where = `row ${index + 1} (\`${row.name}\`)`;
  for (const path of ROW_NUMBERS) {
    if (typeof at(row, path) !== 'number') throw new UsageError(`${where}: \`${path}\` must be a number`);
  }
  for (const path of ROW_NUMBERS_OR_NULL) {
    const v = at(row, path);
    if (typeof v !== 'number' && v !== null) throw new UsageError(`${where}: \`${path}\` must be a number or null`);
  }
  const speedup = row.speedup;
  if (speedup !== null && !(isObject(speedup) && typeof speedup.median === 'number' && Array.isArray(speedup.ci95) && speedup.ci95.length === 2)) {
    throw new UsageError(`${where}: \`speedup\` must be null or { median, ci95: [low, high] }`);
  }
}

/** Parses the text of a results file; throws {@link UsageError} naming the first problem. */
export function parseResults(text: string): ParsedResults {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`not JSON (${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')})`);
  }
  if (!isObject(value) || !('schemaVersion' in value) || typeof value.suite !== 'string') {
    throw new UsageError('not a results file: expected an object with `schemaVersion` and `suite`');
  }
  if (value.schemaVersion !== SCHEMA_VERSION) {
    throw new UsageError(`results schemaVersion ${JSON.stringify(value.schemaVersion)}, but this version of llm-concurrency-bench reads schemaVersion ${SCHEMA_VERSION}`);
  }
  // A custom suite's file holds its own fields (its `rows`, if any, are its table's, not strategy rows).
  const strategyLike = 'rows' in value && isObject(value.scenario) && 'clock' in value.scenario && 'provider' in value.scenario;
  if (!strategyLike) return { kind: 'custom', suite: value.suite, json: value };
  if (!Array.isArray(value.rows)) throw new UsageError('`rows` must be an array');
  const scenario = value.scenario;
  if (!isObject(scenario) || (scenario.clock !== 'virtual' && scenario.clock !== 'real') || !isObject(scenario.provider)
    || !SCENARIO_NUMBERS.every((k) => typeof scenario[k] === 'number') || !SCENARIO_STRINGS.every((k) => typeof scenario[k] === 'string')) {
    throw new UsageError(`\`scenario\` must give \`clock\`, \`provider\`, ${[...SCENARIO_NUMBERS, ...SCENARIO_STRINGS].map((k) => `\`${k}\``).join(', ')}`);
  }
  if (!isObject(value.environment) || typeof value.environment.node !== 'string' || typeof value.createdAt !== 'string' || !Array.isArray(value.notes)) {
    throw new UsageError('`environment`, `createdAt` or `notes` is missing');
  }
  value.rows.forEach(checkRow);
  return { kind: 'strategy', result: value as unknown as SuiteResult };
}

const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isInterval = (v: unknown): boolean => Array.isArray(v) && v.length === 2 && v.every((x) => isNumber(x));

/** The fields of a row a comparison reads, as [path, check]. */
const ROW_FIELDS: ReadonlyArray<[string, (row: Record<string, unknown>) => boolean]> = [
  ['name', (r) => typeof r.name === 'string' && r.name !== ''],
  ['options', (r) => isObject(r.options)],
  ['makespanMs.median', (r) => isObject(r.makespanMs) && isNumber(r.makespanMs.median)],
  ['makespanMs.ci95', (r) => isObject(r.makespanMs) && isInterval(r.makespanMs.ci95)],
  ['speedup', (r) => r.speedup === null || (isObject(r.speedup) && isNumber(r.speedup.median) && isInterval(r.speedup.ci95))],
  ['throughput.requestsPerSec', (r) => isObject(r.throughput) && isNumber(r.throughput.requestsPerSec)],
  ['latencyMs.p99', (r) => isObject(r.latencyMs) && isNumber(r.latencyMs.p99)],
  ['counts', (r) => isObject(r.counts) && ['rateLimited', 'wasted', 'errors'].every((k) => isNumber((r.counts as Record<string, unknown>)[k]))],
];

/** Parses and checks the text of a results file; `label` names it in messages (e.g. ``baseline `results/baseline.json` ``). */
export function parseSuiteResult(text: string, label: string): SuiteResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label} is not valid JSON (${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')}).`);
  }
  if (!isObject(value) || !('schemaVersion' in value) || typeof value.suite !== 'string') {
    throw new UsageError(`${label} is not a results file of llm-concurrency-bench (no \`schemaVersion\` and \`suite\`).`);
  }
  if (value.schemaVersion !== SCHEMA_VERSION) {
    throw new UsageError(`${label} has schemaVersion ${JSON.stringify(value.schemaVersion)}; this version of llm-concurrency-bench reads schemaVersion ${SCHEMA_VERSION}.`);
  }
  if (!isObject(value.scenario) || !Array.isArray(value.rows)) {
    throw new UsageError(`${label} holds \`${value.suite}\`, which is not a strategy suite (no \`scenario\` and \`rows\`); only strategy suites can be compared.`);
  }
  if (!isObject(value.scenario.provider)) throw new UsageError(`${label} has no \`scenario.provider\`.`);
  value.rows.forEach((row: unknown, i: number) => {
    if (!isObject(row)) throw new UsageError(`${label}: rows[${i}] is not an object.`);
    const bad = ROW_FIELDS.find(([, ok]) => !ok(row));
    if (bad) throw new UsageError(`${label}: rows[${i}] has no valid \`${bad[0]}\`.`);
  });
  return value as unknown as SuiteResult;
}
