import { abatch } from '../src/strategies/index.ts';
import { defineSuite, poolShape, type RowStrategy, type SuiteResult } from '../src/bench/index.ts';

/**
 * The tutorial's `process_with_priority` (§8 of "Concurrency and batching"): all
 * high-priority documents first, then all low-priority ones, with a barrier between the
 * two phases — against the single `priority` pool (free slots go to high-priority inputs
 * first, low-priority work fills the rest at once) and plain FIFO `abatch`, all at the
 * same concurrency. Every 5th document is high priority (20 %).
 *
 * The tutorial's phases each run `process_batch`, i.e. chunks of 100 too; here each phase
 * is one sliding pool, so the only barrier measured is the one between the phases.
 */
const CONCURRENCY = 10;
const EVERY = 5;

/** 1 for every 5th input (indices 4, 9, 14, …): the same inputs `highShare: 0.2` would mark. */
const priorityOf = (_input: unknown, index: number): number => (index % EVERY === EVERY - 1 ? 1 : 0);

/**
 * Two phases with a barrier: `abatch` over the high-priority inputs, then `abatch` over the
 * rest. Its ideal is the sliding pool's over the same start order (a lower bound that
 * ignores the barrier, so the barrier shows as efficiency below 100 %).
 */
export const twoPhase: RowStrategy = {
  ...poolShape('twoPhase', 'all high-priority inputs, then (after a barrier) all low-priority ones'),
  run: async (ctx) => {
    const high: number[] = [];
    const low: number[] = [];
    ctx.inputs.forEach((input, i) => ((ctx.priorities?.[i] ?? priorityOf(input, i)) > 0 ? high : low).push(i));
    const results: unknown[] = new Array(ctx.inputs.length);
    for (const phase of [high, low]) {
      // Each phase's task sees the input's own index, so timings land on the right input.
      const phaseResults = await abatch(phase, (i, taskCtx) => ctx.task(ctx.inputs[i]!, { ...taskCtx, index: i }), {
        maxConcurrency: ctx.options.maxConcurrency, clock: ctx.clock, signal: ctx.signal, onEvent: ctx.onEvent, returnExceptions: true,
      });
      phase.forEach((i, k) => (results[i] = phaseResults[k]));
    }
    return { results, firstResultAt: null };
  },
};

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function analyze(result: SuiteResult): string[] {
  return result.rows.map((r) =>
    `${r.name}: high-priority done at ${s(r.highPriority?.completionMs ?? Number.NaN)} (ideal ${s(r.highPriority?.idealMs ?? Number.NaN)}), ` +
    `all done at ${s(r.makespanMs.median)} (pool ideal ${s(r.idealMs)}).`);
}

export default defineSuite({
  name: 'priority',
  description: "The tutorial's two-phase priority processing vs one priority pool vs FIFO: 500 documents, 20 % high priority, 10 at a time",
  requests: 500,
  profile: 'hosted',
  iterations: 5,
  priorityOf,
  rows: [
    { name: 'two-phase', strategy: twoPhase, options: { maxConcurrency: CONCURRENCY }, description: 'process_with_priority: high list, barrier, low list' },
    { name: 'priority-pool', strategy: 'priority', options: { maxConcurrency: CONCURRENCY }, description: 'one pool, high-priority inputs start first' },
    { name: 'fifo', strategy: 'abatch', options: { maxConcurrency: CONCURRENCY }, description: 'abatch(max_concurrency=10) in input order' },
  ],
  analyze,
});
