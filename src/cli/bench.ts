/**
 * `llm-concurrency-bench bench [suite|file...]`: parse, run the library, print, exit.
 * Exit codes: 0 done, 1 failure (a real endpoint that rejects the key or cannot be reached
 * included), 2 bad command line (a missing key, a run over --max-requests), 130 interrupted
 * (partial results written).
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { createMockProvider, type MockProviderOptions } from '../../mocks/index.ts';
import { checkPlannedScenario } from '../bench/compare.ts';
import { planRows } from '../bench/plan-rows.ts';
import { SCHEMA_VERSION, toJson, type SuiteResult } from '../bench/results.ts';
import { EndpointError } from '../bench/endpoint-error.ts';
import { RunFailure } from '../bench/run-failure.ts';
import { runShape } from '../bench/run-shape.ts';
import { runSuite } from '../bench/run-suite.ts';
import type { CustomSuiteOutput, Suite } from '../bench/suite.ts';
import { UsageError } from '../bench/usage-error.ts';
import { renderCustomCsv, renderCsv } from '../report/csv.ts';
import { GAB_FILES, gabFileText, toGithubActionBenchmark } from '../report/github-action-benchmark.ts';
import { renderCustomMarkdown, renderMarkdown } from '../report/markdown.ts';
import { renderCustomTable, renderTable } from '../report/table.ts';
import { parseBenchArgs, type BenchArgs } from './args.ts';
import { useColor } from './color.ts';
import { appendStepSummary, gate, readResultsFile, renderComparison } from './compare.ts';
import { loadSuites } from './discover.ts';
import type { Io } from './io.ts';
import { listText } from './list.ts';
import { inFlightMemoryWarnings } from './memory-warning.ts';
import { apiKeyFrom, preflight, redactingIo, targetFor } from './target.ts';
import { prepareOutputDir, ResultsWriteError, saveFallback, writeFileAtomic, writeResultPair, type ResultPair } from './results-files.ts';

/**
 * Checks the provider flags by building a provider from them. Invalid values (a
 * `TypeError`, `RangeError` or spec parse error) become a {@link UsageError}; anything
 * else is a bug and propagates as one.
 */
