/** Unit tests of the virtual clock. */
import { describe, expect, it } from 'vitest';
import { VirtualClock, VirtualClockStallError } from '../../src/core/virtual-clock.ts';

describe('VirtualClock', () => {
  it('.run() advances time to each wake-up exactly', async () => {
    const clock = new VirtualClock();
    const wakes: number[] = [];
    await clock.run(async () => {
      await Promise.all([300, 100, 200].map(async (ms) => {
        await clock.sleep(ms);
        wakes.push(clock.now());
      }));
    });
    expect(wakes).toEqual([100, 200, 300]);
    expect(clock.now()).toBe(300);
  });

  it('.run() handles sequential sleeps and returns the value', async () => {
    const clock = new VirtualClock();
    const value = await clock.run(async () => {
      for (let i = 0; i < 1000; i++) await clock.sleep(1000);
      return 'done';
    });
    expect(value).toBe('done');
    expect(clock.now()).toBe(1_000_000);
  });

  it('.run() waits for promise plumbing between sleeps before advancing', async () => {
    const clock = new VirtualClock();
    const starts: number[] = [];
    await clock.run(async () => {
      await Promise.all(Array.from({ length: 5 }, async (_, i) => {
        // several event-loop turns of real work before the first sleep
        for (let k = 0; k < i; k++) await new Promise((r) => setImmediate(r));
        starts.push(clock.now());
        await clock.sleep(50);
      }));
    });
    expect(starts).toEqual([0, 0, 0, 0, 0]);
    expect(clock.now()).toBe(50);
  });

  it('.run() propagates rejections', async () => {
    const clock = new VirtualClock();
    await expect(clock.run(async () => {
      await clock.sleep(10);
      throw new Error('boom');
    })).rejects.toThrow('boom');
  });

  it('.run() rejects with VirtualClockStallError when nothing can advance', async () => {
    const clock = new VirtualClock({ stallTimeoutMs: 20 });
    await expect(clock.run(() => new Promise(() => undefined))).rejects.toBeInstanceOf(VirtualClockStallError);
  });

  it('.run() refuses to be driven twice at once', async () => {
    const clock = new VirtualClock();
    const first = clock.run(() => clock.sleep(10));
    await expect(clock.run(() => clock.sleep(10))).rejects.toThrow(/already being driven/);
    await first;
  });

  it('.sleep() rejects with the signal reason on abort and frees the timer', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    expect(clock.pending).toBe(1);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
    const aborted = AbortSignal.abort();
    await expect(clock.sleep(5, aborted)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('.advance() wakes due sleepers in order and stops at the target', async () => {
    const clock = new VirtualClock();
    const order: string[] = [];
    void clock.sleep(30).then(() => order.push('b'));
    void clock.sleep(10).then(() => order.push('a'));
    void clock.sleep(100).then(() => order.push('late'));
    await clock.advance(50);
    expect(order).toEqual(['a', 'b']);
    expect(clock.now()).toBe(50);
    expect(clock.pending).toBe(1);
  });

  it('rejects bad options and durations', () => {
    expect(() => new VirtualClock({ settleTicks: -1 })).toThrow(TypeError);
    const clock = new VirtualClock();
    expect(() => clock.sleep(Number.NaN)).toThrow(TypeError);
    expect(() => clock.sleep(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
