/** Worker processes on a real Redis: how their configuration travels and how a failed start is reported. */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, startLocalRedis, type LocalRedis } from '../../src/distributed/redis-server.ts';
import type { WorkerConfig } from '../../src/distributed/worker-config.ts';
import { startWorkers, WorkerStartError } from '../../src/distributed/worker-processes.ts';

const KEY = 'sk-secret-in-ipc-only-7c1e';

describe.skipIf(findRedisServer() === null)('startWorkers', () => {
  let redis: LocalRedis;
  beforeAll(async () => {
    redis = await startLocalRedis();
  }, 60_000);
  afterAll(async () => {
    await redis?.stop();
  });

  const config = (concurrency: number): WorkerConfig => ({
    id: 0, redisUrl: redis.url, queue: 'worker-processes-test', prefix: 'llm-bench-test', baseURL: 'http://127.0.0.1:9/v1', apiKey: KEY, model: 'gpt-4o-mini',
    policy: { variant: 'queue-split', concurrency, seed: 1, rpm: 600, burst: 5 },
    lockDurationMs: 2000, stalledIntervalMs: 1000,
  });

  it.skipIf(!existsSync('/proc/self/cmdline'))('the configuration (with the API key) is not on the command line', async () => {
    const workers = await startWorkers([config(1)]);
    try {
      const cmdline = readFileSync(`/proc/${workers.pids[0]!}/cmdline`, 'utf8');
      expect(cmdline).toContain('worker-main');
      expect(cmdline).not.toContain(KEY);
    } finally {
      await workers.stop();
    }
  }, 60_000);

  it('a worker that fails to start: its own error message reaches the parent', async () => {
    const error = await startWorkers([config(0)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerStartError);
    expect((error as Error).message).toBe('Failed to start worker 0: Expected `maxConcurrency` to be an integer from 1 and up (or Infinity), got `0` (number)');
  }, 60_000);
});
