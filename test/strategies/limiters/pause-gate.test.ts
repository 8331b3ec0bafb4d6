/** Unit tests of the retry-after pause gate. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/virtual-clock.ts';
import { PauseGate } from '../../../src/strategies/limiters/pause-gate.ts';

describe('PauseGate', () => {
  it('.pauseUntil() only ever extends the pause; .remaining() counts down to 0', () => {
    const gate = new PauseGate();
    expect(gate.remaining(0)).toBe(0);
    gate.pauseUntil(500);
    gate.pauseUntil(300);
    expect(gate.until).toBe(500);
    expect(gate.remaining(100)).toBe(400);
    expect(gate.remaining(900)).toBe(0);
  });

  it('.wait() waits out the pause, including an extension made meanwhile, and reports each wait', async () => {
    const clock = new VirtualClock();
    const gate = new PauseGate();
    const waits: number[] = [];
    gate.pauseUntil(200);
    await clock.run(async () => {
      void clock.sleep(100).then(() => gate.pauseUntil(450));
      await gate.wait(clock, new AbortController().signal, (ms) => waits.push(ms));
    });
    expect(clock.now()).toBe(450);
    expect(waits).toEqual([200, 250]);
  });

  it('.wait() rejects with the signal reason on abort', async () => {
    const clock = new VirtualClock();
    const gate = new PauseGate();
    gate.pauseUntil(1000);
    const controller = new AbortController();
    const reason = new Error('stop');
    await expect(clock.run(async () => {
      const waiting = gate.wait(clock, controller.signal);
      await clock.sleep(10);
      controller.abort(reason);
      return waiting;
    })).rejects.toBe(reason);
  });
});
