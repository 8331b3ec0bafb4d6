/** Unit tests of the pool engine. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/virtual-clock.ts';
import { InFlightGauge } from '../../../src/strategies/pool/in-flight-gauge.ts';
import { createPool, runPool } from '../../../src/strategies/pool/pool.ts';
import { NonErrorThrownError } from '../../../src/strategies/pool/to-error.ts';
import type { StrategyEvent, Task } from '../../../src/strategies/types.ts';
import { checkPoolProperties } from '../pool-properties.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('runPool', () => {
  it('runPool() keeps the pool invariants over random inputs, latencies, failures and aborts', async () => {
    await checkPoolProperties((inputs, task, options) => runPool(inputs, task, options), (s) => s.maxConcurrency, 200);
  });

  it('runPool() returns results in input order whatever the completion order', async () => {
    const clock = new VirtualClock();
    const results = await clock.run(() => runPool([3, 1, 2], async (x) => (await clock.sleep(x * 100), x * 10), { clock }));
    expect(results).toEqual([30, 10, 20]);
    expect(clock.now()).toBe(300);
  });

  it('runPool() rejects with the first error, aborts in-flight ctx.signal and starts nothing new', async () => {
    const clock = new VirtualClock();
    const started: number[] = [];
    const signals: AbortSignal[] = [];
    const boom = new Error('boom');
    const task: Task<number, number> = async (x, ctx) => {
      started.push(x);
      signals.push(ctx.signal);
      await clock.sleep(x === 1 ? 100 : 1000, ctx.signal);
      if (x === 1) throw boom;
      return x;
    };
    await expect(clock.run(() => runPool(range(10), task, { clock, maxConcurrency: 3 }))).rejects.toBe(boom);
    expect(clock.now()).toBe(100);
    expect(started).toEqual([0, 1, 2]);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(signals[0]?.reason).toBe(boom);
    await clock.run(() => clock.sleep(5000));
    expect(started).toEqual([0, 1, 2]);
  });

  it('runPool() wraps a synchronous non-Error throw in NonErrorThrownError with the value as cause', async () => {
    const task = ((x: number) => {
      // A non-Error throw on purpose: the pool must wrap it.
      if (x === 1) throw 42;
      return Promise.resolve(x);
    }) as Task<number, number>;
    const results = await runPool([0, 1, 2], task, { returnExceptions: true });
    expect(results[0]).toBe(0);
    expect(results[1]).toBeInstanceOf(NonErrorThrownError);
    expect((results[1] as Error).cause).toBe(42);
    expect((results[1] as Error).message).toMatch(/^Failed to run the task for input 1: it threw a non-Error value \(42\)\. Please /);
  });

  it('runPool() rejects at once with signal.reason when the signal is already aborted', async () => {
    const reason = new Error('stop');
    let calls = 0;
    const task: Task<number, number> = async (x) => (calls++, x);
    await expect(runPool([1, 2], task, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(calls).toBe(0);
  });

  it('runPool() throws a TypeError naming maxConcurrency, the range and the value', () => {
    const task: Task<number, number> = async (x) => x;
    expect(() => runPool([1], task, { maxConcurrency: 0 })).toThrow(
      new TypeError('Expected `maxConcurrency` to be an integer from 1 and up (or Infinity), got `0` (number)'),
    );
    expect(() => runPool([1], task, { maxConcurrency: 1.5 })).toThrow(TypeError);
    expect(() => runPool(42 as unknown as number[], task)).toThrow(/Expected `inputs` to be an iterable or async iterable, got `42`/);
  });

  it('runPool() emits queued/start/success/error events with inFlight', async () => {
    const clock = new VirtualClock();
    const events: StrategyEvent[] = [];
    const task: Task<number, number> = async (x) => {
      await clock.sleep(100 * (x + 1));
      if (x === 1) throw new Error('no');
      return x;
    };
    await clock.run(() => runPool([0, 1], task, { clock, returnExceptions: true, onEvent: (e) => events.push(e) }));
    expect(events.map((e) => `${e.type}:${'index' in e ? e.index : ''}@${e.at}` + ('inFlight' in e ? `/${e.inFlight}` : ''))).toEqual([
      'queued:0@0',
      'queued:1@0',
      'start:0@0/1',
      'start:1@0/2',
      'success:0@100/1',
      'error:1@200/0',
    ]);
  });

  it('runPool() ignores errors thrown by onEvent', async () => {
    const results = await runPool([1, 2], async (x: number) => x, {
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect(results).toEqual([1, 2]);
  });

  it('runPool() reads an async iterable one input per free slot (bounded read-ahead)', async () => {
    const clock = new VirtualClock();
    let read = 0;
    let maxAhead = 0;
    let done = 0;
    async function* inputs(): AsyncGenerator<number> {
      for (let i = 0; i < 1000; i++) {
        read++;
        maxAhead = Math.max(maxAhead, read - done);
        yield i;
      }
    }
    const results = await clock.run(() =>
      runPool(inputs(), async (x: number) => (await clock.sleep(10), done++, x), { clock, maxConcurrency: 5 }),
    );
    expect(results).toHaveLength(1000);
    expect(results[999]).toBe(999);
    expect(maxAhead).toBeLessThanOrEqual(5);
    expect(clock.now()).toBe(2000);
  });

  it('runPool() fails with the iterable error when a sync iterable throws', async () => {
    function* inputs(): Generator<number> {
      yield 1;
      throw new Error('source broke');
    }
    await expect(runPool(inputs(), async (x: number) => x, { returnExceptions: true })).rejects.toThrow('source broke');
  });

  it('runPool() counts running tasks into options.gauge', async () => {
    const clock = new VirtualClock();
    const gauge = new InFlightGauge();
    await clock.run(() => runPool(range(20), async (x: number) => (await clock.sleep(100), x), { clock, maxConcurrency: 7, gauge }));
    expect(gauge.peak).toBe(7);
    expect(gauge.current).toBe(0);
  });

  it("runPool() with order 'completion' yields [index, result] as tasks settle", async () => {
    const clock = new VirtualClock();
    const seen: Array<[number, unknown, number]> = [];
    await clock.run(async () => {
      const it = runPool([300, 100, 200], async (ms: number) => (await clock.sleep(ms), ms), { clock, order: 'completion' });
      for await (const [index, result] of it) seen.push([index, result, clock.now()]);
    });
    expect(seen).toEqual([
      [1, 100, 100],
      [2, 200, 200],
      [0, 300, 300],
    ]);
  });

  it('runPool() applies highWaterMark back-pressure in completion order', async () => {
    const clock = new VirtualClock();
    let started = 0;
    const it = runPool(range(100), async (x: number) => (started++, x), { clock, order: 'completion', highWaterMark: 4, maxConcurrency: 2 });
    await it.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBeLessThanOrEqual(4 + 2 + 1);
    await it.return?.();
  });
});

describe('createPool', () => {
  it('hooks.limit() is re-read on wake() and combined with maxConcurrency', async () => {
    const clock = new VirtualClock();
    let limit = 1;
    let peak = 0;
    let inFlight = 0;
    const pool = createPool(range(40), async (x: number) => {
      peak = Math.max(peak, ++inFlight);
      await clock.sleep(100);
      inFlight--;
      return x;
    }, { clock, maxConcurrency: 8, hooks: { limit: () => limit } });
    await clock.run(async () => {
      const done = pool.results();
      await clock.sleep(50);
      expect(pool.inFlight).toBe(1);
      limit = 100;
      pool.wake();
      expect(pool.inFlight).toBe(8);
      await done;
    });
    expect(peak).toBe(8);
  });

  it('hooks.beforeStart() delays the start and hooks.afterSettle() sees outcome and start time', async () => {
    const clock = new VirtualClock();
    const settled: Array<[number, boolean, number]> = [];
    const pool = createPool([0, 1], async (x: number) => {
      await clock.sleep(100);
      if (x === 1) throw new Error('bad');
      return x;
    }, {
      clock,
      returnExceptions: true,
      hooks: {
        beforeStart: (index, _input, signal) => clock.sleep(index * 1000, signal),
        afterSettle: (index, _input, outcome, startedAt) => settled.push([index, outcome.ok, startedAt]),
      },
    });
    await clock.run(() => pool.results());
    expect(settled).toEqual([
      [0, true, 0],
      [1, false, 1000],
    ]);
    expect(clock.now()).toBe(1100);
  });

  it('hooks.retry() requeues a failed input ahead of unread ones: at once for true, after a delay in ms with its slot free meanwhile', async () => {
    const startsWith = async (retry: boolean | number): Promise<Array<[number, number, number]>> => {
      const clock = new VirtualClock();
      const starts: Array<[number, number, number]> = [];
      const pool = createPool(range(4), async (x: number, ctx) => {
        starts.push([x, ctx.attempt, clock.now()]);
        await clock.sleep(100);
        if (x === 0 && ctx.attempt === 1) throw new Error('busy');
        return x;
      }, { clock, maxConcurrency: 2, hooks: { retry: () => retry } });
      expect(await clock.run(() => pool.results())).toEqual(range(4));
      return starts;
    };
    expect(await startsWith(true)).toEqual([[0, 1, 0], [1, 1, 0], [0, 2, 100], [2, 1, 100], [3, 1, 200]]);
    expect(await startsWith(0)).toEqual([[0, 1, 0], [1, 1, 0], [0, 2, 100], [2, 1, 100], [3, 1, 200]]);
    expect(await startsWith(1000)).toEqual([[0, 1, 0], [1, 1, 0], [2, 1, 100], [3, 1, 100], [0, 2, 1100]]);
  });

  it('hooks.retry() returning a non-finite delay fails the pool with a TypeError; an abort drops a delayed retry', async () => {
    const clock = new VirtualClock();
    const failing = createPool([0], async () => {
      throw new Error('busy');
    }, { clock, hooks: { retry: () => Number.POSITIVE_INFINITY } });
    await expect(clock.run(() => failing.results())).rejects.toThrow(new TypeError('Expected the retry hook to return a boolean or a finite delay in ms, got `Infinity` (number)'));
    const controller = new AbortController();
    let calls = 0;
    const aborted = createPool([0], async () => {
      calls++;
      await clock.sleep(10);
      throw new Error('busy');
    }, { clock, signal: controller.signal, hooks: { retry: () => 1000 } });
    const outcome = clock.run(async () => {
      const done = aborted.results();
      await clock.sleep(500);
      controller.abort(new Error('stop'));
      return done;
    });
    await expect(outcome).rejects.toThrow('stop');
    await clock.run(() => clock.sleep(5000));
    expect(calls).toBe(1);
  });

  it('Pool.results() and iteration cannot both consume one pool', async () => {
    const pool = createPool([1], async (x: number) => x);
    await pool.results();
    expect(() => pool.next()).toThrow(/^Failed to consume the pool: it is already consumed\./);
  });
});
