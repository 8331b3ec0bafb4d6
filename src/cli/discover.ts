import { access, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Suite } from '../bench/suite.ts';
import { UsageError } from '../bench/usage-error.ts';

/**
 * Finds suites: the ones shipped in `benchmarks/`, and the ones a user's own files export.
 * Loading at run time keeps the layer arrows one way: suites import the library, never
 * the reverse.
 */

/** Where the suites shipped with the toolkit live (`benchmarks/`, or `dist/benchmarks/` when installed). */
export const BENCHMARKS_DIR = new URL('../../benchmarks/', import.meta.url);

/** File endings a suite file may have. */
const SUITE_FILE = /\.(?:[cm]?ts|[cm]?js)$/;
const TYPESCRIPT = /\.[cm]?ts$/;

function isSuite(value: unknown): value is Suite {
  const v = value as { name?: unknown; rows?: unknown; kind?: unknown; run?: unknown } | null;
  return typeof v?.name === 'string' && (Array.isArray(v.rows) || (v.kind === 'custom' && typeof v.run === 'function'));
}

/** The suites a module exports as its default: one suite or a list of them. */
function suitesOf(mod: { default?: unknown }): Suite[] {
  const exported = Array.isArray(mod.default) ? (mod.default as unknown[]) : [mod.default];
  return exported.filter(isSuite);
}

/**
 * Imports a `.ts` file on Node 20 through tsx, as ES module or CommonJS as its package says.
 * Under `node --import tsx` (this repository's own scripts) a plain import already works.
 */
async function importTypeScript(url: string): Promise<{ default?: unknown }> {
  if (import.meta.url.endsWith('.ts')) return (await import(url)) as { default?: unknown };
  const { tsImport } = await import('tsx/esm/api');
  const mod = (await tsImport(url, import.meta.url)) as { default?: { __esModule?: boolean; default?: unknown } };
  // A file compiled to CommonJS arrives as { default: module.exports }.
  return mod.default?.__esModule === true ? mod.default : mod;
}

/**
 * One line for a failure to import a suite file: the first line of the error, with the
 * next one when the first only announces it (a syntax error's `Transform failed with 1
 * error:` is followed by `file:line:column: ERROR: …`).
 */
function loadFailure(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const [first = 'unknown error', second] = lines;
  return first.endsWith(':') && second !== undefined ? `${first} ${second}` : first;
}

/** Loads every suite the shipped `benchmarks/` files export. */
export async function discoverSuites(dir: URL = BENCHMARKS_DIR): Promise<Map<string, Suite>> {
  const files = (await readdir(dir)).filter((f) => SUITE_FILE.test(f) && !/\.d\.[cm]?ts$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.mjs')).sort();
  const suites = new Map<string, Suite>();
  for (const file of files) {
    for (const suite of suitesOf((await import(new URL(file, dir).href)) as { default?: unknown })) {
      if (suites.has(suite.name)) throw new Error(`Failed to load suites: \`${suite.name}\` is defined twice (second time in benchmarks/${file}).`);
      suites.set(suite.name, suite);
    }
  }
  return suites;
}

/** Imports a user's suite file; every failure is a {@link UsageError} naming the file. */
export async function loadSuiteFile(path: string): Promise<Suite[]> {
  const absolute = resolve(path);
  try {
    await access(absolute);
  } catch {
    throw new UsageError(`Failed to load suite file \`${path}\`: there is no such file.`);
  }
  if (!SUITE_FILE.test(path)) throw new UsageError(`Failed to load suite file \`${path}\`: expected a .ts, .mts, .js or .mjs file.`);
  let mod: { default?: unknown };
  try {
    const url = pathToFileURL(absolute).href;
    mod = TYPESCRIPT.test(path) ? await importTypeScript(url) : ((await import(url)) as { default?: unknown });
  } catch (error) {
    throw new UsageError(`Failed to load suite file \`${path}\`: ${loadFailure(error)}`);
  }
  const suites = suitesOf(mod);
  if (suites.length === 0) {
    throw new UsageError(`Failed to load suite file \`${path}\`: its default export is not a suite. Please \`export default defineSuite({ … })\` (or a list of suites).`);
  }
  return suites;
}

/** The shipped suites plus those of `files`; `fromFiles` lists the files' suite names in order. */
export async function loadSuites(files: readonly string[]): Promise<{ suites: Map<string, Suite>; fromFiles: string[] }> {
  const suites = await discoverSuites();
  const fromFiles: string[] = [];
  for (const file of files) {
    for (const suite of await loadSuiteFile(file)) {
      if (suites.has(suite.name)) {
        throw new UsageError(`Failed to load suite file \`${file}\`: suite \`${suite.name}\` has the name of ${fromFiles.includes(suite.name) ? 'another suite from a file' : 'a built-in suite'}. Please rename it.`);
      }
      suites.set(suite.name, suite);
      fromFiles.push(suite.name);
    }
  }
  return { suites, fromFiles };
}
