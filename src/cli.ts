#!/usr/bin/env node
/**
 * `npm run bench` — parse, run the library, print, exit. Exit codes: 0 done, 1 failure,
 * 2 bad command line, 130 interrupted (partial results written).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import { createMockProvider } from '../mocks/index.ts';
import { toJson, writeFileAtomic } from './bench/results.ts';
import { runSuite } from './bench/run-suite.ts';
import type { CustomSuiteOutput, Suite } from './bench/suite.ts';
import { planRows } from './bench/plan-rows.ts';
import { UsageError } from './bench/usage-error.ts';
import { parseBenchArgs, type BenchArgs } from './cli/args.ts';
import { discoverSuites } from './cli/discover.ts';
import { renderCustomMarkdown, renderMarkdown } from './report/markdown.ts';
import { renderCustomTable, renderTable, useColor } from './report/table.ts';

interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

function listSuites(suites: Map<string, Suite>): string {
  const lines: string[] = [];
  for (const suite of suites.values()) {
    lines.push(`${suite.name} — ${suite.description}`);
    if (suite.kind !== 'custom') {
      for (const row of suite.rows) {
        const options = Object.entries(row.options ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(' ');
        lines.push(`  ${row.name.padEnd(24)} ${row.strategy}${options ? ` (${options})` : ''}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function checkArgs(args: BenchArgs, suites: Map<string, Suite>): Suite[] {
  const unknown = args.suites.filter((s) => !suites.has(s));
  if (unknown.length > 0) throw new UsageError(`Unknown suite \`${unknown[0]!}\`. Known suites: ${[...suites.keys()].join(', ')}.`);
  const selected = args.suites.map((s) => suites.get(s)!);
  // Check every suite's rows before running anything, so a typo does not cost a long run.
  for (const suite of selected) {
    if (suite.kind === 'custom') {
      if (args.strategies || args.concurrency) {
        throw new UsageError(`--strategies and --concurrency do not apply to \`${suite.name}\`, which is not a strategy suite.`);
      }
    } else {
      planRows(suite.name, suite.rows, { strategies: args.strategies, concurrency: args.concurrency, sweep: suite.concurrencySweep });
    }
  }
  try {
    createMockProvider({ ...(args.profile ? { profile: args.profile } : {}), ...args.provider });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return selected;
}

async function runOne(suite: Suite, args: BenchArgs, io: Io, signal: AbortSignal): Promise<{ text: string; interrupted: boolean }> {
  const color = useColor(io.stdout, io.env, args.color);
  const out = (name: string): string => join(args.out, name);
  if (suite.kind === 'custom') {
    const output: CustomSuiteOutput = await suite.run({ iterations: args.iterations, requests: args.requests, seed: args.seed, signal });
    const json = { schemaVersion: 1, suite: suite.name, createdAt: new Date().toISOString(), ...output.json };
    await writeFileAtomic(out(`${suite.name}.json`), toJson(json));
    await writeFileAtomic(out(`${suite.name}.md`), renderCustomMarkdown(output));
    const text = args.format === 'json' ? toJson(json) : args.format === 'markdown' ? renderCustomMarkdown(output) : renderCustomTable(output, color);
    return { text, interrupted: false };
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
  await writeFileAtomic(out(`${suite.name}.json`), toJson(result));
  await writeFileAtomic(out(`${suite.name}.md`), renderMarkdown(result));
  const text = args.format === 'json' ? toJson(result) : args.format === 'markdown' ? renderMarkdown(result) : renderTable(result, color);
  return { text, interrupted: result.partial === true };
}

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr.write('\ninterrupted: cancelling requests in flight and writing the finished rows (Ctrl-C again to quit at once)\n');
    controller.abort(new DOMException('Interrupted by the user', 'AbortError'));
  };
  try {
    const parsed = parseBenchArgs(argv);
    if ('help' in parsed) {
      io.stdout.write(parsed.help);
      return 0;
    }
    const suites = await discoverSuites();
    if (parsed.list) {
      io.stdout.write(listSuites(suites));
      return 0;
    }
    const selected = checkArgs(parsed, suites);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    for (const suite of selected) {
      const { text, interrupted } = await runOne(suite, parsed, io, controller.signal);
      io.stdout.write(`${text}\n`);
      if (interrupted || controller.signal.aborted) return 130;
    }
    io.stderr.write(`results written to ${parsed.out}/ (${selected.map((s) => `${s.name}.json, ${s.name}.md`).join('; ')})\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`bench: ${error.message}\n`);
      return 2;
    }
    if (controller.signal.aborted) return 130;
    io.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
