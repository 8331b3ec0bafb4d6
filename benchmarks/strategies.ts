import { defineSuite } from '../src/bench/index.ts';

/**
 * The comparison of the tutorial "Concurrency and batching": 100 documents against a hosted API answering in
 * 1–3 s (500 RPM, 200k TPM — not binding here). Reproduces or refutes its "10x / 20x"
 * and "async is 20–30 % faster" claims.
 */
export default defineSuite({
  name: 'strategies',
  description: "The tutorial's comparison: 100 documents, hosted-API profile (1–3 s, 500 RPM)",
  requests: 100,
  profile: 'hosted',
  iterations: 5,
  rows: [
    { name: 'serial', strategy: 'serial', description: 'for x in inputs: invoke' },
    { name: 'batch-default', strategy: 'batch', description: "batch() with Python's default pool, min(32, cpus + 4)" },
    { name: 'batch-pool', strategy: 'batch', options: { maxConcurrency: 10 }, description: 'batch(max_concurrency=10)' },
    { name: 'batch-pool-wide', strategy: 'batch', options: { maxConcurrency: 20 }, description: 'batch(max_concurrency=20)' },
    { name: 'abatch-unbounded', strategy: 'abatch', options: { maxConcurrency: null }, description: 'abatch() with no limit' },
    { name: 'abatch-bounded', strategy: 'abatch', options: { maxConcurrency: 20 }, description: 'abatch(max_concurrency=20)' },
    { name: 'gather-semaphore', strategy: 'gatherWithConcurrency', options: { maxConcurrency: 10 }, description: 'gather_with_concurrency(10, thunks)' },
    { name: 'eager-gather', strategy: 'eagerGather', options: { maxConcurrency: 10 }, description: 'the JS pitfall: a "limit" of 10 over promises already started' },
    { name: 'chunked', strategy: 'chunked', options: { batchSize: 10 }, description: "the tutorial's DocumentProcessor: chunks of 10 with a barrier" },
    { name: 'as-completed', strategy: 'batchAsCompleted', options: { maxConcurrency: 20 }, description: 'batch_as_completed(), results as they finish' },
  ],
});
