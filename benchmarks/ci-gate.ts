import { defineSuite } from '../src/bench/index.ts';

/**
 * The regression gate of this repository (docs/ci-gate.md): small and fast under the
 * virtual clock, so exact — every row whose numbers move by more than the threshold against
 * `results/baseline.json` fails CI. The provider takes 12 requests in flight and answers 429
 * beyond that, so the pools (limit 8) stay clean while the unbounded rows exercise retries,
 * adaptive back-off and the 429 counts; `--concurrency` changes every limited row.
 */
export default defineSuite({
  name: 'ci-gate',
  description: 'The CI regression gate: 40 documents, hosted profile with 12 requests in flight at most — pools, chunks, retries, adaptive',
  requests: 40,
  profile: 'hosted',
  provider: { maxInFlight: 12 },
  iterations: 3,
  rows: [
    { name: 'serial', strategy: 'serial', description: 'the baseline of every speedup' },
    { name: 'pool', strategy: 'abatch', options: { maxConcurrency: 8 }, description: 'a sliding pool of 8' },
    { name: 'semaphore', strategy: 'gatherWithConcurrency', options: { maxConcurrency: 8 }, description: 'a semaphore of 8 over thunks' },
    { name: 'chunked', strategy: 'chunked', options: { batchSize: 8 }, description: 'chunks of 8 with a barrier' },
    { name: 'as-completed', strategy: 'batchAsCompleted', options: { maxConcurrency: 8 }, description: 'results in completion order, 8 at a time' },
    { name: 'fan-out-retry', strategy: 'abatch', options: { maxConcurrency: null, retry: 'with-retry' }, description: 'unbounded, withRetry on the 429s beyond 12 in flight' },
    { name: 'adaptive', strategy: 'adaptive', description: 'AIMD concurrency backing off on 429s' },
  ],
});
