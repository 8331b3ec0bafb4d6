import { readFile } from 'node:fs/promises';
import { UsageError } from '../bench/usage-error.ts';

/** What the usual failures to read a file mean, in words. */
const READ_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  ENOTDIR: 'part of the path is a file, not a folder',
};

/**
 * Reads a UTF-8 file the user named; any failure is one {@link UsageError} line in the same
 * words for every command: `Failed to read LABEL: no such file (ENOENT).`
 */
export async function readTextFile(path: string, label = `\`${path}\``): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === undefined ? (error instanceof Error ? error.message : String(error)) : `${READ_REASONS[code] ?? 'it cannot be read'} (${code})`;
    throw new UsageError(`Failed to read ${label}: ${reason}.`);
  }
}
