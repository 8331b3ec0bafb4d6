import { describe, expect, it } from 'vitest';
import { abatch } from '../../src/strategies/index.ts';
import { poolStrategy, type RowStrategy } from '../../src/bench/row-strategy.ts';
import { runSuite } from '../../src/bench/run-suite.ts';
import { STRATEGIES, STRATEGY_NAMES } from '../../src/bench/strategy-registry.ts';
import { defineSuite } from '../../src/bench/suite.ts';

const base = { name: 'reg', description: 'registry checks' };

describe('STRATEGIES', () => {
  it('names every entry by its key, and lists them in STRATEGY_NAMES', () => {
    for (const [key, strategy] of Object.entries(STRATEGIES)) expect(strategy.name, key).toBe(key);
    expect(STRATEGY_NAMES).toEqual(Object.keys(STRATEGIES));
  });

  it('gives each built-in its own ideal: serial, pool over the limit, chunks with a barrier', () => {
    expect(STRATEGIES.serial.policy({})).toEqual({ kind: 'serial' });
    expect(STRATEGIES.abatch.policy({ maxConcurrency: 7 })).toEqual({ kind: 'pool', slots: 7 });
    expect(STRATEGIES.abatch.policy({})).toEqual({ kind: 'pool', slots: Infinity });
    expect(STRATEGIES.chunked.policy({ batchSize: 10, maxConcurrency: 3 })).toEqual({ kind: 'chunked', batchSize: 10, innerSlots: 3 });
    expect(STRATEGIES.eagerGather.nominalConcurrency({ maxConcurrency: 10 }), 'claims 10').toBe(10);
    expect(STRATEGIES.eagerGather.concurrency({ maxConcurrency: 10 }), 'keeps none').toBe(Infinity);
  });
});

describe('defineSuite() with the registry', () => {
  it('rejects an option the row\'s strategy does not take', () => {
    expect(() => defineSuite({ ...base, rows: [{ name: 'a', strategy: 'serial', options: { maxConcurrency: 3 } }] }))
      .toThrow('`serial` does not take option `maxConcurrency`');
    expect(() => defineSuite({ ...base, rows: [{ name: 'a', strategy: 'abatch', options: { highShare: 0.5 } }] }))
      .toThrow('`abatch` does not take option `highShare`');
  });

  it('rejects a parallel row in a suite without branches instead of silently measuring serial', () => {
    expect(() => defineSuite({ ...base, rows: [{ name: 'p', strategy: 'parallel' }] }))
      .toThrow("suite `reg`, row `p`: strategy `parallel` runs the suite's branches, so it needs the suite to define `branches`.");
  });

  it('rejects an object that is not a row strategy', () => {
    // @ts-expect-error -- a plain function is not a row strategy
    expect(() => defineSuite({ ...base, rows: [{ name: 'f', strategy: abatch }] })).toThrow('must be a built-in name or a row strategy object');
  });
});

describe('a row with a strategy of the user\'s own', () => {
  it('gets the same table, ideal and metrics as the built-ins', async () => {
    // A user's strategy: abatch that always starts the last input first.
    const reversed = poolStrategy('reversed', 'abatch over the inputs in reverse order', async (inputs, task, options) => {
      const order = inputs.map((_, i) => inputs.length - 1 - i);
      const out = await abatch(order, (i, ctx) => task(inputs[i]!, { ...ctx, index: i }), options);
      const results: typeof out = new Array(inputs.length);
      order.forEach((i, k) => (results[i] = out[k]!));
      return results;
    });
    const suite = defineSuite({
      ...base,
      requests: 20,
      iterations: 2,
      rows: [
        { name: 'serial', strategy: 'serial' },
        { name: 'pool', strategy: 'abatch', options: { maxConcurrency: 5 } },
        { name: 'mine', strategy: reversed, options: { maxConcurrency: 5 } },
      ],
    });
    const result = await runSuite(suite, { concurrency: [4] });
    const mine = result.rows.find((r) => r.name === 'mine')!;
    expect(mine.strategy).toBe('reversed');
    expect(mine.concurrency, '--concurrency overrides its limit like a built-in').toBe(4);
    expect(mine.peakInFlight).toBe(4);
    expect(mine.counts.ok).toBe(20);
    expect(mine.makespanMs.median, 'the pool ideal replays its own start order').toBeCloseTo(mine.idealMs, 6);
    expect(mine.speedup!.median).toBeGreaterThan(3);
  });

  it('may declare its own policy and options', () => {
    const custom: RowStrategy = {
      ...poolStrategy('capped', 'a pool that never exceeds 2', abatch),
      concurrency: () => 2,
      nominalConcurrency: () => 2,
      policy: () => ({ kind: 'pool', slots: 2 }),
      options: [],
      limitOption: null,
    };
    expect(() => defineSuite({ ...base, rows: [{ name: 'c', strategy: custom, options: { maxConcurrency: 3 } }] }))
      .toThrow('`capped` does not take option `maxConcurrency`');
  });
});

describe('the rateLimited row with the provider\'s limits', () => {
  it('copies the provider\'s burst too, so a small bucket gets no 429', async () => {
    const suite = defineSuite({
      ...base,
      name: 'paced',
      requests: 12,
      iterations: 1,
      provider: { latency: '1s', rpm: 60, burstRequests: 2 },
      rows: [{ name: 'rate-limited', strategy: 'rateLimited', options: { rpm: 'provider', maxConcurrency: null } }],
    });
    const row = (await runSuite(suite)).rows[0]!;
    expect(row.counts).toMatchObject({ ok: 12, rateLimited: 0 });
    // A bucket of 2 that refills one request a second: 10 more starts 1 s apart, then 1 s of service.
    expect(row.makespanMs.median).toBeCloseTo(11_000, -2);
    expect(row.idealMs).toBeCloseTo(11_000, -2);
  });
});
