import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { toJson } from '../../src/bench/results.ts';
import { row, suite } from '../bench/compare-fixtures.ts';

function fakeIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) => ({ isTTY: false, write: (s: string) => (sink.push(s), true) }) as unknown as NodeJS.WriteStream;
  return { io: { stdout: stream(out), stderr: stream(err), env }, out, err };
}

let dir: string;
const path = (name: string): string => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compare-cli-'));
  const base = suite([row('serial', 100_000), row('pool', 10_000), row('gone', 5_000)]);
  const same = suite([row('serial', 100_000), row('pool', 10_000), row('gone', 5_000)]);
  const slower = suite([row('serial', 100_000), { ...row('pool', 12_500), options: { maxConcurrency: 8 }, concurrency: 8 }, row('fresh', 1_000)]);
  const otherRpm = suite([row('serial', 100_000)]);
  otherRpm.scenario.provider.rpm = 60;
  const files: Record<string, string> = {
    'base.json': toJson(base),
    'same.json': toJson(same),
    'slower.json': toJson(slower),
    'other-rpm.json': toJson(otherRpm),
    'corrupt.json': '{"schemaVersion": 1, "suite": "strategies", "rows": [',
    'text.json': 'hello\nworld\n',
    'renamed.json': toJson(suite([row('serial-2', 100_000), row('pool-2', 10_000)])),
    'schema2.json': toJson({ ...base, schemaVersion: 2 }),
  };
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(path(name), text)));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('llm-concurrency-bench compare', () => {
  it('exits 0 when nothing regressed', async () => {
    const { io, out, err } = fakeIo();
    expect(await main(['compare', path('base.json'), path('same.json')], io)).toBe(0);
    expect(out.join('')).toMatch(/^compare strategies: .*threshold 10% · virtual clock/);
    expect(out.join('')).toMatch(/OK: nothing regressed\.\n$/);
    expect(err.join('')).toBe('');
  });

  it('exits 1 on a regression and names the rows, option changes and new and missing rows', async () => {
    const { io, out } = fakeIo();
    expect(await main(['compare', path('base.json'), path('slower.json')], io)).toBe(1);
    const text = out.join('');
    expect(text).toContain('1 regressed, 0 improved, 1 unchanged, 1 new, 1 missing');
    expect(text).toMatch(/│ pool +│ regressed \(maxConcurrency 10 → 8\) +│ 10\.00 s → 12\.50 s \(\+25\.0%\) ✗/);
    expect(text).toMatch(/│ fresh +│ new /);
    expect(text).toMatch(/│ gone +│ missing /);
    expect(text).toContain('regressed: pool — makespan 10.00 s → 12.50 s (+25.0%), speedup 10.0x → 8.00x (−20.0%), req/s 10.00 → 8.00 (−20.0%), latency p99 10.00 s → 12.50 s (+25.0%)');
    expect(text).toMatch(/FAIL: 1 row regressed\.\n$/);
  });

  it('--threshold 30 lets a 25 % change pass; "30%" is accepted too', async () => {
    for (const value of ['30', '30%']) {
      const { io } = fakeIo();
      expect(await main(['compare', path('base.json'), path('slower.json'), '--threshold', value], io)).toBe(0);
    }
  });

  it.each([
    [['compare', 'nope.json', 'same.json'], /^compare: Failed to read baseline `.*nope\.json`: no such file \(ENOENT\)\.$/],
    [['compare', 'base.json', 'corrupt.json'], /^compare: current `.*corrupt\.json` is not valid JSON \(/],
    [['compare', 'base.json', 'renamed.json'], /^compare: None of the baseline's 3 rows is in the current results, so nothing was compared; run the same rows \(check --strategies and --concurrency\) or record a new baseline\.$/],
    [['compare', 'base.json', 'text.json'], /^compare: current `.*text\.json` is not valid JSON \(.*"hello world " is not valid JSON\)\.$/],
    [['compare', 'schema2.json', 'same.json'], /^compare: baseline `.*schema2\.json` has schemaVersion 2; this version of llm-concurrency-bench reads schemaVersion 1\.$/],
    [['compare', 'base.json', 'other-rpm.json'], /^compare: The baseline and the current results differ in `scenario\.provider\.rpm` \(500 vs 60\)/],
    [['compare', 'base.json'], /^compare: missing required argument 'current'/],
    [['compare', 'base.json', 'same.json', '--threshold', '-5'], /^compare: .*Expected `--threshold` to be a number from 0 to 1000, got `-5`/],
    [['compare', 'base.json', 'same.json', '--format', 'github-action-benchmark'], /^compare: option '--format <format>' argument 'github-action-benchmark' is invalid/],
    [['compare', '.', 'same.json'], /^compare: Failed to read baseline `.*`: it is a folder \(EISDIR\)\.$/],
  ])('%j exits 2 with one line, no stack trace', async (argv, message) => {
    const { io, out, err } = fakeIo();
    const args = argv.map((a, i) => (i > 0 && a.endsWith('.json') ? path(a) : a === '.' ? dir : a));
    expect(await main(args, io)).toBe(2);
    expect(err.join('').trim()).toMatch(message);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(err.join('')).not.toMatch(/\n\s+at /);
    expect(out.join('')).toBe('');
  });

  it('--format json, markdown and csv', async () => {
    const json = fakeIo();
    expect(await main(['compare', path('base.json'), path('slower.json'), '--format', 'json'], json.io)).toBe(1);
    const parsed = JSON.parse(json.out.join('')) as { regressed: boolean; rows: Array<{ name: string; verdict: string }> };
    expect(parsed.regressed).toBe(true);
    expect(parsed.rows.map((r) => `${r.name}:${r.verdict}`)).toEqual(['serial:unchanged', 'pool:regressed', 'fresh:new', 'gone:missing']);
    const md = fakeIo();
    await main(['compare', path('base.json'), path('slower.json'), '--format', 'markdown'], md.io);
    expect(md.out.join('')).toMatch(/^## ❌ strategies: 1 regressed\n/);
    expect(md.out.join('')).toContain('| pool | regressed (maxConcurrency 10 → 8) | 10.00 s → 12.50 s (+25.0%) ✗ |');
    const csv = fakeIo();
    await main(['compare', path('base.json'), path('slower.json'), '--format', 'csv'], csv.io);
    const lines = csv.out.join('').trim().split('\n');
    expect(lines[0]).toBe('strategy,verdict,options,metric,baseline,current,change,metric_verdict');
    expect(lines).toContain('pool,regressed,maxConcurrency 10 → 8,makespan,10000,12500,0.25,regressed');
    expect(lines).toContain('fresh,new,,,,,,');
  });

  it('appends the Markdown verdict to $GITHUB_STEP_SUMMARY, keeping what was there', async () => {
    const summary = path('summary.md');
    await writeFile(summary, '# earlier step\n');
    const env = { GITHUB_STEP_SUMMARY: summary };
    expect(await main(['compare', path('base.json'), path('same.json')], fakeIo(env).io)).toBe(0);
    expect(await main(['compare', path('base.json'), path('slower.json')], fakeIo(env).io)).toBe(1);
    const text = await readFile(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## ✅ strategies: no regression\n')).toBe(true);
    expect(text).toContain('## ❌ strategies: 1 regressed');
    expect(text).toContain('- regressed: pool — makespan 10.00 s → 12.50 s (+25.0%)');
  });

  it('an unwritable $GITHUB_STEP_SUMMARY is one warning; the verdict stands', async () => {
    const { io, err } = fakeIo({ GITHUB_STEP_SUMMARY: join(dir, 'no-such-folder', 'summary.md') });
    expect(await main(['compare', path('base.json'), path('slower.json')], io)).toBe(1);
    expect(err.join('')).toBe('compare: could not append to GITHUB_STEP_SUMMARY (ENOENT); the verdict stands.\n');
  });
});

describe('bench --baseline', () => {
  // 20 documents at exactly 1 s: serial 20 s, a pool of 5 takes 4 s, a pool of 4 takes 5 s.
  const small = ['strategies', '--requests', '20', '--iterations', '2', '--latency', '1s', '--strategies', 'serial,batch-pool', '--no-progress'];
  let baseline: string;
  beforeAll(async () => {
    baseline = path('strategies-baseline.json');
    const { io, err } = fakeIo();
    expect(await main(['bench', ...small, '--concurrency', '5', '--out', path('run-0'), '--baseline', baseline, '--update-baseline'], io)).toBe(0);
    expect(err.join('')).toContain(`baseline written: ${baseline}\n`);
  });

  it('the same code and scenario: exit 0, verdict under the results table', async () => {
    const { io, out } = fakeIo();
    expect(await main(['bench', ...small, '--concurrency', '5', '--out', path('run-1'), '--baseline', baseline], io)).toBe(0);
    expect(out.join('')).toMatch(/┘\n\(more columns: --wide, or the \.md and \.json files\)\n\n\ncompare strategies: baseline .* · threshold 10% · virtual clock: exact/);
    expect(out.join('')).toContain('0 regressed, 0 improved, 2 unchanged, 0 new, 0 missing');
  });

  it('a planted regression (concurrency 5 → 4): exit 1, the pool row only, summary appended', async () => {
    const summary = path('bench-summary.md');
    const { io, out } = fakeIo({ GITHUB_STEP_SUMMARY: summary });
    expect(await main(['bench', ...small, '--concurrency', '4', '--out', path('run-2'), '--baseline', baseline], io)).toBe(1);
    expect(out.join('')).toContain('regressed: batch-pool — makespan 4.00 s → 5.00 s (+25.0%)');
    expect(out.join('')).not.toContain('regressed: serial');
    expect(await readFile(summary, 'utf8')).toMatch(/^## ❌ strategies: 1 regressed\n/);
  });

  it('machine formats keep stdout clean: the verdict goes to stderr', async () => {
    const { io, out, err } = fakeIo();
    expect(await main(['bench', ...small, '--concurrency', '4', '--out', path('run-3'), '--baseline', baseline, '--format', 'json'], io)).toBe(1);
    expect(() => JSON.parse(out.join('')) as unknown).not.toThrow();
    expect(err.join('')).toContain('regressed: batch-pool');
  });

  it.each([
    [['--requests', '10'], /^bench: The baseline and the current results differ in `scenario\.requests` \(20 vs 10\)/],
    [['--seed', '2'], /^bench: The baseline and the current results differ in `scenario\.seed` \(1 vs 2\)/],
  ])('a different scenario (%j) exits 2 naming the field, before running anything', async (flags, message) => {
    const { io, out, err } = fakeIo();
    const argv = ['bench', ...small, '--concurrency', '5', '--out', path('run-4'), '--baseline', baseline, ...flags];
    // --requests given twice: commander keeps the last.
    expect(await main(argv, io)).toBe(2);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(err.join('')).toMatch(message);
    expect(out.join(''), 'no table: nothing ran').toBe('');
  });

  it('a different provider setting is found after the run: it runs, saves, then exits 2 naming the field', async () => {
    const { io, err } = fakeIo();
    expect(await main(['bench', ...small, '--latency', '2s', '--concurrency', '5', '--out', path('run-4b'), '--baseline', baseline], io)).toBe(2);
    expect(err.join('')).toMatch(/^bench: The baseline and the current results differ in `scenario\.provider\.latency`/m);
    expect(JSON.parse(await readFile(path('run-4b/strategies.json'), 'utf8'))).toMatchObject({ suite: 'strategies' });
  });

  it('a partial baseline is refused before running anything', async () => {
    const partial = path('partial-baseline.json');
    await writeFile(partial, toJson({ ...suite([row('pool')]), partial: true }));
    const { io, out, err } = fakeIo();
    expect(await main(['bench', ...small, '--out', path('run-4c'), '--baseline', partial], io)).toBe(2);
    expect(err.join('')).toBe('bench: The baseline results are from an interrupted run (`partial`); compare complete runs only.\n');
    expect(out.join('')).toBe('');
  });

  it.each([
    [['--baseline', 'missing.json'], /^bench: Failed to read baseline `.*missing\.json`: no such file \(ENOENT\)\.$/],
    [['--baseline', 'corrupt.json'], /^bench: baseline `.*corrupt\.json` is not valid JSON/],
    [['--baseline', 'base.json', '--strategies', 'serial'], null],
    [['--threshold', '5'], /^bench: --threshold only applies with --baseline FILE\.$/],
    [['--update-baseline'], /^bench: --update-baseline needs --baseline FILE: the file to write\.$/],
    [['--baseline', 'base.json', 'parallel'], /^bench: --baseline compares one suite, and 2 are selected \(strategies, parallel\); run bench once per suite/],
    [['--baseline', 'x.json', 'scheduler-overhead'], /^bench: --baseline applies to strategy suites; `scheduler-overhead` is not one\.$/],
    [['--baseline', 'nowhere/x.json', '--update-baseline'], /^bench: Failed to use --baseline `nowhere\/x\.json`: \/.*\/nowhere does not exist\.$/],
    [['--baseline', '/dev/null/x.json', '--update-baseline'], /^bench: Failed to use --baseline `\/dev\/null\/x\.json`: \/dev\/null is not a folder\.$/],
    [['--baseline', '/tmp', '--update-baseline'], /^bench: Failed to use --baseline `\/tmp`: it is a folder; name the file to write\.$/],
    [['--baseline', '', '--update-baseline'], /^bench: --baseline must name a file, got an empty string\.$/],
    [['scheduler-overhead', '--format', 'github-action-benchmark'], /^bench: --format github-action-benchmark applies to strategy suites; `scheduler-overhead` is not one\.$/],
  ])('%j exits 2 before running anything', async (flags, message) => {
    const { io, out, err } = fakeIo();
    const args = flags.map((a) => (a.endsWith('.json') && !a.includes('/') ? path(a) : a));
    // A baseline of another suite: base.json is `strategies` too, so use rate-limits to make the suites differ.
    const argv = message === null ? ['bench', 'rate-limits', ...args] : ['bench', ...(args.includes('scheduler-overhead') ? [] : ['strategies']), ...args];
    expect(await main(argv, io)).toBe(2);
    expect(out.join('')).toBe('');
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(err.join('').trim()).toMatch(message ?? /^bench: baseline `.*base\.json` is of suite `strategies`, not `rate-limits`: the two differ in `suite`\.$/);
  });

  it('--update-baseline replaces the file with the run, which then compares as unchanged', async () => {
    const target = path('updated.json');
    await writeFile(target, toJson(suite([row('old')])));
    const { io } = fakeIo();
    expect(await main(['bench', ...small, '--concurrency', '4', '--out', path('run-5'), '--baseline', target, '--update-baseline'], io)).toBe(0);
    const written = await readFile(target, 'utf8');
    expect(written).toBe(await readFile(path('run-5/strategies.json'), 'utf8'));
    const again = fakeIo();
    expect(await main(['bench', ...small, '--concurrency', '4', '--out', path('run-6'), '--baseline', target], again.io)).toBe(0);
  });
});
