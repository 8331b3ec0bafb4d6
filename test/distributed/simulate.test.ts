import { describe, expect, it } from 'vitest';
import { createDocuments } from '../../src/bench/workload.ts';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { simulate } from '../../src/distributed/simulate.ts';
import { globalLimiter, LIMIT_PRESETS, workerPolicies, type DistributedScenario, type LimitPreset } from '../../src/distributed/scenario.ts';
import { WindowLimiter } from '../../src/distributed/window-limiter.ts';

/** The `ci` profile's fixed 50 ms latency, so makespans are exact sums. */
const fixed = (rpm: number, burst: number): LimitPreset => ({ profile: 'ci', rpm, burst });
const scenario = (limit: LimitPreset, workers: number, totalConcurrency: number): DistributedScenario => ({ limit, timeScale: 1, workers, totalConcurrency, seed: 1 });

describe('WindowLimiter', () => {
  it('admits max jobs per window, the window opened by the first job after the last one closed', async () => {
    const clock = new VirtualClock();
    const limiter = new WindowLimiter({ max: 2, duration: 100 }, clock);
    const times = await clock.run(async () => {
      const at: number[] = [];
      for (let i = 0; i < 5; i++) {
        await limiter.take();
        at.push(clock.now());
      }
      return at;
    });
    expect(times).toEqual([0, 0, 100, 100, 200]);
  });
});

describe('the scenario\'s limits', () => {
  it('BullMQ\'s windows: the burst less a tenth (at least one) per the time the limit refills it, in real ms', () => {
    expect(globalLimiter({ limit: LIMIT_PRESETS['free-tier'], timeScale: 0.1 })).toEqual({ max: 4, duration: 400 });
    expect(globalLimiter({ limit: LIMIT_PRESETS.hosted, timeScale: 0.1 })).toEqual({ max: 36, duration: 432 });
    expect(globalLimiter({ limit: { profile: 'ci', rpm: 60, burst: 1 }, timeScale: 1 })).toEqual({ max: 1, duration: 1000 });
  });

  it('queue-split: each worker paces at limit / K with a share of the same cushioned burst, at least one request', () => {
    const s: DistributedScenario = { limit: LIMIT_PRESETS.hosted, timeScale: 1, workers: 4, totalConcurrency: 32, seed: 1 };
    expect(workerPolicies('queue-split', s).map((p) => [p.rpm, p.burst, p.concurrency])).toEqual(Array(4).fill([125, 9, 8]));
    expect(workerPolicies('queue-split', { ...s, workers: 64 })[0]).toMatchObject({ rpm: 500 / 64, burst: 1, concurrency: 1 });
  });
});

describe('simulate', () => {
  const inputs = createDocuments(10, 1);

  it('one slot, no binding limit: N × latency in process, plus the coordination cost per job on the queue', async () => {
    const s = scenario(fixed(60_000, 1000), 1, 1);
    expect((await simulate('in-process', s, { inputs })).makespanMs).toBe(500);
    expect((await simulate('queue-global', s, { inputs, coordinationMs: 5 })).makespanMs).toBe(550);
    expect((await simulate('queue-split', s, { inputs, coordinationMs: 5 })).makespanMs).toBe(550);
  });

  it('queue-global holds the org-wide limit across workers: one job per second at 60 RPM whatever K (a burst of 2 absorbs the window edges)', async () => {
    const five = createDocuments(5, 1);
    for (const k of [1, 2, 4]) {
      const m = await simulate('queue-global', scenario(fixed(60, 2), k, 4), { inputs: five });
      expect(m.makespanMs).toBe(4050);
      expect(m.rateLimited).toBe(0);
      expect(m.ok).toBe(5);
    }
  });

  it('queue-global spends the burst: windows of the cushioned burst release their jobs at once, at the limit\'s rate', async () => {
    // 60 RPM, burst 5: windows of 4 jobs per 4 s, so 10 jobs start at 0, 4 s and 8 s.
    for (const k of [1, 2, 4]) {
      const m = await simulate('queue-global', scenario(fixed(60, 5), k, 4), { inputs });
      expect(m.makespanMs).toBe(8050);
      expect(m.rateLimited).toBe(0);
    }
  });

  it('queue-split shares the first jobs among the workers, as processes polling one queue do: with few inputs K does not slow it', async () => {
    // 60 RPM, burst 5 (4 after the cushion): 12 jobs. Worker 0 taking all 12 (it has the slots) would pace them at its share.
    const twelve = createDocuments(12, 1);
    for (const k of [1, 2, 4]) expect((await simulate('queue-split', scenario(fixed(60, 5), k, 32), { inputs: twelve })).makespanMs, `K = ${k}`).toBe(8050);
  });

  it('queue-split with more workers than the burst sends K requests at once: the provider answers the excess 429', async () => {
    const m = await simulate('queue-split', scenario(fixed(60, 1), 4, 4), { inputs: createDocuments(5, 1) });
    expect(m.ok).toBe(5);
    expect(m.rateLimited).toBeGreaterThan(0);
  });

  it('is deterministic: the same scenario gives the same figures', async () => {
    const s: DistributedScenario = { limit: { profile: 'free-tier', rpm: 60, burst: 5 }, timeScale: 1, workers: 8, totalConcurrency: 32, seed: 3 };
    const a = await simulate('queue-adaptive', s, { inputs: createDocuments(30, 3), coordinationMs: 1 });
    const b = await simulate('queue-adaptive', s, { inputs: createDocuments(30, 3), coordinationMs: 1 });
    expect(b.makespanMs).toBe(a.makespanMs);
    expect(b.rateLimited).toBe(a.rateLimited);
    expect(a.ok + a.errors).toBe(30);
  });
});

describe('the distributed suite without Redis', () => {
  it('says in one line how to get one when redis-server is not on PATH and no --redis-url is given', async () => {
    const { runDistributedSuite } = await import('../../src/distributed/distributed-suite.ts');
    const { UsageError } = await import('../../src/bench/usage-error.ts');
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      const run = runDistributedSuite({ seed: 1, signal: new AbortController().signal });
      await expect(run).rejects.toBeInstanceOf(UsageError);
      await expect(run).rejects.toThrow(/^redis-server not found: install it \(apt-get install redis-server\) or pass --redis-url/);
    } finally {
      process.env.PATH = path;
    }
  });
});
