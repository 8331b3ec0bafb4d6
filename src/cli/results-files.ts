import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, rename, rm, stat, writeFile } from 'node:fs/promises';
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

/** What the usual failures to create or write a folder mean, in words. */
const REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'part of the path is a file, not a folder',
  ENOENT: 'it cannot be created there',
  EACCES: 'permission denied',
  EPERM: 'this file system does not allow it',
  EROFS: 'the file system is read-only',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'the disk is full',
};

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
    const code = errorCode(error);
    const reason = code === undefined ? (error instanceof Error ? error.message : String(error)) : `${REASONS[code] ?? 'it cannot be written to'} (${code})`;
    throw new UsageError(`Failed to use --out \`${out}\` for results: ${reason}. Please choose a folder you can write to.`);
  }
  return dir;
}

/** One run's files: the same results as JSON and as Markdown, and any others its format adds. */
export interface ResultPair {
  json: string;
  markdown: string;
  /** More files of the same run, keyed by the ending after `<suite>.` (e.g. `csv`, `gab-bigger.json`). */
  extra?: Record<string, string>;
}

/** The file names a run writes: `<suite>.json`/`.md`, or `<suite>.partial.*` for an interrupted run. */
export function resultPaths(dir: string, suite: string, partial: boolean): { json: string; markdown: string } {
  const base = join(dir, partial ? `${suite}.partial` : suite);
  return { json: `${base}.json`, markdown: `${base}.md` };
}

const extraPath = (dir: string, suite: string, partial: boolean, ending: string): string =>
  join(dir, `${partial ? `${suite}.partial` : suite}.${ending}`);

/**
 * Writes both files of a run or neither: both go to temporary files first, then are
 * renamed into place one right after the other. A complete run also removes an older
 * interrupted run's partial pair; an interrupted one never touches the complete pair.
 */
export async function writeResultPair(dir: string, suite: string, pair: ResultPair, partial: boolean): Promise<string[]> {
  const paths = resultPaths(dir, suite, partial);
  const suffix = `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const extras = Object.entries(pair.extra ?? {});
  const writes: Array<[string, string]> = [
    [paths.json, pair.json],
    [paths.markdown, pair.markdown],
    ...extras.map(([ending, text]): [string, string] => [extraPath(dir, suite, partial, ending), text]),
  ];
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
    const staleExtras = extras.map(([ending]) => extraPath(dir, suite, true, ending));
    await Promise.all([stale.json, stale.markdown, ...staleExtras].map((p) => rm(p, { force: true })));
  }
  return writes.map(([path]) => path);
}

/** Test hooks of {@link writeFileAtomic}. */
export interface AtomicWriteHooks {
  /** Called once the temporary file is complete and synced, just before the rename. */
  beforeRename?: (tempPath: string) => Promise<void> | void;
}

/**
 * Replaces `path` with `text` or leaves it as it was: the text goes to a temporary file in
 * the same folder (so the rename cannot cross file systems), is synced to disk, then renamed
 * over `path` in one step. A process killed before the rename leaves the old file intact
 * (and at worst a `<name>.tmp-*` file beside it); a failed write removes its temporary file.
 * Failures are {@link ResultsWriteError}s naming `path`.
 */
export async function writeFileAtomic(path: string, text: string, hooks: AtomicWriteHooks = {}): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error instanceof ResultsWriteError ? error : new ResultsWriteError(path, error);
  }
}

/** Saves a pair that could not go where it was asked to a new temporary folder; returns the paths. */
export async function saveFallback(suite: string, pair: ResultPair, partial: boolean): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'llm-concurrency-bench-'));
  return writeResultPair(dir, suite, pair, partial);
}
