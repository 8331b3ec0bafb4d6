import { readdir } from 'node:fs/promises';
import type { Suite } from '../bench/suite.ts';

/** Where the suites shipped with the toolkit live. */
export const BENCHMARKS_DIR = new URL('../../benchmarks/', import.meta.url);

function isSuite(value: unknown): value is Suite {
  const v = value as { name?: unknown; rows?: unknown; kind?: unknown; run?: unknown } | null;
  return typeof v?.name === 'string' && (Array.isArray(v.rows) || (v.kind === 'custom' && typeof v.run === 'function'));
}

/**
 * Loads every suite a `benchmarks/*.ts` file exports as its default (a suite or a list
 * of suites). Loading at run time keeps the arrows pointing the DESIGN.md way: suites
 * import the library, never the reverse.
 */
export async function discoverSuites(dir: URL = BENCHMARKS_DIR): Promise<Map<string, Suite>> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts')).sort();
  const suites = new Map<string, Suite>();
  for (const file of files) {
    const mod = (await import(new URL(file, dir).href)) as { default?: unknown };
    const exported = Array.isArray(mod.default) ? (mod.default as unknown[]) : [mod.default];
    for (const suite of exported) {
      if (!isSuite(suite)) continue;
      if (suites.has(suite.name)) throw new Error(`Failed to load suites: \`${suite.name}\` is defined twice (second time in benchmarks/${file}).`);
      suites.set(suite.name, suite);
    }
  }
  return suites;
}
