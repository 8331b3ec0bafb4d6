import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { WorkerCore, type JobRecord } from '../../src/distributed/worker-core.ts';
import type { Task } from '../../src/strategies/types.ts';

/** A 429 as the openai SDK throws it: `status` and the provider's `retry-after-ms`. */
const tooManyRequests = (retryAfterMs: number): Error =>
  Object.assign(new Error('429 Rate limit reached'), { status: 429, headers: { 'retry-after-ms': String(retryAfterMs) } });

/** A task whose first call is refused with a 10 ms retry-after; records when each attempt was sent. */
function refusedOnce(clock: VirtualClock): { task: Task<string, string>; sent: number[] } {
  const sent: number[] = [];
  const task: Task<string, string> = async (input) => {
    sent.push(clock.now());
    if (sent.length === 1) throw tooManyRequests(10);
    return input;
  };
  return { task, sent };
}

describe('WorkerCore', () => {
  it('queue-split: a retried attempt takes a token from the pacer too, not only the first', async () => {
    const clock = new VirtualClock();
    // The pacer allows one request a second.
    const { task, sent } = refusedOnce(clock);
    const record = await clock.run(async () => {
      const core = new WorkerCore(task, { variant: 'queue-split', concurrency: 4, rpm: 60, burst: 1, seed: 1 }, clock);
      const result = await core.submit(0, 'a');
      await core.close();
      return result;
    });
    expect(record).toMatchObject({ index: 0, ok: true, retries: 1 });
    // Not 10 ms (the server's hint alone): the retry waited for the next token.
    expect(sent).toEqual([0, 1000]);
  });

  it('queue-global: attempts are not paced by the worker (the queue paces the jobs it hands out)', async () => {
    const clock = new VirtualClock();
    const { task, sent } = refusedOnce(clock);
    await clock.run(async () => {
      const core = new WorkerCore(task, { variant: 'queue-global', concurrency: 1, seed: 1 }, clock);
      await core.submit(0, 'a');
      await core.close();
    });
    expect(sent).toEqual([0, 10]);
  });

  it('an aborted worker stops its in-flight jobs at once and rejects every pending submit with the reason', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const task: Task<string, string> = async (input, { signal }) => {
      await clock.sleep(60_000, signal);
      return input;
    };
    const outcome = await clock.run(async () => {
      const core = new WorkerCore(task, { variant: 'queue-split', concurrency: 2, rpm: 600, burst: 2, seed: 1 }, clock, { signal: controller.signal });
      const submits = ['a', 'b', 'c'].map((input, index) => core.submit(index, input).then((r: JobRecord) => r, (e: unknown) => e));
      await clock.sleep(100);
      controller.abort(new Error('stop'));
      const settled = await Promise.all(submits);
      return { settled, at: clock.now() };
    });
    expect(outcome.at).toBe(100);
    for (const s of outcome.settled) expect(s).toEqual(new Error('stop'));
  });
});
