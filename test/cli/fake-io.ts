import { rm } from 'node:fs/promises';
import { afterAll } from 'vitest';

/** Streams that collect what a command writes (not a TTY, no environment). */
export function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) => ({ isTTY: false, write: (s: string) => (sink.push(s), true) }) as unknown as NodeJS.WriteStream;
  return { io: { stdout: stream(out), stderr: stream(err), env: {} }, out, err };
}

/** Folders to remove after the file's tests: push a temporary folder's path onto it. */
export function tempDirs(): string[] {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  return dirs;
}
