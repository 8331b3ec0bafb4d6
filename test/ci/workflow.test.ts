import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseBenchArgs } from '../../src/cli/args.ts';
import { GAB_FILES } from '../../src/report/github-action-benchmark.ts';

/** The example workflow for a user's repository (.github/workflows/bench.yml) is valid YAML and calls the command as it exists. */
interface Step { uses?: string; run?: string; name?: string; if?: string; with?: Record<string, unknown> }
interface Workflow { on: Record<string, unknown>; env: Record<string, string>; jobs: Record<string, { 'runs-on': string; steps: Step[] }> }

const text = await readFile(new URL('../../.github/workflows/bench.yml', import.meta.url), 'utf8');
const workflow = parse(text) as Workflow;
const steps = workflow.jobs.bench!.steps;

/** Splits a shell command line into words, expanding "$VAR" from the workflow's env. */
const words = (line: string): string[] =>
  [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2]!).replace(/\$([A-Z_]+)/g, (_, name: string) => workflow.env[name] ?? `$${name}`));

describe('.github/workflows/bench.yml', () => {
  it('parses, with a job that checks out, sets up Node 20 and installs', () => {
    expect(Object.keys(workflow.on)).toContain('workflow_dispatch');
    const uses = steps.map((s) => s.uses?.replace(/@.*/, ''));
    expect(uses.indexOf('actions/checkout')).toBe(0);
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(String(node.with!['node-version'])).toBe('20');
    expect(steps.some((s) => s.run === 'npm ci')).toBe(true);
    expect(steps.some((s) => s.run?.includes('npm install') && s.run.includes('llm-concurrency-bench'))).toBe(true);
  });

  it('runs the suite with --baseline, and the flags parse as bench parses them', () => {
    const bench = steps.filter((s) => s.run?.includes('llm-concurrency-bench bench'));
    expect(bench).toHaveLength(1);
    const argv = words(bench[0]!.run!);
    expect(argv.slice(0, 3)).toEqual(['npx', 'llm-concurrency-bench', 'bench']);
    const args = parseBenchArgs(argv.slice(3));
    expect('help' in args).toBe(false);
    if ('help' in args) return;
    expect(args.baseline).toBe(workflow.env.BASELINE);
    expect(args.updateBaseline).toBe(false);
    expect(args.files).toEqual([workflow.env.SUITE]);
    expect(args.format).toBe('github-action-benchmark');
    expect(args.out).toBe(workflow.env.OUT);
  });

  it('points each github-action-benchmark tool at the file of its direction', () => {
    const gab = steps.filter((s) => s.uses?.startsWith('benchmark-action/github-action-benchmark@'));
    expect(gab).toHaveLength(2);
    for (const step of gab) {
      const tool = step.with!.tool as keyof typeof GAB_FILES;
      expect(Object.keys(GAB_FILES)).toContain(tool);
      const file = String(step.with!['output-file-path']);
      expect(file.startsWith(`${workflow.env.OUT}/`)).toBe(true);
      expect(file.endsWith(`.${GAB_FILES[tool]}`)).toBe(true);
      expect(step.if).toContain(file);
    }
    expect(new Set(gab.map((s) => s.with!.tool))).toEqual(new Set(['customBiggerIsBetter', 'customSmallerIsBetter']));
  });
});
