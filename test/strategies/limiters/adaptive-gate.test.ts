/** Unit tests of AdaptiveGate, the gate behind adaptive: admission, release, pauses and limit reports on a virtual clock. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/virtual-clock.ts';
import { AdaptiveGate, type LimitChange, type Permit } from '../../../src/strategies/limiters/adaptive-gate.ts';
import { AimdLimit } from '../../../src/strategies/limiters/aimd-limit.ts';
import type { Limit, LimitSample } from '../../../src/strategies/limiters/limit.ts';

/** A limit algorithm whose limit the test sets by hand; it records its samples. */
class ManualLimit implements Limit {
  reason = 'manual';
  readonly samples: LimitSample[] = [];
  constructor(public limit: number) {}
  onSample(sample: LimitSample): void {
    this.samples.push(sample);
  }
}

const never = new AbortController().signal;

describe('AdaptiveGate', () => {
  it('tryAcquire() admits up to the limit; release() frees the slot and feeds the algorithm one sample', async () => {
    const clock = new VirtualClock();
    const limit = new ManualLimit(2);
    const gate = new AdaptiveGate({ limit, clock });
    const a = gate.tryAcquire() as Permit;
    const b = gate.tryAcquire() as Permit;
    expect([a.inFlight, a.seq, b.inFlight, b.seq]).toEqual([1, 1, 2, 2]);
    expect(gate.tryAcquire()).toBeUndefined();
    expect(gate.inFlight).toBe(2);
    await clock.advance(300);
    a.release('success', 100);
    expect(limit.samples).toEqual([{ startedAt: 100, settledAt: 300, inFlight: 1, outcome: 'success', seq: 1, latestSeq: 2 }]);
    expect(gate.inFlight).toBe(1);
    const c = gate.tryAcquire() as Permit;
    expect([c.inFlight, c.seq, c.acquiredAt]).toEqual([2, 3, 300]);
    b.release('dropped');
    expect(limit.samples[1]).toMatchObject({ startedAt: 0, outcome: 'dropped', seq: 2, latestSeq: 3 });
    expect(() => b.release('success')).toThrow(/already released/);
  });

  it('acquire() waits for a release and admits waiters in arrival order', async () => {
    const clock = new VirtualClock();
    const gate = new AdaptiveGate({ limit: new ManualLimit(1), clock });
    const first = gate.tryAcquire() as Permit;
    const order: number[] = [];
    const second = gate.acquire(never).then((p) => (order.push(2), p));
    const third = gate.acquire(never).then((p) => (order.push(3), p));
    await clock.advance(10);
    expect(order).toEqual([]);
    first.release('success');
    const p2 = await second;
    expect(order).toEqual([2]);
    p2.release('success');
    await third;
    expect(order).toEqual([2, 3]);
  });

  it('pauseUntil() holds tryAcquire() and acquire() until the pause ends, reporting each wait to onPause', async () => {
    const clock = new VirtualClock();
    const gate = new AdaptiveGate({ limit: new ManualLimit(4), clock });
    gate.pauseUntil(500);
    gate.pauseUntil(200); // never shortens
    expect(gate.pauseRemaining(0)).toBe(500);
    expect(gate.tryAcquire()).toBeUndefined();
    const waits: number[] = [];
    const permit = await clock.run(() => gate.acquire(never, (ms) => waits.push(ms)));
    expect(waits).toEqual([500]);
    expect(permit.acquiredAt).toBe(500);
    expect(gate.pauseRemaining(clock.now())).toBe(0);
  });

  it('acquire() rejects with the signal’s reason on abort and leaves no waiter behind', async () => {
    const clock = new VirtualClock();
    const gate = new AdaptiveGate({ limit: new ManualLimit(1), clock });
    const held = gate.tryAcquire() as Permit;
    const controller = new AbortController();
    const reason = new Error('stop');
    const waiting = gate.acquire(controller.signal);
    await clock.advance(10); // now parked until a release
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    await expect(gate.acquire(controller.signal)).rejects.toBe(reason);
    held.release('success');
    expect(gate.inFlight).toBe(0);
  });

  it('acquire() also rejects when the signal aborts before it parks (in the same tick as the call)', async () => {
    const clock = new VirtualClock();
    const gate = new AdaptiveGate({ limit: new ManualLimit(1), clock });
    gate.tryAcquire();
    const controller = new AbortController();
    const reason = new Error('stop');
    const waiting = gate.acquire(controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it('reports the initial limit and every change of the capped limit; a limit below 1 or NaN counts as 1', async () => {
    const clock = new VirtualClock();
    const limit = new ManualLimit(3);
    const changes: LimitChange[] = [];
    const gate = new AdaptiveGate({ limit, clock, maxConcurrency: 5, onLimitChange: (c) => changes.push(c) });
    expect(changes).toEqual([{ at: 0, limit: 3, reason: 'initial' }]);
    await clock.advance(100);
    limit.limit = 9;
    gate.tryAcquire()?.release('success');
    limit.limit = 12; // still capped at 5: no report
    gate.tryAcquire()?.release('success');
    limit.limit = 0.5;
    limit.reason = 'cut';
    gate.tryAcquire()?.release('dropped');
    expect(changes.slice(1)).toEqual([{ at: 100, limit: 5, reason: 'manual' }, { at: 100, limit: 1, reason: 'cut' }]);
    limit.limit = Number.NaN;
    expect([gate.limit, gate.algorithmLimit]).toEqual([1, 1]);
    limit.limit = 7.9;
    expect([gate.limit, gate.algorithmLimit]).toEqual([5, 7]);
  });

  it('drives an AimdLimit: growth under load, one cut per overload episode', () => {
    const clock = new VirtualClock();
    const gate = new AdaptiveGate({ limit: new AimdLimit({ initialLimit: 4, backoffRatio: 0.5 }), clock });
    const permits = [0, 1, 2, 3].map(() => gate.tryAcquire() as Permit);
    permits[3]?.release('success'); // admitted with 4 in flight: not app-limited
    expect(gate.limit).toBe(5);
    permits[2]?.release('dropped'); // cut to 0.5 × the 3 in flight it started under
    expect(gate.limit).toBe(1);
    permits[1]?.release('dropped'); // same episode: admitted before the cut
    expect(gate.limit).toBe(1);
  });

  it('rejects a limit that is not a Limit', () => {
    // @ts-expect-error not a Limit
    expect(() => new AdaptiveGate({ limit: 5, clock: new VirtualClock() })).toThrow(/`limit` to be a Limit/);
  });
});