export function checkProviderOptions(options: MockProviderOptions, create: (o: MockProviderOptions) => unknown = createMockProvider): void {
  try {
    create(options);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError || (error instanceof Error && error.name === 'SpecParseError')) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function checkArgs(args: BenchArgs, suites: Map<string, Suite>, fromFiles: readonly string[]): Suite[] {
  const unknown = args.suites.filter((s) => !suites.has(s));
  if (unknown.length > 0) {
    // `npm run bench -- list` puts the command after `bench`: say how to list instead.
    const hint = ['list', 'report', 'compare', 'mock'].includes(unknown[0]!) ? ` (\`${unknown[0]!}\` is a command of its own: \`llm-concurrency-bench ${unknown[0]!}\`${unknown[0] === 'list' ? ', or `bench --list`' : ''})` : '';
    throw new UsageError(`Unknown suite \`${unknown[0]!}\`${hint}. Known suites: ${[...suites.keys()].join(', ')}.`);
  }
  // Files name their suites; with no names and no files the default suite runs.
  const names = args.suites.length > 0 ? args.suites : fromFiles.length > 0 ? fromFiles : ['strategies'];
  const selected = names.map((s) => suites.get(s)!);
  if (args.format === 'github-action-benchmark') {
    const custom = selected.find((s) => s.kind === 'custom');
    if (custom) throw new UsageError(`--format github-action-benchmark applies to strategy suites; \`${custom.name}\` is not one.`);
  }
  if (args.baseline !== undefined) {
    if (selected.length !== 1) {
      throw new UsageError(`--baseline compares one suite, and ${selected.length} are selected (${selected.map((s) => s.name).join(', ')}); run bench once per suite, each with its own baseline file.`);
    }
    if (selected[0]!.kind === 'custom') throw new UsageError(`--baseline applies to strategy suites; \`${selected[0]!.name}\` is not one.`);
  }
  // Check every suite's rows before running anything, so a typo does not cost a long run.
  for (const suite of selected) {
    if (suite.kind === 'custom') {
      if (args.strategies || args.concurrency) {
        throw new UsageError(`--strategies and --concurrency do not apply to \`${suite.name}\`, which is not a strategy suite.`);
      }
      if (args.scenarioFlags.length > 0) {
        throw new UsageError(`${args.scenarioFlags[0]!} does not apply to \`${suite.name}\`, which runs its own scenario (only --requests, --iterations and --seed reach it).`);
      }
    } else {
      planRows(suite.name, suite.rows, { strategies: args.strategies, concurrency: args.concurrency, sweep: suite.concurrencySweep });
    }
  }
  checkProviderOptions({ ...(args.profile ? { profile: args.profile } : {}), ...args.provider });
  return selected;
}

/** A custom suite's stored JSON: its own fields, under the ones every result file has. */
export function customResultJson(suite: string, output: CustomSuiteOutput, createdAt = new Date()): Record<string, unknown> {
  return { ...output.json, schemaVersion: SCHEMA_VERSION, suite, createdAt: createdAt.toISOString() };
}

/** What one suite's run gives the command: the text to print and the pair of files to write. */
interface SuiteRun {
  text: string;
  files: ResultPair;
  partial: boolean;
  failures: string[];
  /** A strategy suite's results, for `--baseline`. */
  result?: SuiteResult;
}

/** A strategy suite's printed text and its files for `args.format`. */
function strategyOutput(result: SuiteResult, args: BenchArgs, color: boolean): { text: string; files: ResultPair } {
  const json = toJson(result);
  const markdown = renderMarkdown(result);
  switch (args.format) {
    case 'table':
      return { text: renderTable(result, { color, wide: args.wide }), files: { json, markdown } };
    case 'markdown':
      return { text: markdown, files: { json, markdown } };
    case 'json':
      return { text: json, files: { json, markdown } };
    case 'csv': {
      const csv = renderCsv(result);
      return { text: csv, files: { json, markdown, extra: { csv } } };
    }
    case 'github-action-benchmark': {
      const gab = toGithubActionBenchmark(result);
      const extra = { [GAB_FILES.customBiggerIsBetter]: gabFileText(gab.customBiggerIsBetter), [GAB_FILES.customSmallerIsBetter]: gabFileText(gab.customSmallerIsBetter) };
      return { text: toJson(gab), files: { json, markdown, extra } };
    }
  }
}

async function runOne(suite: Suite, args: BenchArgs, io: Io, signal: AbortSignal, key: string | undefined): Promise<SuiteRun> {
  const color = useColor(io.stdout, io.env, args.color);
  if (suite.kind === 'custom') {
    const output: CustomSuiteOutput = await suite.run({ iterations: args.iterations, requests: args.requests, seed: args.seed, signal, ...(args.redisUrl ? { redisUrl: args.redisUrl } : {}) });
    const json = toJson(customResultJson(suite.name, output));
    const markdown = renderCustomMarkdown(output);
    const csv = args.format === 'csv' ? renderCustomCsv(output) : undefined;
    const text = args.format === 'json' ? json : args.format === 'markdown' ? markdown : csv ?? renderCustomTable(output, color);
    return { text, files: { json, markdown, ...(csv ? { extra: { csv } } : {}) }, partial: false, failures: output.failures ?? [] };
  }
  const showBar = args.progress && args.clock === 'real' && io.stderr.isTTY === true;
  const bar = showBar ? new cliProgress.SingleBar({ format: `${suite.name} [{bar}] {value}/{total} iterations · {row}`, stream: io.stderr }, cliProgress.Presets.shades_classic) : undefined;
  let started = false;
  const result = await runSuite(suite, {
    requests: args.requests,
    iterations: args.iterations,
    seed: args.seed,
    clock: args.clock,
    timeScale: args.timeScale,
    transport: args.transport,
    profile: args.profile,
    provider: args.provider,
    strategies: args.strategies,
    concurrency: args.concurrency,
    target: targetFor(args, suite, key),
    signal,
    onProgress: (p) => {
      if (!bar) return;
      const total = p.rows * p.iterations;
      if (!started) bar.start(total, 0, { row: p.row });
      started = true;
      bar.update(p.rowIndex * p.iterations + p.iteration, { row: p.row });
    },
  });
  bar?.stop();
  return { ...strategyOutput(result, args, color), partial: result.partial === true, failures: [], result };
}

/**
 * Writes a run's pair of files; when that fails, says so in one line and saves them to a
 * temporary folder instead. Returns the paths written, or null on failure.
 */
async function save(dir: string, suite: string, run: SuiteRun, io: Io): Promise<string[] | null> {
  try {
    return await writeResultPair(dir, suite, run.files, run.partial);
  } catch (error) {
    if (!(error instanceof ResultsWriteError)) throw error;
    const fallback = await saveFallback(suite, run.files, run.partial);
    io.stderr.write(`bench: ${error.message}; the results are saved in ${dirname(fallback[0]!)}/ instead.\n`);
    return null;
  }
}

/**
 * What `--baseline` needs before the run, so a bad file costs no run: the baseline's results
 * (for a comparison; one line naming the problem when missing, unreadable, corrupt, of
 * another schema or suite), or, with `--update-baseline`, that its folder exists.
 */
async function loadBaseline(args: BenchArgs, suite: Suite, key: string | undefined): Promise<SuiteResult | undefined> {
  if (args.baseline === undefined) return undefined;
  if (args.updateBaseline) {
    if (args.baseline.trim() === '') throw new UsageError('--baseline must name a file, got an empty string.');
    const path = resolve(args.baseline);
    const folder = dirname(path);
    const kind = (p: string): Promise<'folder' | 'other' | 'none'> => stat(p).then((s) => (s.isDirectory() ? 'folder' : 'other'), () => 'none');
    if ((await kind(path)) === 'folder') throw new UsageError(`Failed to use --baseline \`${args.baseline}\`: it is a folder; name the file to write.`);
    const folderKind = await kind(folder);
    if (folderKind !== 'folder') throw new UsageError(`Failed to use --baseline \`${args.baseline}\`: ${folder} ${folderKind === 'none' ? 'does not exist' : 'is not a folder'}.`);
    return undefined;
  }
  const baseline = await readResultsFile(args.baseline, 'baseline');
  if (baseline.suite !== suite.name) {
    throw new UsageError(`baseline \`${args.baseline}\` is of suite \`${baseline.suite}\`, not \`${suite.name}\`: the two differ in \`suite\`.`);
  }
  // What can be compared before the run is, so a mismatch costs no run.
  if (suite.kind !== 'custom') checkPlannedScenario(baseline, runShape(suite, { ...args, target: targetFor(args, suite, key) }));
  return baseline;
}

/**
 * After a complete run: writes it as the baseline (`--update-baseline`), or compares it with
 * the baseline, prints the verdict (on stdout for the table and Markdown formats, on stderr
 * beside machine-readable output) and appends it to the GitHub step summary. Returns 1 on a
 * regression or a failed write; a different scenario throws a {@link UsageError} (exit 2).
 */
async function baselineStep(args: BenchArgs, baseline: SuiteResult | undefined, run: SuiteRun, io: Io): Promise<number> {
  if (args.baseline === undefined || !run.result) return 0;
  if (args.updateBaseline) {
    try {
      await writeFileAtomic(args.baseline, run.files.json);
    } catch (error) {
      if (!(error instanceof ResultsWriteError)) throw error;
      io.stderr.write(`bench: ${error.message}; the baseline was left as it was.\n`);
      return 1;
    }
    io.stderr.write(`baseline written: ${args.baseline}\n`);
    return 0;
  }
  const comparison = gate(baseline!, run.result, args.threshold);
  const toStdout = args.format === 'table' || args.format === 'markdown';
  const stream = toStdout ? io.stdout : io.stderr;
  if (toStdout) io.stdout.write('\n');
  stream.write(renderComparison(comparison, args.format === 'markdown' ? 'markdown' : 'table', useColor(stream, io.env, args.color)));
  await appendStepSummary(comparison, io, 'bench');
  return comparison.regressed ? 1 : 0;
}

/**
 * Runs `bench` with `argv` (after the command name); resolves to the process exit code.
 * `command` names the command in error lines (`list` runs as `bench --list`).
 */
export async function benchCommand(argv: readonly string[], processIo: Io, command: 'bench' | 'list' = 'bench'): Promise<number> {
  let io = processIo;
  const controller = new AbortController();
  let writing = false;
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      // A second Ctrl-C quits at once, unless results are being written: then it waits for the pair.
      if (!writing) process.exit(130);
      return;
    }
    io.stderr.write('\ninterrupted: stopping; a strategy suite saves the rows that finished (Ctrl-C again to quit at once)\n');
    controller.abort(new DOMException('Interrupted by the user', 'AbortError'));
  };
  try {
    const parsed = parseBenchArgs(argv);
    if ('help' in parsed) {
      io.stdout.write(parsed.help);
      return 0;
    }
    const { suites, fromFiles } = await loadSuites(parsed.files);
    if (parsed.list) {
      io.stdout.write(listText(suites));
      return 0;
    }
    const selected = checkArgs(parsed, suites, fromFiles);
    const key = parsed.target === 'openai' ? apiKeyFrom(parsed, io.env) : undefined;
    io = redactingIo(io, key);
    // The cheap checks first: a bad baseline or output folder fails before any estimate.
    const baseline = await loadBaseline(parsed, selected[0]!, key);
    const dir = await prepareOutputDir(parsed.out);
    await preflight(selected, parsed, key, io);
    for (const line of await inFlightMemoryWarnings(selected, parsed)) io.stderr.write(`${line}\n`);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const failures: string[] = [];
    const written: string[] = [];
    let lost = false;
    let lastRun: SuiteRun | undefined;
    for (const suite of selected) {
      const run = await runOne(suite, parsed, io, controller.signal, key);
      io.stdout.write(`${run.text}\n`);
      writing = true;
      const paths = await save(dir, suite.name, run, io);
      writing = false;
      if (paths) written.push(...paths);
      else lost = true;
      if (run.partial || controller.signal.aborted) {
        if (paths) io.stderr.write(`interrupted: the finished rows are in ${paths.join(' and ')}\n`);
        return 130;
      }
      failures.push(...run.failures.map((f) => `${suite.name}: ${f}`));
      lastRun = run;
    }
    if (written.length > 0) io.stderr.write(`results written to ${written.join(', ')}\n`);
    for (const failure of failures) io.stderr.write(`bench: target not met: ${failure}\n`);
    const gateCode = lastRun ? await baselineStep(parsed, baseline, lastRun, io) : 0;
    return lost || failures.length > 0 || gateCode !== 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${command}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof EndpointError || error instanceof RunFailure) {
      io.stderr.write(`bench: ${error.message}\n`);
      return 1;
    }
    if (controller.signal.aborted) return 130;
    io.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
