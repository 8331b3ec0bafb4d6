/**
 * `llm-concurrency-bench compare BASELINE.json CURRENT.json`: the regression gate over two
 * saved runs, and the parts `bench --baseline` shares with it (reading a results file, the
 * threshold flag, printing a verdict, the GitHub step summary). Exit codes: 0 nothing
 * regressed, 1 a regression, 2 a usage error (bad flag, missing, unreadable or corrupt file,
 * schema mismatch, different scenario).
 */
import { appendFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { parseNumberFlag, withRange } from '../../mocks/cli-options.ts';
import { checkComparable, compareResults, DEFAULT_THRESHOLD, type Comparison } from '../bench/compare.ts';
import { parseSuiteResult } from '../bench/parse-results.ts';
import { toJson, type SuiteResult } from '../bench/results.ts';
import { readTextFile } from './read-text-file.ts';
import { UsageError } from '../bench/usage-error.ts';
import { renderComparisonCsv, renderComparisonMarkdown, renderComparisonTable } from '../report/compare.ts';
import { useColor } from './color.ts';
import type { Io } from './io.ts';

/** What `compare --format` prints. */
export const COMPARE_FORMATS = ['table', 'markdown', 'json', 'csv'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** `--threshold` in percent: 0 (any change) to 1000. */
export const THRESHOLD_RANGE = { min: 0, max: 1000 } as const;
const THRESHOLD_HELP = withRange(`a metric regresses when it changes by more than this many percent in its bad direction (default ${DEFAULT_THRESHOLD * 100}; "10" or "10%")`, THRESHOLD_RANGE);

/** Parses `--threshold` (percent, `10` or `10%`) to a fraction. */
export const parseThreshold = (value: string): number => parseNumberFlag('--threshold', THRESHOLD_RANGE)(value.trim().replace(/%$/, '')) / 100;

/** Adds `--threshold` to a command. */
export const addThresholdOption = (command: Command): Command => command.option('--threshold <pct>', THRESHOLD_HELP, parseThreshold);

/** Reads and checks a results file; `role` is `baseline` or `current`. Every failure is one {@link UsageError} line. */
export async function readResultsFile(path: string, role: string): Promise<SuiteResult> {
  const label = `${role} \`${path}\``;
  const text = await readTextFile(path, label);
  return parseSuiteResult(text, label);
}

/** A comparison rendered in `format`. */
export function renderComparison(c: Comparison, format: CompareFormat, color: boolean): string {
  switch (format) {
    case 'table':
      return renderComparisonTable(c, color);
    case 'markdown':
      return renderComparisonMarkdown(c);
    case 'json':
      return toJson(c);
    case 'csv':
      return renderComparisonCsv(c);
  }
}

/**
 * Appends the Markdown verdict to `$GITHUB_STEP_SUMMARY` when it is set (GitHub Actions
 * shows that file on the run's summary page). A failure to append is reported, not fatal:
 * the verdict and exit code stand.
 */
export async function appendStepSummary(c: Comparison, io: Io, command: string): Promise<void> {
  const path = io.env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  try {
    await appendFile(path, `${renderComparisonMarkdown(c)}\n`, 'utf8');
  } catch (error) {
    io.stderr.write(`${command}: could not append to GITHUB_STEP_SUMMARY (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the verdict stands.\n`);
  }
}

/** Compares two results, or throws a {@link UsageError} naming the field that makes them incomparable. */
export function gate(baseline: SuiteResult, current: SuiteResult, threshold = DEFAULT_THRESHOLD): Comparison {
  checkComparable(baseline, current);
  const comparison = compareResults(baseline, current, threshold);
  const { regressed, improved, unchanged } = comparison.counts;
  // A gate that compared nothing must not pass: every row renamed or left out is a usage error.
  if (baseline.rows.length > 0 && regressed + improved + unchanged === 0) {
    throw new UsageError(`None of the baseline's ${baseline.rows.length} rows is in the current results, so nothing was compared; run the same rows (check --strategies and --concurrency) or record a new baseline.`);
  }
  return comparison;
}

function createProgram(): Command {
  const program = new Command('llm-concurrency-bench compare')
    .description('Compare a run with a baseline, row by row; exit 1 when a row regressed.')
    .argument('<baseline>', 'the baseline results JSON (e.g. results/baseline.json)')
    .argument('<current>', 'the results JSON to check (e.g. results/strategies.json)');
  return addThresholdOption(program)
    .addOption(new Option('--format <format>', 'what to print').choices([...COMPARE_FORMATS]).default('table'))
    .option('--no-color', 'no ANSI colours (also off when NO_COLOR is set or output is not a TTY)')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

/** Runs `compare` with `argv` (after the command name); resolves to the exit code. */
export async function compareCommand(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram();
  try {
    try {
      program.parse([...argv], { from: 'user' });
    } catch (error) {
      if (!(error instanceof CommanderError)) throw error;
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') {
        io.stdout.write(program.helpInformation());
        return 0;
      }
      throw new UsageError(error.message.replace(/^error: /, ''));
    }
    const [baselinePath, currentPath] = program.processedArgs as [string, string];
    const o = program.opts<{ threshold?: number; format: CompareFormat; color: boolean }>();
    const baseline = await readResultsFile(baselinePath, 'baseline');
    const current = await readResultsFile(currentPath, 'current');
    const comparison = gate(baseline, current, o.threshold ?? DEFAULT_THRESHOLD);
    io.stdout.write(renderComparison(comparison, o.format, useColor(io.stdout, io.env, o.color)));
    await appendStepSummary(comparison, io, 'compare');
    return comparison.regressed ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`compare: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`compare: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
