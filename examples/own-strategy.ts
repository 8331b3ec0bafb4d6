// A strategy of your own in the same table as the built-ins: wrap a function with the
// built-ins' signature in poolStrategy() and name it in a row. Here: p-limit, which many
// projects already use, against abatch at the same concurrency.
import pLimit from 'p-limit';
import { defineSuite, poolStrategy, runSuite, type StrategyFunction } from 'llm-concurrency-bench/bench';

const withPLimit: StrategyFunction = (inputs, task, { maxConcurrency, signal }) => {
  const limit = pLimit(maxConcurrency ?? Number.POSITIVE_INFINITY);
  // One slot per input, failures as Errors at their index (what every row expects).
  return Promise.all(inputs.map((input, index) =>
    limit(() => task(input, { signal, attempt: 1, index }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))))));
};

const suite = defineSuite({
  name: 'p-limit',
  description: 'p-limit vs abatch, 100 documents at 1–3 s',
  requests: 100,
  iterations: 3,
  rows: [
    { name: 'serial', strategy: 'serial' },
    { name: 'abatch', strategy: 'abatch', options: { maxConcurrency: 10 } },
    { name: 'p-limit', strategy: poolStrategy('pLimit', 'p-limit around each call', withPLimit), options: { maxConcurrency: 10 } },
  ],
});

const result = await runSuite(suite);
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
for (const row of result.rows) {
  console.log(`${row.name.padEnd(8)} ${row.strategy.padEnd(7)} makespan ${s(row.makespanMs.median)}  ideal ${s(row.idealMs)}  speedup ${row.speedup?.median.toFixed(2)}x  peak in flight ${row.peakInFlight}`);
}
