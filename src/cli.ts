#!/usr/bin/env node
/**
 * `llm-concurrency-bench <command>`: the package's one entry point. `bench` runs suites,
 * `report` re-renders saved results, `compare` checks a run against a baseline, `mock` serves
 * the mock provider, `list` shows suites and strategies. Exit codes: 0 done, 1 failure (or a
 * regression), 2 bad command line, 130 interrupted.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { main as mockMain } from '../mocks/cli.ts';
import { benchCommand } from './cli/bench.ts';
import { compareCommand } from './cli/compare.ts';
import { processIo, type Io } from './cli/io.ts';
import { reportCommand } from './cli/report.ts';

const USAGE = `Usage: llm-concurrency-bench <command> [options]

Measure how to run many LLM calls — serial, batch, pools, semaphores, adaptive,
rate-limited — against a mock OpenAI-compatible provider, and print speedup tables.

Commands:
  bench [suite|file...]  run built-in suites or suite files of your own (default: strategies)
  report <results.json>  re-render saved results as Markdown, an HTML page or SVG charts
  compare BASE CURRENT   compare two results files row by row; exit 1 on a regression
  list [file...]         list suites, their rows and the strategies a row can name
  mock                   serve the mock provider on a loopback HTTP port until stopped

Run \`llm-concurrency-bench <command> --help\` for a command's options.
`;

/** The package's version, from the package.json above this file (src/ or dist/src/). */
function version(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'llm-concurrency-bench' && pkg.version) return pkg.version;
    } catch {
      // Not there: try the next level up.
    }
  }
  return 'unknown';
}

/**
 * Treats the loss of the parent process as SIGTERM (its pid changes when it dies), so no
 * run or server outlives whatever started it, even one killed without a chance to pass
 * the signal on.
 */
function stopWithParent(): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, 500);
  timer.unref();
}

/** Runs the command line (without the node and script entries); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'bench':
      return benchCommand(rest, io);
    case 'report':
      return reportCommand(rest, io);
    case 'compare':
      return compareCommand(rest, io);
    case 'list':
      return benchCommand(['--list', ...rest], io, 'list');
    case 'mock': {
      // On success the server keeps the process alive until SIGINT/SIGTERM closes it.
      const result = await mockMain(rest);
      return typeof result === 'number' ? result : 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return 0;
    case '--version':
    case '-v':
      io.stdout.write(`${version()}\n`);
      return 0;
    default:
      io.stderr.write(`llm-concurrency-bench: unknown command \`${command}\`. Commands: bench, compare, report, list, mock (see --help).\n`);
      return 2;
  }
}

// npm's bin is a symlink to this file: compare real paths.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  // No top-level await: a CommonJS suite file may require() this package's modules, which
  // Node refuses while this entry module is still evaluating.
  stopWithParent();
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
