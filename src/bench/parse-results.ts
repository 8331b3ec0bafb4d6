import { SCHEMA_VERSION, type SuiteResult } from './results.ts';
import { UsageError } from './usage-error.ts';

/**
 * Reads a strategy suite's results JSON back (a baseline, or a run to compare with one),
 * checking its version and the fields a comparison uses; anything else is a
 * {@link UsageError} with one line naming the file (`label`) and what is wrong.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
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
    throw new UsageError(`${label} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
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
