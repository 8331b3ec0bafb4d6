import { describe, expect, it } from 'vitest';
import { checkBudget, estimateRun } from '../../src/bench/run-estimate.ts';
import { defineSuite } from '../../src/bench/suite.ts';
import { OpenAITarget } from '../../src/bench/target.ts';
import { UsageError } from '../../src/bench/usage-error.ts';

const suite = defineSuite({
  name: 'budget',
  description: 'rows with and without retries',
  requests: 10,
  iterations: 2,
  rows: [
    { name: 'serial', strategy: 'serial' },
    { name: 'sdk', strategy: 'abatch', options: { maxConcurrency: 5, retry: 'sdk' } },
    { name: 'with-retry', strategy: 'abatch', options: { maxConcurrency: 5, retry: 'with-retry' } },
    { name: 'adaptive', strategy: 'adaptive' },
  ],
});
const target = new OpenAITarget('http://127.0.0.1:9/v1', 'gpt-4o-mini', 'sk-unused');

describe('estimateRun()', () => {
  it('counts rows × iterations × requests, and at worst every attempt of each row', async () => {
    const e = await estimateRun(suite, { target });
    expect(e.requests).toBe(4 * 2 * 10);
    // serial 1, sdk 3, with-retry 6, adaptive 1 + its 10 retries of a 429.
    expect(e.worstCaseRequests).toBe(2 * 10 * (1 + 3 + 6 + 11));
  });

  it('adds the warm-up iteration of a real-clock mock run, not of a real endpoint', async () => {
    expect((await estimateRun(suite, { clock: 'real', strategies: ['serial'] })).requests).toBe(3 * 10);
    expect((await estimateRun(suite, { clock: 'virtual', strategies: ['serial'] })).requests).toBe(2 * 10);
    expect((await estimateRun(suite, { target, strategies: ['serial'] })).requests).toBe(2 * 10);
  });

  it('counts one request per branch for rows over branches, and follows --concurrency variants', async () => {
    const branched = defineSuite({
      name: 'branched',
      description: 'three branches',
      requests: 4,
      iterations: 1,
      // Async, as a suite may load what its branches need first.
      branches: async ({ client }) => ({ a: async () => client, b: async () => client, c: async () => client }),
      rows: [
        { name: 'one-by-one', strategy: 'serial', options: { branches: 'sequential' } },
        { name: 'pool', strategy: 'abatch', options: { maxConcurrency: 2 } },
      ],
    });
    expect((await estimateRun(branched, { target })).requests).toBe(4 * 3 + 4);
    expect((await estimateRun(branched, { target, concurrency: [1, 2, 4] })).requests).toBe(4 * 3 + 3 * 4);
  });

  it('prices prompt estimate and max_tokens at the model list prices; unknown models have no cost', async () => {
    const e = await estimateRun(suite, { target, strategies: ['serial'] });
    expect(e.completionTokensPerRequest).toBe(256);
    expect(e.promptTokensPerRequest).toBeGreaterThan(50);
    const perRequest = (e.promptTokensPerRequest * 0.15 + 256 * 0.6) / 1e6;
    expect(e.costUsd!.requests).toBeCloseTo(perRequest * 20, 12);
    expect((await estimateRun(suite, { target: new OpenAITarget('http://x/v1', 'llama3.2', 'k') })).costUsd).toBeNull();
  });

  it('refuses rows paced by the provider limits and the virtual clock against a real endpoint', async () => {
    const paced = defineSuite({ name: 'paced', description: 'x', rows: [{ name: 'rl', strategy: 'rateLimited', options: { rpm: 'provider' } }] });
    await expect(estimateRun(paced, { target })).rejects.toThrow(/row `rl` of `paced` paces itself by the provider's rate limits/);
    await expect(estimateRun(paced, {})).resolves.toBeDefined();
    await expect(estimateRun(suite, { target, clock: 'virtual' })).rejects.toThrow(UsageError);
  });
});

describe('checkBudget()', () => {
  it('passes at the worst case and refuses one request below it, naming each suite', async () => {
    const e = await estimateRun(suite, { target });
    expect(() => checkBudget([e], e.worstCaseRequests)).not.toThrow();
    expect(() => checkBudget([e, e], 2 * e.worstCaseRequests - 1)).toThrow(
      `this run may send up to ${2 * e.worstCaseRequests} requests (budget: ${e.worstCaseRequests}, budget: ${e.worstCaseRequests}; rows × iterations × requests × attempts), more than --max-requests ${2 * e.worstCaseRequests - 1}; nothing was sent.`,
    );
  });
});
