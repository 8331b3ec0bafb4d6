import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of the shipped code, type-only imports included (lint's no-cycle skips
 * those): no file reaches itself, and the root entry reaches neither the mock provider nor
 * the heavy SDKs.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FOLDERS = ['src', 'mocks', 'benchmarks'];

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))));
  return nested.flat();
}

/** Every `import … from '…'` / `export … from '…'` of a file: relative ones as repo paths, bare ones as package names. */
function importsOf(file: string, text: string): { local: string[]; packages: string[] } {
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|import\('([^']+)'\)/gm)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (spec.startsWith('.')) local.push(relative(ROOT, resolve(ROOT, dirname(file), spec)));
    else packages.push(spec);
  }
  return { local, packages };
}

const graph = new Map<string, { local: string[]; packages: string[] }>();
for (const folder of FOLDERS) {
  for (const file of await tsFiles(folder)) graph.set(file, importsOf(file, await readFile(join(ROOT, file), 'utf8')));
}

function findCycle(): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file)?.local ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

function reachable(from: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const node = graph.get(file);
    for (const p of node?.packages ?? []) packages.add(p);
    for (const next of node?.local ?? []) walk(next);
  };
  walk(from);
  return { files, packages };
}

describe('the import graph', () => {
  it('resolves every relative import to a file in the repository', () => {
    const missing = [...graph].flatMap(([file, { local }]) => local.filter((l) => !graph.has(l)).map((l) => `${file} → ${l}`));
    expect(missing).toEqual([]);
  });

  it('has no cycles, type-only imports included', () => {
    expect(findCycle()).toBeNull();
  });

  it('keeps LangChain, an optional peer dependency, out of the root and ./bench entries', () => {
    for (const entry of ['src/index.ts', 'src/bench/index.ts']) {
      const { files, packages } = reachable(entry);
      expect([...files].filter((f) => f.startsWith('src/langchain/')), entry).toEqual([]);
      expect([...packages].filter((p) => p.startsWith('@langchain/')), entry).toEqual([]);
    }
  });

  it('lets the ./langchain entry load without LangChain: its @langchain imports are type-only or dynamic', async () => {
    const { files } = reachable('src/langchain/index.ts');
    const valueImports: string[] = [];
    for (const file of files) {
      const text = await readFile(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/^\s*(import|export)\b([^'"]*?)from\s+'(@langchain\/[^']+)'/gm)) {
        if (!/^\s*type\b/.test(m[2]!)) valueImports.push(`${file}: ${m[0].trim()}`);
      }
    }
    expect([...files].some((f) => f === 'src/langchain/runnable-task.ts')).toBe(true);
    expect(valueImports).toEqual([]);
  });

  it('keeps the root entry free of the mock provider, the SDKs and the harness', () => {
    const { files, packages } = reachable('src/index.ts');
    expect([...files].filter((f) => /^(mocks|src\/bench|src\/report|src\/cli)/.test(f))).toEqual([]);
    expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
  });
});
