/** Unit tests of the request pacer, the gate behind rateLimited. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/virtual-clock.ts';
import { RequestPacer, ReservationTooLargeError } from '../../../src/strategies/limiters/request-pacer.ts';

const never = new AbortController().signal;

describe('RequestPacer', () => {
  it('.acquire() admits in arrival order, waiting on the clock for requests and tokens', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ rpm: 120, burstRequests: 1, tpm: 60_000, burstTokens: 1000, clock });
    const admitted: Array<[string, number]> = [];
    const reasons: string[] = [];
    await clock.run(() =>
      Promise.all(
        [['a', 600], ['b', 600], ['c', 10]].map(([name, tokens]) =>
          pacer.acquire(tokens as number, never, (_ms, reason) => reasons.push(`${name as string}:${reason}`)).then(() => admitted.push([name as string, clock.now()])),
        ),
      ),
    );
    // b needs a request (500 ms) and 200 more tokens (200 ms at 1 token/ms): requests bind; c is behind b (FIFO) and then waits 500 ms for a request.
    expect(admitted).toEqual([['a', 0], ['b', 500], ['c', 1000]]);
    expect(reasons).toEqual(['b:rpm', 'c:rpm']);
  });

  it('.acquire() returns the levels left after admission and rejects reservations larger than the bucket', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ rpm: 10, tpm: 100, clock });
    const r = await pacer.acquire(30, never);
    expect(r).toEqual({ seq: 1, tokens: 30, requestsLeft: 9, tokensLeft: 70 });
    await expect(pacer.acquire(101, never)).rejects.toBeInstanceOf(ReservationTooLargeError);
    const unlimited = new RequestPacer({ clock });
    expect(await unlimited.acquire(5, never)).toEqual({ seq: 1, tokens: 5, requestsLeft: Number.POSITIVE_INFINITY, tokensLeft: Number.POSITIVE_INFINITY });
  });

  it('.acquire() lets the next admission proceed after an aborted one', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ rpm: 60, burstRequests: 1, clock });
    const controller = new AbortController();
    const at: number[] = [];
    await clock.run(async () => {
      await pacer.acquire(0, never);
      const aborted = pacer.acquire(0, controller.signal);
      const next = pacer.acquire(0, never).then(() => at.push(clock.now()));
      await clock.sleep(100);
      controller.abort(new Error('gone'));
      await expect(aborted).rejects.toThrow('gone');
      await next;
    });
    expect(at).toEqual([1000]);
  });

  it('.settle() charges overruns and refunds only with refundUnused; .sync() only lowers', () => {
    const clock = new VirtualClock();
    const strict = new RequestPacer({ tpm: 1000, rpm: 100, clock });
    const reservation = { seq: 1, tokens: 100, requestsLeft: 99, tokensLeft: 900 };
    strict.tokens?.tryTake(100, 0);
    strict.settle(reservation, 150);
    expect(strict.tokens?.available(0)).toBe(850);
    strict.settle(reservation, 10);
    expect(strict.tokens?.available(0)).toBe(850);
    const lenient = new RequestPacer({ tpm: 1000, clock, refundUnused: true });
    lenient.tokens?.tryTake(100, 0);
    lenient.settle(reservation, 10);
    expect(lenient.tokens?.available(0)).toBe(990);
    strict.requests?.tryTake(1, 0);
    strict.sync(reservation, { requests: 120, tokens: 2000 });
    expect(strict.requests?.available(0), 'server has more: unchanged').toBe(99);
    strict.sync(reservation, { requests: 40, tokens: 500 });
    expect(strict.requests?.available(0)).toBe(40);
    expect(strict.tokens?.available(0)).toBe(450);
  });

  it('.sync() applies a deficit once: reports for reservations admitted before the last applied correction are ignored', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ rpm: 60, tpm: 6000, clock });
    const reservations = [];
    for (let k = 0; k < 10; k++) reservations.push(await pacer.acquire(100, never));
    expect(reservations.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Another client used 20 requests and 2,000 tokens of the key: every report shows the same deficit.
    for (const r of reservations) pacer.sync(r, { requests: r.requestsLeft - 20, tokens: r.tokensLeft - 2000 });
    expect(pacer.requests?.available(0), 'lowered by 20 once, not 10 times').toBe(30);
    expect(pacer.tokens?.available(0)).toBe(3000);
    // An admission after the correction is on the corrected scale: new drift is applied again.
    const next = await pacer.acquire(100, never);
    pacer.sync(next, { requests: next.requestsLeft - 5 });
    expect(pacer.requests?.available(0)).toBe(24);
    pacer.sync(next, { tokens: next.tokensLeft - 100 });
    expect(pacer.tokens?.available(0), 'each bucket keeps its own watermark').toBe(2800);
  });
});
