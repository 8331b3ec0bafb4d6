import { randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, open, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
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

/** Where writing a path lands: the file to write, and whether to write it in place rather than replace it. */
interface WriteTarget {
  path: string;
  inPlace: boolean;
}

/**
 * Where writing `path` should land, so that replacing a file never replaces something that
 * is not one: a symbolic link is followed to the file it names (the link stays a link), a
 * device or pipe (`/dev/null`, `/dev/stdout`) is written in place, a folder is refused.
 */
async function writeTarget(path: string): Promise<WriteTarget> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { path, inPlace: false };
    throw error;
  }
  if (info.isSymbolicLink()) {
    try {
      return await writeTarget(await realpath(path));
    } catch (error) {
      // A link to a file not there yet (through any further links): create that file.
      if (errorCode(error) === 'ENOENT') return writeTarget(resolve(dirname(path), await readlink(path)));
      throw error;
    }
  }
  if (info.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
  return { path, inPlace: !info.isFile() };
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
    const targets: WriteTarget[] = [];
    for (const [path, text] of writes) {
      try {
        const target = await writeTarget(path);
        targets.push(target);
        if (target.inPlace) continue;
        temps.push(target.path + suffix);
        await writeFile(target.path + suffix, text, 'utf8');
      } catch (error) {
        throw new ResultsWriteError(path, error);
      }
    }
    for (const [i, [path, text]] of writes.entries()) {
      const target = targets[i]!;
      try {
        if (target.inPlace) await writeFile(target.path, text, 'utf8');
        else await rename(target.path + suffix, target.path);
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
 * A symbolic link is followed and a device or pipe written in place (see {@link writeTarget}).
 * Failures are {@link ResultsWriteError}s naming `path`.
 */
export async function writeFileAtomic(path: string, text: string, hooks: AtomicWriteHooks = {}): Promise<void> {
  let temp: string | undefined;
  try {
    const target = await writeTarget(path);
    if (target.inPlace) {
      await writeFile(target.path, text, 'utf8');
      return;
    }
    temp = `${target.path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp);
    await rename(temp, target.path);
  } catch (error) {
    if (temp !== undefined) await rm(temp, { force: true }).catch(() => undefined);
    throw error instanceof ResultsWriteError ? error : new ResultsWriteError(path, error);
  }
}

/** Saves a pair that could not go where it was asked to a new temporary folder; returns the paths. */
export async function saveFallback(suite: string, pair: ResultPair, partial: boolean): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'llm-concurrency-bench-'));
  return writeResultPair(dir, suite, pair, partial);
}
