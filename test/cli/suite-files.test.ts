import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeIo, tempDirs } from './fake-io.ts';
import { benchCommand, checkProviderOptions, customResultJson } from '../../src/cli/bench.ts';
import { UsageError } from '../../src/bench/usage-error.ts';
import { SCHEMA_VERSION } from '../../src/bench/results.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const dirs = tempDirs();

describe('bench with a suite file of the user\'s own', () => {
  it('runs the file\'s suite with its own task and inputs and prints the table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-user-'));
    dirs.push(dir);
    const { io, out, err } = fakeIo();
    expect(await benchCommand([fixture('user.bench.ts'), '--requests', '10', '--latency', '1s', '--out', dir], io)).toBe(0);
    expect(err.join('')).toContain('user-questions.json');
    expect(out.join('')).toContain('suite user-questions');
    const json = JSON.parse(await readFile(join(dir, 'user-questions.json'), 'utf8')) as { rows: Array<{ name: string; makespanMs: { median: number } }> };
    expect(json.rows.map((r) => [r.name, r.makespanMs.median])).toEqual([['serial', 10_000], ['pool', 2_000]]);
  });

  it('a custom suite with an unmet target prints and saves its results, then exits 1 naming the target', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-unmet-'));
    dirs.push(dir);
    const { io, out, err } = fakeIo();
    expect(await benchCommand([fixture('unmet-target.bench.ts'), '--out', dir], io)).toBe(1);
    expect(out.join('')).toContain('ratio = 2.50× (target ≤ 2: NOT met)');
    expect(JSON.parse(await readFile(join(dir, 'unmet-target.json'), 'utf8'))).toMatchObject({ suite: 'unmet-target', ratio: 2.5 });
    expect(err.join('')).toMatch(/^results written to .*\nbench: target not met: unmet-target: ratio = 2\.50×, above the target of at most 2×\n$/);
  });

  it.each([
    [['./no/such.bench.ts'], 'bench: Failed to load suite file `./no/such.bench.ts`: there is no such file.'],
    [[fixture('not-a-suite.mjs')], 'its default export is not a suite'],
  ])('%j exits 2 with one line', async (argv, message) => {
    const { io, err, out } = fakeIo();
    expect(await benchCommand(argv, io)).toBe(2);
    expect(err.join('')).toContain(message);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(out.join('')).toBe('');
  });

  it.each([
    [['--rpm', '60'], '--rpm'],
    [['--clock', 'real'], '--clock'],
    [['--latency', '1s', '--error-rate', '0.1'], '--latency'],
  ])('a custom suite refuses the mock scenario\'s flags %j, which it would ignore: one line, exit 2', async (flags, named) => {
    const { io, err, out } = fakeIo();
    expect(await benchCommand(['scheduler-overhead', ...flags], io)).toBe(2);
    expect(err.join('')).toBe(`bench: ${named} does not apply to \`scheduler-overhead\`, which runs its own scenario (only --requests, --iterations and --seed reach it).\n`);
    expect(out.join('')).toBe('');
  });

  it('a suite file with a syntax error: one line with the file, line and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-syntax-'));
    dirs.push(dir);
    const file = join(dir, 'broken.bench.ts');
    await writeFile(file, 'export default {\n  name: "x",,\n};\n');
    // The real entry point: vitest would compile the file with its own transform, not tsx's.
    const run = spawnSync(process.execPath, ['--conditions=llm-concurrency-bench-source', '--import', 'tsx', 'src/cli.ts', 'bench', file], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`bench: Failed to load suite file \`${file}\`: Transform failed with 1 error: ${file}:2:12: ERROR: Expected identifier but found ","\n`);
  });

  it('names the list command in its error line', async () => {
    const { io, err } = fakeIo();
    expect(await benchCommand(['--list', './no/such.bench.ts'], io, 'list')).toBe(2);
    expect(err.join('')).toBe('list: Failed to load suite file `./no/such.bench.ts`: there is no such file.\n');
  });
});

describe('customResultJson()', () => {
  it('keeps schemaVersion, suite and createdAt whatever the suite\'s own JSON holds', () => {
    const output = { title: 't', header: [], rows: [], notes: [], json: { schemaVersion: 99, suite: 'other', createdAt: 'yesterday', figure: 3 } };
    expect(customResultJson('mine', output, new Date('2026-01-02T03:04:05Z'))).toEqual({
      schemaVersion: SCHEMA_VERSION, suite: 'mine', createdAt: '2026-01-02T03:04:05.000Z', figure: 3,
    });
  });
});

describe('checkProviderOptions()', () => {
  it('turns an invalid provider flag into a usage error', () => {
    expect(() => checkProviderOptions({ rpm: -1 })).toThrow(UsageError);
  });

  it('lets a bug through as itself, not as a usage error (exit 1, not 2)', () => {
    const bug = new Error('cannot read properties of undefined');
    expect(() => checkProviderOptions({}, () => { throw bug; })).toThrow(bug);
  });
});
