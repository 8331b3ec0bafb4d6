/**
 * A throwaway `redis-server` for the distributed suite and its tests: on a free loopback
 * port, in a temporary folder, with persistence off (`--save '' --appendonly no`), stopped
 * (and its folder removed) afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { RunFailure } from '../bench/run-failure.ts';

/**
 * Redis cannot be used: no `redis-server` to start, or a URL that does not answer. Before a
 * run the suite turns it into a usage error (exit 2); during one it is a {@link RunFailure}
 * (one line, exit 1).
 */
export class RedisUnavailableError extends RunFailure {
  override readonly name = 'RedisUnavailableError';
}

/** The one line printed when there is no `redis-server` to start. */
export const NO_REDIS_SERVER =
  'redis-server not found: install it (apt-get install redis-server) or pass --redis-url redis://HOST:PORT to use your own Redis.';

/** The path of `redis-server` on PATH, or null. */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'redis-server');
    if (spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return null;
}

/** A running throwaway Redis. */
export interface LocalRedis {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  /** The redis-server's pid. */
  pid: number;
  /** Its temporary folder (removed when it stops). */
  dir: string;
  /** Stops the server and removes its folder; later calls return the same promise. */
  stop(): Promise<void>;
}

/** A loopback port nothing listens on right now (picked by the OS, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('Failed to pick a free port.');
  return address.port;
}

/** Resolves once something accepts TCP connections on the port (or rejects after `timeoutMs`). */
async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new RedisUnavailableError(`Failed to start redis-server: it exited with code ${child.exitCode}.`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new RedisUnavailableError(`Failed to start redis-server: port ${port} did not open within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The watchdog `sh` that runs redis-server (`$2…`, in folder `$1`): it prints the server's
 * pid, kills the server when its stdin (a pipe from this process) reaches end of file —
 * this process exited, however it died, even by SIGKILL — and removes the folder once the
 * server is gone; it exits with the server.
 */
const WATCHDOG = [
  'd=$1; shift',
  'exec 3<&0',
  '"$@" </dev/null >/dev/null 2>&1 3<&- & p=$!',
  'echo $p',
  '{ read _ <&3; kill $p 2>/dev/null; } & r=$!',
  'wait $p; s=$?',
  'kill $r 2>/dev/null',
  'rm -rf "$d"',
  'exit $s',
].join('\n');

/** The first line `child` prints (the watchdog's server pid). */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (text.includes('\n')) done();
    };
    const done = (): void => {
      child.stdout?.off('data', onData);
      resolve(text.split('\n')[0]!);
    };
    child.stdout?.on('data', onData);
    child.once('exit', done);
  });
}

/**
 * Starts `redis-server` on a free loopback port in a temporary folder, through a watchdog
 * that stops it and removes the folder when this process exits, however it dies (see
 * {@link WATCHDOG}). Throws {@link RedisUnavailableError} when there is no `redis-server`
 * on PATH or it does not start.
 */
export async function startLocalRedis(options: { timeoutMs?: number } = {}): Promise<LocalRedis> {
  const binary = findRedisServer();
  if (binary === null) throw new RedisUnavailableError(NO_REDIS_SERVER);
  const dir = mkdtempSync(join(tmpdir(), 'llm-bench-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', ''];
  const child = spawn('sh', ['-c', WATCHDOG, 'sh', dir, binary, ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'] });
  // The pipe's other end is the watchdog's: a write after it exited must not crash this process.
  child.stdin?.on('error', () => undefined);
  const pid = Number(await firstLine(child));
  const killServer = (signal: NodeJS.Signals): void => {
    try {
      if (pid > 0) process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  };
  const killOnExit = (): void => {
    killServer('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // End of the watchdog's stdin: it stops the server (SIGTERM) and exits after it.
        child.stdin?.end();
        const timer = setTimeout(() => killServer('SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };
  try {
    if (!(pid > 0)) throw new RedisUnavailableError(`Failed to start redis-server: it exited with code ${child.exitCode}.`);
    await waitForPort(port, child, options.timeoutMs ?? 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, pid, dir, stop };
}
