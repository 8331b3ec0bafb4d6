/**
 * `llm-concurrency-bench report <results.json>`: re-renders saved results as Markdown, one
 * self-contained HTML page, or one SVG file per chart. Exit codes: 0 done, 1 failure
 * (nothing to draw, a file not written), 2 bad command line or bad input file.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { parseResults } from '../bench/parse-results.ts';
import { UsageError } from '../bench/usage-error.ts';
import { renderCharts } from '../report/charts/index.ts';
import { renderHtml } from '../report/html.ts';
import { renderMarkdown } from '../report/markdown.ts';
import type { Io } from './io.ts';
import { parseCommandLine, quietProgram } from './parse-command-line.ts';
import { readTextFile } from './read-text-file.ts';
import { prepareOutputDir, ResultsWriteError, writeFileAtomic } from './results-files.ts';

/** Output formats of `report`. */
export const REPORT_FORMATS = ['markdown', 'html', 'svg'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A parsed `report` command line. */
export interface ReportArgs {
  file: string;
  format: ReportFormat;
  out?: string;
}

function createReportProgram(): Command {
  return quietProgram(new Command('llm-concurrency-bench report')
    .description('Re-render saved results (results/<suite>.json of a strategy suite) as Markdown, an HTML page or SVG charts.')
    .argument('<results.json>', 'a results file written by `bench`')
    .addOption(new Option('--format <format>', 'markdown: the .md bench writes; html: one self-contained page with the table and the charts; svg: one file per chart')
      .choices([...REPORT_FORMATS]).default('markdown'))
    .option('--out <path>', 'markdown, html: the file to write (default: print it); svg: the folder for <suite>-<chart>.svg (default: the results file\'s folder)'));
}

/** Parses `argv` (after the command name); throws {@link UsageError}; `--help` comes back as `{ help }`. */
export function parseReportArgs(argv: readonly string[]): ReportArgs | { help: string } {
  const program = createReportProgram();
  const help = parseCommandLine(program, argv);
  if (help) return help;
  const o = program.opts<{ format: ReportFormat; out?: string }>();
  if (o.out !== undefined && o.out.trim() === '') throw new UsageError('--out must name a file or folder, got an empty string.');
  return { file: program.processedArgs[0] as string, format: o.format, ...(o.out !== undefined ? { out: o.out } : {}) };
}


/** Runs `report` with `argv` (after the command name); resolves to the process exit code. */
export async function reportCommand(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseReportArgs(argv);
    if ('help' in args) {
      io.stdout.write(args.help);
      return 0;
    }
    const text = await readTextFile(args.file);
    let parsed;
    try {
      parsed = parseResults(text);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(`${args.file}: ${error.message}.`);
      throw error;
    }
    if (parsed.kind === 'custom') {
      throw new UsageError(`${args.file} holds the results of \`${parsed.suite}\`, a suite without strategy rows: there is no table or chart to re-render (its Markdown is the .md that bench wrote beside it).`);
    }
    const result = parsed.result;
    if (args.format === 'markdown' || args.format === 'html') {
      const output = args.format === 'markdown' ? renderMarkdown(result) : renderHtml(result, await renderCharts(result));
      if (args.out === undefined) {
        io.stdout.write(output);
        return 0;
      }
      const path = resolve(args.out);
      await prepareOutputDir(dirname(path));
      await writeFileAtomic(path, output);
      io.stderr.write(`report written to ${args.out}\n`);
      return 0;
    }
    const charts = await renderCharts(result);
    if (charts.length === 0) {
      io.stderr.write(`report: no chart applies to \`${result.suite}\` (no speedups, no sweep, no 429s or errors); nothing written.\n`);
      return 1;
    }
    const out = args.out ?? dirname(args.file);
    const dir = await prepareOutputDir(out);
    const written: string[] = [];
    for (const chart of charts) {
      const name = `${basename(result.suite)}-${chart.id}.svg`;
      await writeFileAtomic(join(dir, name), chart.svg);
      written.push(join(out, name));
    }
    io.stderr.write(`charts written to ${written.join(', ')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`report: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ResultsWriteError) {
      // A file could not be written: one line naming it, exit 1.
      const cause = error.cause as NodeJS.ErrnoException | undefined;
      io.stderr.write(`report: Failed to write ${error.path}: ${cause?.code ?? String(cause)}.\n`);
      return 1;
    }
    io.stderr.write(`report: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
