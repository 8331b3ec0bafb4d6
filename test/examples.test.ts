import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The code in README.md and docs/ is the code in examples/, and the output pasted under it
 * is what that code prints: each example runs here, as a user would run it (suite files
 * through the bench command), importing the package by its own name.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const NODE = [process.execPath, '--conditions=llm-concurrency-bench-source', '--import', 'tsx'];

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Output that depends on the machine, not the code. */
const normalise = (text: string): string => text.replace(/Node v\d+\.\d+\.\d+/g, 'Node vX').trimEnd();

async function output(example: string): Promise<string> {
  const [node, ...flags] = NODE;
  const out = await mkdtemp(join(tmpdir(), 'example-'));
  dirs.push(out);
  const args = example.endsWith('.bench.ts')
    ? [...flags, 'src/cli.ts', 'bench', example, '--format', 'markdown', '--out', out]
    : [...flags, example];
  const { stdout } = await run(node!, args, { cwd: ROOT, timeout: 60_000 });
  return stdout;
}

interface Block { doc: string; file: string; kind: 'example' | 'output' | 'command'; body: string }

/** What `llm-concurrency-bench ARGS` prints on stdout, run from the repository (results to a temporary folder). */
async function commandOutput(args: string): Promise<string> {
  const [node, ...flags] = NODE;
  const out = await mkdtemp(join(tmpdir(), 'command-'));
  dirs.push(out);
  const argv = args.split(' ').filter((a) => a !== '');
  const extra = argv[0] === 'bench' && !argv.includes('--help') && !argv.includes('--list') ? ['--out', out] : [];
  const { stdout } = await run(node!, [...flags, 'src/cli.ts', ...argv, ...extra], { cwd: ROOT, timeout: 60_000 });
  return `$ npx llm-concurrency-bench ${args}\n${stdout}`;
}

async function blocks(): Promise<Block[]> {
  const docs = ['README.md', ...(await readdir(join(ROOT, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const found: Block[] = [];
  for (const doc of docs) {
    const text = await readFile(join(ROOT, doc), 'utf8');
    for (const m of text.matchAll(/<!-- (example|output): (examples\/[\w.-]+) -->\n```\w*\n([\s\S]*?)```/g)) {
      found.push({ doc, kind: m[1] as Block['kind'], file: m[2]!, body: m[3]! });
    }
    for (const m of text.matchAll(/<!-- command: ([^>]+?) -->\n```\w*\n([\s\S]*?)```/g)) {
      found.push({ doc, kind: 'command', file: m[1]!, body: m[2]! });
    }
  }
  return found;
}

const examples = (await readdir(join(ROOT, 'examples'))).filter((f) => f.endsWith('.ts')).map((f) => `examples/${f}`);
const all = await blocks();

describe('examples/', () => {
  it.each(all.filter((b) => b.kind === 'command').map((b) => [b.file, b.doc, b.body] as const))('`llm-concurrency-bench %s` in %s prints what is pasted', async (args, _doc, body) => {
    expect(normalise(await commandOutput(args))).toBe(normalise(body));
  }, 60_000);

  it.each(examples)('%s is shown in the docs with its output', (file) => {
    expect(all.filter((b) => b.file === file).map((b) => b.kind).sort()).toEqual(['example', 'output']);
  });

  it.each(all.filter((b) => b.kind === 'example').map((b) => [b.file, b.doc, b.body] as const))('%s: the code in %s is the file', async (file, _doc, body) => {
    expect(body).toBe(await readFile(join(ROOT, file), 'utf8'));
  });

  it.each(all.filter((b) => b.kind === 'output').map((b) => [b.file, b.doc, b.body] as const))('%s: the output in %s is what it prints', async (file, _doc, body) => {
    expect(normalise(await output(file))).toBe(normalise(body));
  }, 60_000);
});
