import { describe, expect, it } from 'vitest';
import { parseBenchArgs, type BenchArgs } from '../../src/cli/args.ts';
import { BYTES_PER_REQUEST_IN_FLIGHT, inFlightMemoryWarnings } from '../../src/cli/memory-warning.ts';
import { defineSuite } from '../../src/bench/suite.ts';

const suite = defineSuite({
  name: 'fan-out',
  description: 'a bounded and an unbounded row',
  requests: 1000,
  rows: [
    { name: 'pool', strategy: 'abatch', options: { maxConcurrency: 10 } },
    { name: 'all-at-once', strategy: 'abatch', options: { maxConcurrency: null } },
  ],
});
const args = (...argv: string[]): BenchArgs => parseBenchArgs(['fan-out', ...argv]) as BenchArgs;
/** A heap limit of which three quarters hold exactly 100,000 requests in flight. */
const LIMIT = (100_000 * BYTES_PER_REQUEST_IN_FLIGHT) / 0.75;

describe('inFlightMemoryWarnings()', async () => {
  it('warns when the unbounded rows need more than three quarters of the heap, naming them and the way out', async () => {
    expect(await inFlightMemoryWarnings([suite], args('--requests', '100000'), LIMIT)).toEqual([]);
    expect(await inFlightMemoryWarnings([suite], args('--requests', '100001'), LIMIT)).toEqual([
      `bench: warning: fan-out: all-at-once starts all 100001 requests at once, about 3.5 GB in flight against this process's heap limit of 4.7 GB, and may run out of memory; leave it out with --strategies, or raise the limit (NODE_OPTIONS=--max-old-space-size=MB).`,
    ]);
  });

  it('counts one request per branch for a row over parallel branches', async () => {
    const echo = async (x: unknown): Promise<unknown> => x;
    const branched = defineSuite({
      name: 'branched', description: 'two branches per input', requests: 10, branches: async () => ({ a: echo, b: echo }),
      rows: [{ name: 'both-at-once', strategy: 'abatch', options: { maxConcurrency: null, branches: 'parallel' } }],
    });
    const argv = (n: string): BenchArgs => parseBenchArgs(['branched', '--requests', n]) as BenchArgs;
    expect(await inFlightMemoryWarnings([branched], argv('50000'), LIMIT)).toEqual([]);
    expect(await inFlightMemoryWarnings([branched], argv('50001'), LIMIT)).toEqual([expect.stringContaining('both-at-once starts all 100002 requests at once')]);
  });

  it('says nothing when only bounded rows run', async () => {
    expect(await inFlightMemoryWarnings([suite], args('--requests', '1000000', '--strategies', 'pool'), LIMIT)).toEqual([]);
  });
});
