import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** What README.md and docs/ say about the package is true of the package. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY_POINTS: Record<string, () => Promise<Record<string, unknown>>> = {
  'llm-concurrency-bench': () => import('llm-concurrency-bench'),
  'llm-concurrency-bench/mocks': () => import('llm-concurrency-bench/mocks'),
  'llm-concurrency-bench/bench': () => import('llm-concurrency-bench/bench'),
  'llm-concurrency-bench/report': () => import('llm-concurrency-bench/report'),
  'llm-concurrency-bench/pitfalls': () => import('llm-concurrency-bench/pitfalls'),
  'llm-concurrency-bench/distributed': () => import('llm-concurrency-bench/distributed'),
  'llm-concurrency-bench/langchain': () => import('llm-concurrency-bench/langchain'),
};
// The prose: README and the Markdown pages (docs/ also holds a chart, an SVG).
const docs = ['README.md', ...(await readdir(join(ROOT, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const texts = await Promise.all(docs.map(async (doc) => [doc, await readFile(join(ROOT, doc), 'utf8')] as const));

describe('README.md and docs/', () => {
  it('import only what the package exports', async () => {
    const missing: string[] = [];
    for (const [doc, text] of texts) {
      for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'(llm-concurrency-bench[^']*)'/g)) {
        const load = ENTRY_POINTS[m[2]!];
        if (!load) {
          missing.push(`${doc}: no entry point ${m[2]!}`);
          continue;
        }
        const mod = await load();
        for (const item of m[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('type '))) {
          const name = item.split(/\s+as\s+/)[0]!;
          if (!(name in mod)) missing.push(`${doc}: ${name} from ${m[2]!}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('refer to no file outside the repository and no issue number', () => {
    for (const [doc, text] of texts) {
      expect(text, doc).not.toMatch(/\.\.\/shared|DESIGN\.md|\bissue \d|(?<![\w/-])#\d+\b(?!:)/i);
    }
  });

  it('keep the README short', () => {
    expect(Buffer.byteLength(texts.find(([doc]) => doc === 'README.md')![1])).toBeLessThanOrEqual(16 * 1024);
  });
});
