import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider } from '../../mocks/index.ts';
import { chatBody, pool, sdkClient } from './helpers.ts';

/** 1,000 requests of a fixed 2 s through the `fetch` transport and the SDK, 100 at a time. */
async function run(): Promise<{ makespan: number; timeline: Array<[number, number | null, number]> }> {
  const clock = new VirtualClock();
  const provider = createMockProvider({ latency: '2s', outputTokens: 20, clock });
  const client = sdkClient(provider);
  const start = clock.now();
  await clock.run(() => pool(1000, 100, (i) => client.chat.completions.create(chatBody(`request ${i}`))));
  const stats = provider.stats();
  expect(stats).toMatchObject({ ok: 1000, requests: 1000, peakInFlight: 100 });
  return { makespan: clock.now() - start, timeline: provider.log.map((e) => [e.id, e.start, e.end]) };
}

describe('VirtualClock through the fetch transport and the openai SDK', () => {
  it('VirtualClock.run: 1,000 requests of 2 s at concurrency 100 take exactly 20 s of simulated time, identically on every run', async () => {
    const first = await run();
    const second = await run();
    expect(first.makespan).toBe(20_000);
    expect(second.makespan).toBe(20_000);
    expect(second.timeline).toEqual(first.timeline);
    // How fast this runs in real time is a figure, not a test: see the mock-overhead suite.
  }, 60_000);
});
