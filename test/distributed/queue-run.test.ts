import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive } from './alive.ts';
import { createMockProvider, type HttpServerHandle, type MockProvider } from '../../mocks/index.ts';
import { createDocuments } from '../../src/bench/workload.ts';
import { RealClock } from '../../src/core/real-clock.ts';
import { runOnQueue, type QueueRunOptions } from '../../src/distributed/queue-run.ts';
import { findRedisServer, startLocalRedis, type LocalRedis } from '../../src/distributed/redis-server.ts';
import { globalLimiter, providerOptions, workerPolicies, type DistributedScenario } from '../../src/distributed/scenario.ts';
import { VARIANTS } from '../../src/distributed/worker-core.ts';
import { WorkersExitedError } from '../../src/distributed/worker-processes.ts';
import type { Document } from '../../src/bench/workload.ts';

const hasRedis = findRedisServer() !== null;
if (!hasRedis) console.warn('redis-server not found: install it (apt-get install redis-server) to run the distributed tests');

/** Fast: 20 ms latencies, a limit of 1200 RPM real with a burst of 5. */
const scenario: DistributedScenario = { limit: { profile: 'free-tier', rpm: 60, burst: 5 }, timeScale: 0.02, workers: 2, totalConcurrency: 8, seed: 1 };

describe.skipIf(!hasRedis)('runOnQueue on a real Redis', () => {
  let redis: LocalRedis;
  let keys: Redis;
  let provider: MockProvider;
  let server: HttpServerHandle;
  const clock = new RealClock();
  const inputs = createDocuments(12, 1);

  beforeAll(async () => {
    redis = await startLocalRedis();
    keys = new Redis(redis.url);
    provider = createMockProvider({ ...providerOptions(scenario), clock });
    server = await provider.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    keys?.disconnect();
    await server?.close();
    await redis?.stop();
    if (redis) expect(alive(redis.pid)).toBe(false);
  });

  const options = (variant: (typeof VARIANTS)[number], extra: Partial<QueueRunOptions<Document>> = {}): QueueRunOptions<Document> => ({
    redisUrl: redis.url, inputs, clock, baseURL: server.url, apiKey: 'sk-mock', model: 'gpt-4o-mini',
    policies: workerPolicies(variant, scenario),
    ...(variant === 'queue-global' ? { limiter: globalLimiter(scenario) } : {}),
    ...extra,
  });

  for (const variant of VARIANTS) {
    it(`${variant}, K=2: every input settles exactly once, no worker and no key is left`, async () => {
      const result = await runOnQueue(options(variant));
      expect(result.records).toHaveLength(inputs.length);
      expect(result.records.every((r, i) => r !== undefined && r.index === i)).toBe(true);
      const ok = result.records.filter((r) => r.ok).length;
      const failed = result.records.filter((r) => !r.ok).length;
      expect(ok + failed).toBe(inputs.length);
      expect(result.pids).toHaveLength(2);
      expect(result.pids.filter(alive)).toEqual([]);
      expect(result.workerErrors).toEqual([]);
      expect(await keys.dbsize()).toBe(0);
    }, 60_000);
  }

  it('a worker SIGKILLed mid-run: its jobs go back to the queue and every input still settles once', async () => {
    let killed = false;
    const result = await runOnQueue(options('queue-global', {
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
      onRecord: (settled, workers) => {
        if (killed || settled < 3) return;
        killed = true;
        workers.kill(0);
      },
    }));
    expect(killed).toBe(true);
    expect(result.records.filter((r) => r !== undefined)).toHaveLength(inputs.length);
    expect(new Set(result.records.map((r) => r.index)).size).toBe(inputs.length);
    expect(result.pids.filter(alive)).toEqual([]);
    expect(await keys.dbsize()).toBe(0);
  }, 60_000);

  it('every worker dead after it was ready: the run fails with their exit codes instead of waiting forever', async () => {
    let pids: readonly number[] = [];
    const run = runOnQueue(options('queue-split', {
      onWorkers: (p) => {
        pids = p;
        for (const pid of p) process.kill(pid, 'SIGKILL');
      },
    }));
    await expect(run).rejects.toThrow(/^all 2 workers exited before every input settled \(exit worker 0: SIGKILL, worker 1: SIGKILL\)\.$/);
    await expect(run).rejects.toBeInstanceOf(WorkersExitedError);
    expect(pids.filter(alive)).toEqual([]);
    expect(await keys.dbsize()).toBe(0);
  }, 60_000);

  it('an abort mid-run stops the workers and removes the queue from Redis', async () => {
    const controller = new AbortController();
    let pids: readonly number[] = [];
    const run = runOnQueue(options('queue-split', {
      signal: controller.signal,
      onWorkers: (p) => {
        pids = p;
      },
      onRecord: (settled) => {
        if (settled === 2) controller.abort(new Error('stop'));
      },
    }));
    await expect(run).rejects.toThrow('stop');
    expect(pids).toHaveLength(2);
    expect(pids.filter(alive)).toEqual([]);
    expect(await keys.dbsize()).toBe(0);
  }, 60_000);
});
