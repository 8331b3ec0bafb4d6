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

/** Thrown when no `redis-server` can be started and no Redis URL was given. */
export class RedisUnavailableError extends Error {
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
  pid: number;
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
 * Starts `redis-server` on a free loopback port in a temporary folder. The server dies
 * with this process (killed on exit). Throws {@link RedisUnavailableError} when there is
 * no `redis-server` on PATH.
 */
export async function startLocalRedis(options: { timeoutMs?: number } = {}): Promise<LocalRedis> {
  const binary = findRedisServer();
  if (binary === null) throw new RedisUnavailableError(NO_REDIS_SERVER);
  const dir = mkdtempSync(join(tmpdir(), 'llm-bench-redis-'));
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', ''], {
    cwd: dir,
    stdio: 'ignore',
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };
  try {
    await waitForPort(port, child, options.timeoutMs ?? 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid ?? -1, stop };
}
