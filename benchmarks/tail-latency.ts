import { defineSuite } from '../src/bench/index.ts';

/**
 * Heavy-tailed latency (lognormal, p99 = 4 × median): a barrier between chunks waits for
 * each chunk's slowest request, a sliding pool does not.
 */
export default defineSuite({
  name: 'tail-latency',
  description: 'Heavy-tailed latency (lognormal, median 1 s, p99 4 s): chunks with a barrier vs a sliding pool',
  requests: 100,
  profile: 'hosted',
  provider: { latency: 'lognormal:median=1s,p99=4s' },
  iterations: 5,
  rows: [
    { name: 'serial', strategy: 'serial' },
    { name: 'chunked', strategy: 'chunked', options: { batchSize: 10 }, description: 'chunks of 10, barrier between chunks' },
    { name: 'abatch-bounded', strategy: 'abatch', options: { maxConcurrency: 10 }, description: 'sliding pool of 10' },
    { name: 'as-completed', strategy: 'batchAsCompleted', options: { maxConcurrency: 10 }, description: 'sliding pool of 10, first results early' },
  ],
});
