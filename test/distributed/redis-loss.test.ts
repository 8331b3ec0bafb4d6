/** Redis gone in the middle of a run: the run fails with one line instead of waiting for a reconnect forever. */
import { describe, expect, it } from 'vitest';
import { createMockProvider } from '../../mocks/index.ts';
import { RunFailure } from '../../src/bench/run-failure.ts';
import { createDocuments } from '../../src/bench/workload.ts';
import { RealClock } from '../../src/core/real-clock.ts';
import { runOnQueue } from '../../src/distributed/queue-run.ts';
import { findRedisServer, startLocalRedis } from '../../src/distributed/redis-server.ts';
import { providerOptions, workerPolicies, type DistributedScenario } from '../../src/distributed/scenario.ts';
import { alive } from './alive.ts';

/** Slow enough (60 RPM real, 50 inputs) that the run is still going when Redis dies. */
const scenario: DistributedScenario = { limit: { profile: 'free-tier', rpm: 60, burst: 5 }, timeScale: 1, workers: 2, totalConcurrency: 4, seed: 1 };

describe.skipIf(findRedisServer() === null)('runOnQueue when Redis dies mid-run', () => {
  it.each([
    ['dies (SIGKILL)', 'SIGKILL', /^lost Redis at redis:\/\/127\.0\.0\.1:\d+: no answer for 1\.0 s during the run \(/],
    // The connection stays open and nothing answers: only the heartbeat PING can tell.
    ['freezes (SIGSTOP)', 'SIGSTOP', /^lost Redis at redis:\/\/127\.0\.0\.1:\d+: no answer for 1\.0 s during the run \(no answer\)$/],
  ] as const)('Redis %s: rejects with a RunFailure naming it, and leaves no worker', async (_what, signal, message) => {
    const redis = await startLocalRedis();
    const clock = new RealClock();
    const provider = createMockProvider({ ...providerOptions(scenario), clock });
    const server = await provider.listen({ port: 0, host: '127.0.0.1' });
    let pids: readonly number[] = [];
    try {
      const run = runOnQueue({
        redisUrl: redis.url, inputs: createDocuments(50, 1), clock, baseURL: server.url, apiKey: 'sk-mock', model: 'gpt-4o-mini',
        policies: workerPolicies('queue-split', scenario), redisLossMs: 1000,
        onWorkers: (p) => {
          pids = p;
        },
        onRecord: (settled) => {
          if (settled === 1) process.kill(redis.pid, signal);
        },
      });
      const error = await run.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RunFailure);
      expect((error as Error).message).toMatch(message);
      expect(pids.filter(alive)).toEqual([]);
    } finally {
      if (signal === 'SIGSTOP') process.kill(redis.pid, 'SIGCONT');
      await server.close();
      await redis.stop();
    }
  }, 60_000);
});
