/** The langchain suite, end to end through the command line, and the one line a missing LangChain gives. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { SuiteResult } from '../../src/bench/results.ts';
import { UsageError } from '../../src/bench/usage-error.ts';
import { loadOptional } from '../../src/langchain/load-optional.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const CLI = ['--conditions=llm-concurrency-bench-source', '--import', 'tsx', 'src/cli.ts'];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'langchain-suite-'));
  dirs.push(dir);
  return dir;
};

describe('langchain suite', () => {
  // A real-clock margin, not a speed assertion: the overhead figure stops at its next run.
  it('its scheduler-overhead analysis settles within 1.5 s of Ctrl-C, with an AbortError', async () => {
    const suite = (await import('../../benchmarks/langchain.ts')).default;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('Interrupted by the user', 'AbortError')), 300);
    let abortedAt = Number.NaN;
    controller.signal.addEventListener('abort', () => (abortedAt = performance.now()));
    const outcome = await Promise.resolve(suite.analyze!({} as SuiteResult, { signal: controller.signal })).then(() => null, (error: unknown) => error);
    const settledAt = performance.now();
    clearTimeout(timer);
    expect(outcome).toMatchObject({ name: 'AbortError' });
    expect(settledAt - abortedAt).toBeLessThan(1500);
  }, 30_000);

  it('runs through the CLI: LangChain batch and abatch meet the same ideal with the same makespan, plain and over a ChatOpenAI chain', async () => {
    const out = await tempDir();
    const { stdout } = await run(process.execPath, [...CLI, 'bench', 'langchain', '--requests', '30', '--iterations', '2', '--format', 'json', '--out', out], { cwd: ROOT, timeout: 120_000 });
    const result = JSON.parse(stdout) as SuiteResult;
    const row = (name: string) => result.rows.find((r) => r.name === name)!;
    expect(result.rows.map((r) => [r.name, r.strategy, r.concurrency])).toEqual([
      ['serial', 'serial', 1],
      ['abatch', 'abatch', 20],
      ['langchain-batch', 'langchainBatch', 20],
      ['chain-abatch', 'abatch', 20],
      ['chain-langchain-batch', 'langchainBatch', 20],
    ]);
    for (const r of result.rows) {
      expect(r.counts, r.name).toMatchObject({ requests: 30, ok: 30, errors: 0, retries: 0 });
      expect(r.makespanMs.median, r.name).toBeCloseTo(r.idealMs, 6);
      expect(r.peakInFlight, r.name).toBe(r.concurrency);
    }
    expect(row('langchain-batch').makespanMs.median).toBe(row('abatch').makespanMs.median);
    expect(row('chain-langchain-batch').makespanMs.median).toBe(row('chain-abatch').makespanMs.median);
    expect(result.notes.join('\n')).toMatch(/^scheduler overhead, 10,000 trivial tasks at maxConcurrency 20 .*: abatch [\d.]+ µs\/task, LangChain batch [\d.]+ µs\/task/m);
  }, 180_000);
});

describe('without LangChain installed', () => {
  it('loadOptional() turns a missing package into one line naming what to install', async () => {
    const missing = loadOptional('@langchain/not-installed', () => import('@langchain/not-installed' as string));
    await expect(missing).rejects.toBeInstanceOf(UsageError);
    await expect(missing).rejects.toThrow(/^llm-concurrency-bench\/langchain needs @langchain\/not-installed, an optional peer dependency that is not installed: npm install @langchain\/not-installed$/);
  });

  it('loadOptional() lets any other failure through', async () => {
    const boom = new Error('boom');
    await expect(loadOptional('@langchain/core', () => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('a suite that needs a missing package stops the CLI with that line and exit code 2', async () => {
    const out = await tempDir();
    const failed = await run(process.execPath, [...CLI, 'bench', 'test/cli/fixtures/needs-missing-package.bench.ts', '--out', out], { cwd: ROOT, timeout: 60_000 })
      .then(() => null, (e: { code: number; stderr: string }) => e);
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toBe('bench: llm-concurrency-bench/langchain needs @langchain/not-installed, an optional peer dependency that is not installed: npm install @langchain/not-installed\n');
  }, 60_000);
});
