/**
 * A Redis that cannot be reached fails the distributed suite at once with one line and
 * exit 2 (BullMQ's own connections would retry forever), through the real entry point.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RunFailure } from '../../src/bench/run-failure.ts';
import { probeRedis, redactRedisUrl } from '../../src/distributed/redis-probe.ts';
import { freePort as closedPort, RedisUnavailableError } from '../../src/distributed/redis-server.ts';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('an unreachable Redis', () => {
  it('probeRedis rejects with the URL and the cause', async () => {
    const port = await closedPort();
    const error = await probeRedis(`redis://127.0.0.1:${port}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`^cannot reach Redis at redis://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
  });

  it('probeRedis gives up on a port that accepts the connection and never answers, within its timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = performance.now();
      const error = await probeRedis(`redis://127.0.0.1:${port}`, 500).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedisUnavailableError);
      expect((error as Error).message).toBe(`cannot reach Redis at redis://127.0.0.1:${port}: no answer to PING within 0.5 s (is it a Redis server?)`);
      // A wide real-clock margin: it must not wait for ever.
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('is a RunFailure, so a Redis lost between rows is one line and exit 1', () => {
    expect(new RedisUnavailableError('x')).toBeInstanceOf(RunFailure);
  });

  it('hides a password in the URL it names', () => {
    expect(redactRedisUrl('redis://user:s3cret@host:6379/0')).toBe('redis://user:***@host:6379/0');
    expect(redactRedisUrl('redis://host:6379')).toBe('redis://host:6379');
  });

  it('`bench distributed --redis-url` to a closed port: one line, exit 2, no stack', async () => {
    const port = await closedPort();
    const child = spawn(process.execPath, ['--conditions=llm-concurrency-bench-source', '--import', 'tsx', CLI, 'bench', 'distributed', '--redis-url', `redis://127.0.0.1:${port}`], {
      cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^bench: cannot reach Redis at redis://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`))]);
  }, 40_000);
});
