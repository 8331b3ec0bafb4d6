import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { reportCommand } from '../../src/cli/report.ts';
import { fixturePath, loadFixture, readSvg } from '../report/helpers.ts';
import { fakeIo, tempDirs } from './fake-io.ts';

const dirs = tempDirs();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
  dirs.push(dir);
});

describe('report --format markdown (the default)', () => {
  it.each(['strategies', 'sweep', 'rate-limits'])('%s: prints the same Markdown as the .md bench wrote', async (suite) => {
    const { io, out, err } = fakeIo();
    expect(await main(['report', fixturePath(suite)], io)).toBe(0);
    expect(out.join('')).toBe(await readFile(fixturePath(suite, 'md'), 'utf8'));
    expect(err.join('')).toBe('');
  });
});

describe('report --format html', () => {
  it('writes one self-contained file with the scenario, the table and the charts', async () => {
    const file = join(dir, 'html', 'rate-limits.html');
    const { io, out, err } = fakeIo();
    expect(await reportCommand([fixturePath('rate-limits'), '--format', 'html', '--out', file], io)).toBe(0);
    expect(out.join('')).toBe('');
    expect(err.join('')).toBe(`report written to ${file}\n`);
    const html = await readFile(file, 'utf8');
    expect(html).not.toContain('http://');
    expect(html).not.toContain('https://');
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link[^>]*\bhref=/i);
    expect(html).toContain('<table>');
    for (const row of loadFixture('rate-limits').rows) expect(html).toContain(`<td>${row.name}</td>`);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(await readdir(join(dir, 'html'))).toEqual(['rate-limits.html']);
  });

  it('prints the page without --out', async () => {
    const { io, out } = fakeIo();
    expect(await reportCommand([fixturePath('sweep'), '--format', 'html'], io)).toBe(0);
    expect(out.join('')).toMatch(/^<!doctype html>[\s\S]*knee: 2[\s\S]*<\/html>\n$/);
  });
});

describe('report --format svg', () => {
  it('writes <suite>-<chart>.svg for each chart that applies into the --out folder', async () => {
    const out = join(dir, 'svg');
    const { io, err } = fakeIo();
    expect(await reportCommand([fixturePath('rate-limits'), '--format', 'svg', '--out', out], io)).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['rate-limits-429s-errors.svg', 'rate-limits-speedup.svg']);
    expect(err.join('')).toBe(`charts written to ${join(out, 'rate-limits-speedup.svg')}, ${join(out, 'rate-limits-429s-errors.svg')}\n`);
    for (const file of await readdir(out)) {
      const svg = await readFile(join(out, file), 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(readSvg(svg).width).toBeGreaterThan(0);
    }
  });

  it('without --out writes beside the results file, and the same input writes the same bytes', async () => {
    const folder = join(dir, 'beside');
    await mkdir(folder);
    await copyFile(fixturePath('sweep'), join(folder, 'sweep.json'));
    const { io } = fakeIo();
    expect(await reportCommand([join(folder, 'sweep.json'), '--format', 'svg'], io)).toBe(0);
    const first = await readFile(join(folder, 'sweep-sweep.svg'), 'utf8');
    expect(await reportCommand([join(folder, 'sweep.json'), '--format', 'svg'], fakeIo().io)).toBe(0);
    expect(await readFile(join(folder, 'sweep-sweep.svg'), 'utf8')).toBe(first);
  });

  it('exits 1 in one line when no chart applies', async () => {
    const result = loadFixture('strategies');
    const lone = { ...result, rows: result.rows.filter((r) => r.name === 'batch-pool').map((r) => ({ ...r, speedup: null })) };
    const file = join(dir, 'lone.json');
    await writeFile(file, JSON.stringify(lone));
    const { io, err } = fakeIo();
    expect(await reportCommand([file, '--format', 'svg', '--out', join(dir, 'none')], io)).toBe(1);
    expect(err.join('')).toMatch(/^report: no chart applies to `strategies`.*nothing written\.\n$/);
  });
});

describe('report: bad input exits 2 with one line and no stack trace', () => {
  const cases: Array<[string, string | null, string[], RegExp]> = [
    ['a missing file', null, [], /^report: Failed to read `.*missing\.json`: no such file \(ENOENT\)\.$/],
    ['a folder', null, ['--folder'], /^report: Failed to read `.*`: it is a folder \(EISDIR\)\.$/],
    ['not JSON', 'hello, world', [], /^report: .*: not JSON \(.+\)\.$/],
    ['not a results file', '{"rows": []}', [], /^report: .*: not a results file: expected an object with `schemaVersion` and `suite`\.$/],
    ['an array', '[1, 2]', [], /^report: .*: not a results file/],
    ['the wrong schemaVersion', '{"schemaVersion": 2, "suite": "strategies", "rows": []}', [], /^report: .*: results schemaVersion 2, but this version of llm-concurrency-bench reads schemaVersion 1\.$/],
    ['rows without a strategy scenario', '{"schemaVersion": 1, "suite": "s", "rows": [{"name": "a"}]}', [], /^report: .* holds the results of `s`, a suite without strategy rows/],
    ['strategy rows that are not rows', '{"schemaVersion": 1, "suite": "s", "scenario": {"clock": "virtual", "provider": {}}, "rows": [{"name": "a"}]}', [], /^report: .*: `scenario` must give/],
    ['a custom suite', '{"schemaVersion": 1, "suite": "mock-overhead", "createdAt": "x", "failures": []}', [], /^report: .* holds the results of `mock-overhead`, a suite without strategy rows: there is no table or chart to re-render/],
    ['an unknown format', '{}', ['--format', 'pdf'], /^report: option '--format <format>' argument 'pdf' is invalid\. Allowed choices are markdown, html, svg\.$/],
    ['an empty --out', '{}', ['--out', ' '], /^report: --out must name a file or folder/],
  ];
  it.each(cases)('%s', async (name, content, extra, message) => {
    let file = join(dir, 'missing.json');
    const flags = extra.filter((f) => f !== '--folder');
    if (extra.includes('--folder')) file = dir;
    if (content !== null) {
      file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
      await writeFile(file, content);
    }
    const { io, out, err } = fakeIo();
    expect(await main(['report', file, ...flags], io)).toBe(2);
    expect(out.join('')).toBe('');
    const lines = err.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(err.join('')).not.toMatch(/\n\s+at /);
  });

  it('a row missing a field the table needs', async () => {
    const result = loadFixture('strategies') as unknown as { rows: Array<{ counts: Record<string, unknown> }> };
    delete result.rows[2]!.counts.errors;
    const file = join(dir, 'broken-row.json');
    await writeFile(file, JSON.stringify(result));
    const { io, err } = fakeIo();
    expect(await reportCommand([file], io)).toBe(2);
    expect(err.join('')).toMatch(/^report: .*: row 3 \(`batch-pool`\): `counts\.errors` must be a number\.\n$/);
  });

  it('no file at all', async () => {
    const { io, err } = fakeIo();
    expect(await reportCommand([], io)).toBe(2);
    expect(err.join('')).toBe("report: missing required argument 'results.json'\n");
  });
});

describe('report --help', () => {
  it('prints the usage once and exits 0', async () => {
    const { io, out } = fakeIo();
    expect(await reportCommand(['--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/^Usage: llm-concurrency-bench report \[options\] <results\.json>/);
    expect(out.join('')).toContain('--format <format>');
  });
});
