import { execFileSync, spawn } from 'node:child_process';
import { lstat, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultsWriteError, writeFileAtomic } from '../../src/cli/results-files.ts';

/**
 * What these prove: the old baseline is intact, byte for byte, when the writing process is
 * killed (SIGKILL, no clean-up) after the complete temporary file exists and before the
 * rename, and when the write fails at that point; a successful write replaces it whole. They
 * do not prove durability across a power loss (the folder itself is not synced).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/atomic-write-child.ts', import.meta.url));
const OLD = '{"schemaVersion": 1, "suite": "old"}\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic(): the baseline is replaced whole or not at all', () => {
  it('a process killed after writing the temporary file, before the rename, leaves the old file intact', async () => {
    const target = join(dir, 'killed.json');
    await writeFile(target, OLD);
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, target, '1000000'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const temp = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /^temp-written (.+)\n/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before writing`)));
    });
    // The temporary file is complete and beside the target, in the same folder.
    expect((await readFile(temp, 'utf8')).length).toBe(1_000_000);
    expect(temp.startsWith(`${target}.tmp-`)).toBe(true);
    const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await readFile(target, 'utf8')).toBe(OLD);
  });

  it('a write that fails after the temporary file is written leaves the old file intact and no temporary file', async () => {
    const target = join(dir, 'throws.json');
    await writeFile(target, OLD);
    const write = writeFileAtomic(target, 'new contents\n', { beforeRename: () => { throw new Error('disk pulled'); } });
    await expect(write).rejects.toBeInstanceOf(ResultsWriteError);
    await expect(write).rejects.toThrow(`Failed to write ${target}: disk pulled`);
    expect(await readFile(target, 'utf8')).toBe(OLD);
    expect((await readdir(dir)).filter((f) => f.startsWith('throws.json.tmp-'))).toEqual([]);
  });

  it('a successful write replaces the file and leaves nothing beside it', async () => {
    const target = join(dir, 'ok.json');
    await writeFile(target, OLD);
    await writeFileAtomic(target, 'new contents\n');
    expect(await readFile(target, 'utf8')).toBe('new contents\n');
    expect((await readdir(dir)).filter((f) => f.startsWith('ok.json'))).toEqual(['ok.json']);
  });

  it('a folder that does not exist is a ResultsWriteError naming the file', async () => {
    const target = join(dir, 'missing', 'x.json');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(`Failed to write ${target}: ENOENT`);
  });
});

describe('writeFileAtomic() replaces only regular files', () => {
  it('follows a symbolic link to its file and keeps the link', async () => {
    const real = join(dir, 'real.json');
    const link = join(dir, 'link.json');
    await writeFile(real, OLD);
    await symlink(real, link);
    await writeFileAtomic(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe('new');
  });

  it('creates the file a dangling link names', async () => {
    const link = join(dir, 'dangling.json');
    await symlink('made-by-link.json', link);
    await writeFileAtomic(link, 'made');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, 'made-by-link.json'), 'utf8')).toBe('made');
  });

  it('follows a chain of links that ends in a missing file, and keeps every link', async () => {
    const first = join(dir, 'first.json');
    const second = join(dir, 'second.json');
    await symlink('second.json', first);
    await symlink('end-of-chain.json', second);
    await writeFileAtomic(first, 'chained');
    expect([(await lstat(first)).isSymbolicLink(), (await lstat(second)).isSymbolicLink()]).toEqual([true, true]);
    expect(await readFile(join(dir, 'end-of-chain.json'), 'utf8')).toBe('chained');
  });

  it('writes a device or pipe in place instead of renaming a file over it', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = readFile(fifo, 'utf8');
    await writeFileAtomic(fifo, 'through the pipe');
    expect(await reader).toBe('through the pipe');
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it('refuses a folder, naming it', async () => {
    const folder = await mkdtemp(join(dir, 'folder-'));
    const error = await writeFileAtomic(folder, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResultsWriteError);
    expect((error as Error).message).toBe(`Failed to write ${folder}: it is a folder`);
    expect(await readdir(folder)).toEqual([]);
  });
});
