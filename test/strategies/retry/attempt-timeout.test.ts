/** Unit tests of per-attempt timeouts. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/virtual-clock.ts';
import { AttemptTimeoutError, runWithTimeout } from '../../../src/strategies/retry/attempt-timeout.ts';

describe('runWithTimeout', () => {
  it('runWithTimeout() resolves with the attempt when it beats the budget and leaves no timer behind', async () => {
    const clock = new VirtualClock();
    const value = await clock.run(() => runWithTimeout(() => clock.sleep(100).then(() => 'done'), { timeoutMs: 500, clock, signal: new AbortController().signal, index: 0, attempt: 1 }));
    expect(value).toBe('done');
    expect(clock.now()).toBe(100);
    expect(clock.pending).toBe(0);
  });

  it('runWithTimeout() rejects at the budget with AttemptTimeoutError and aborts the attempt’s signal with it', async () => {
    const clock = new VirtualClock();
    let seen: unknown;
    const outcome = clock.run(() =>
      runWithTimeout((signal) => {
        signal.addEventListener('abort', () => (seen = signal.reason));
        return new Promise<string>(() => undefined); // never settles, ignores the signal
      }, { timeoutMs: 250, clock, signal: new AbortController().signal, index: 4, attempt: 2 }),
    );
    await expect(outcome).rejects.toBeInstanceOf(AttemptTimeoutError);
    await expect(outcome).rejects.toMatchObject({ timeoutMs: 250, index: 4, attempt: 2, name: 'TimeoutError' });
    await expect(outcome).rejects.toThrow('Failed to finish attempt 2 of input 4: it took longer than 250 ms. Please raise `timeoutMs` or check why the task is slow.');
    expect(seen).toBeInstanceOf(AttemptTimeoutError);
    expect(clock.now()).toBe(250);
  });

  it('runWithTimeout() passes an outer abort to the attempt and runs without a budget when timeoutMs is undefined', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const reason = new Error('outer');
    const outcome = clock.run(async () => {
      const p = runWithTimeout((signal) => clock.sleep(1000, signal), { timeoutMs: 5000, clock, signal: controller.signal, index: 0, attempt: 1 });
      await clock.sleep(10);
      controller.abort(reason);
      return p;
    });
    await expect(outcome).rejects.toBe(reason);
    const plain = new AbortController().signal;
    let received: AbortSignal | undefined;
    await runWithTimeout(async (signal) => {
      received = signal;
    }, { timeoutMs: undefined, clock, signal: plain, index: 0, attempt: 1 });
    expect(received).toBe(plain);
  });
});
