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

describe('inFlightMemoryWarnings()', () => {
  it('warns when the unbounded rows need more than three quarters of the heap, naming them and the way out', () => {
    expect(inFlightMemoryWarnings([suite], args('--requests', '100000'), LIMIT)).toEqual([]);
    expect(inFlightMemoryWarnings([suite], args('--requests', '100001'), LIMIT)).toEqual([
      `bench: warning: fan-out: all-at-once starts all 100001 requests at once, about 3.5 GB in flight against this process's heap limit of 4.7 GB, and may run out of memory; leave it out with --strategies, or raise the limit (NODE_OPTIONS=--max-old-space-size=MB).`,
    ]);
  });

  it('says nothing when only bounded rows run', () => {
    expect(inFlightMemoryWarnings([suite], args('--requests', '1000000', '--strategies', 'pool'), LIMIT)).toEqual([]);
  });
});
