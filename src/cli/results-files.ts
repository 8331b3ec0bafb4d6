import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../bench/usage-error.ts';

/**
 * Where results go: the output folder is checked before anything runs, and each run's JSON
 * and Markdown are written as a pair — an interrupted run beside, never over, a complete one.
 */

/** A results file could not be written after the run; carries the path for the message. */
export class ResultsWriteError extends Error {
  override readonly name = 'ResultsWriteError';
  constructor(readonly path: string, cause: unknown) {
    super(`Failed to write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

/**
 * Creates `dir` and its missing parents one level at a time. (Node's recursive `mkdir`
 * never settles for some paths under /proc; one level at a time fails fast instead.)
 */
async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    try {
      if (!(await stat(current)).isDirectory()) throw new Error(`${current} is not a folder`);
      break;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' || dirname(current) === current) throw error;
      missing.unshift(current);
    }
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
}

/**
 * Makes sure `out` is a folder this process can write to, creating it if needed; returns
 * its absolute path. Any problem is a {@link UsageError}, reported before a single request.
 */
export async function prepareOutputDir(out: string): Promise<string> {
  if (out.trim() === '') throw new UsageError('--out must name a folder, got an empty string.');
  const dir = resolve(out);
  try {
    await makeDirectory(dir);
    const probe = join(dir, `.write-check-${process.pid}-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const reason = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`Failed to use --out \`${out}\` for results: ${reason}. Please choose a folder you can write to.`);
  }
  return dir;
}

/** One run's files: the same results as JSON and as Markdown. */
export interface ResultPair {
  json: string;
  markdown: string;
}

/** The file names a run writes: `<suite>.json`/`.md`, or `<suite>.partial.*` for an interrupted run. */
export function resultPaths(dir: string, suite: string, partial: boolean): { json: string; markdown: string } {
  const base = join(dir, partial ? `${suite}.partial` : suite);
  return { json: `${base}.json`, markdown: `${base}.md` };
}

/**
 * Writes both files of a run or neither: both go to temporary files first, then are
 * renamed into place one right after the other. A complete run also removes an older
 * interrupted run's partial pair; an interrupted one never touches the complete pair.
 */
export async function writeResultPair(dir: string, suite: string, pair: ResultPair, partial: boolean): Promise<string[]> {
  const paths = resultPaths(dir, suite, partial);
  const suffix = `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const writes: Array<[string, string]> = [[paths.json, pair.json], [paths.markdown, pair.markdown]];
  const temps: string[] = [];
  try {
    for (const [path, text] of writes) {
      temps.push(path + suffix);
      try {
        await writeFile(path + suffix, text, 'utf8');
      } catch (error) {
        throw new ResultsWriteError(path, error);
      }
    }
    for (const [path] of writes) {
      try {
        await rename(path + suffix, path);
      } catch (error) {
        throw new ResultsWriteError(path, error);
      }
    }
  } finally {
    // Best effort: a folder that broke the write may refuse the clean-up too.
    await Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => undefined)));
  }
  if (!partial) {
    const stale = resultPaths(dir, suite, true);
    await Promise.all([rm(stale.json, { force: true }), rm(stale.markdown, { force: true })]);
  }
  return [paths.json, paths.markdown];
}

/** Saves a pair that could not go where it was asked to a new temporary folder; returns the paths. */
export async function saveFallback(suite: string, pair: ResultPair, partial: boolean): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'llm-concurrency-bench-'));
  return writeResultPair(dir, suite, pair, partial);
}
