import type { RowResult, SuiteResult } from '../bench/results.ts';

/**
 * Results for the github-action-benchmark action's custom tools: a JSON array of
 * `{ name, unit, value, range?, extra? }`. One file can hold one direction only, so there
 * are two: `customBiggerIsBetter` (speedup, throughput) and `customSmallerIsBetter`
 * (makespan, latency p99). See docs/ci-gate.md.
 */

/** One entry, as the action's custom tools read it. */
export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  /** The spread of the value, e.g. `± 12.3`: half the width of its 95 % interval. */
  range?: string;
  /** Free text shown with the value. */
  extra?: string;
}

/** Both files' contents: keyed by the action's `tool` input each is meant for. */
export interface GabFiles {
  customBiggerIsBetter: GabEntry[];
  customSmallerIsBetter: GabEntry[];
}

/** The file-name endings of the two files, after `<suite>.` */
export const GAB_FILES = { customBiggerIsBetter: 'gab-bigger.json', customSmallerIsBetter: 'gab-smaller.json' } as const;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const halfWidth = (ci: readonly [number, number], digits: number): string => `± ${round((ci[1] - ci[0]) / 2, digits)}`;

function extra(result: SuiteResult, row: RowResult, more = ''): string {
  const s = result.scenario;
  const conc = row.concurrency === null ? '∞' : String(row.concurrency);
  return `${more}concurrency ${conc}; ${s.clock} clock; N=${s.requests}; ${s.iterations} iterations; seed ${s.seed}`;
}

/** The two lists of entries for a strategy suite's results; rows without a speedup (inputs lost) have no speedup entry. */
export function toGithubActionBenchmark(result: SuiteResult): GabFiles {
  const bigger: GabEntry[] = [];
  const smaller: GabEntry[] = [];
  for (const row of result.rows) {
    const name = `${result.suite}/${row.name}`;
    if (row.speedup) {
      bigger.push({ name: `${name} speedup`, unit: 'x', value: round(row.speedup.median, 4), range: halfWidth(row.speedup.ci95, 4), extra: extra(result, row, `95% CI ${round(row.speedup.ci95[0], 4)}–${round(row.speedup.ci95[1], 4)}; `) });
    }
    bigger.push({ name: `${name} throughput`, unit: 'req/s', value: round(row.throughput.requestsPerSec, 4), extra: extra(result, row, `errors ${row.counts.errors}; `) });
    smaller.push({ name: `${name} makespan`, unit: 'ms', value: round(row.makespanMs.median, 3), range: halfWidth(row.makespanMs.ci95, 3), extra: extra(result, row, `95% CI ${round(row.makespanMs.ci95[0], 3)}–${round(row.makespanMs.ci95[1], 3)} ms; `) });
    smaller.push({ name: `${name} latency p99`, unit: 'ms', value: round(row.latencyMs.p99, 3), extra: extra(result, row) });
  }
  return { customBiggerIsBetter: bigger, customSmallerIsBetter: smaller };
}

/** The text of one file: the JSON array, indented, with a trailing newline. */
export const gabFileText = (entries: readonly GabEntry[]): string => `${JSON.stringify(entries, null, 2)}\n`;
