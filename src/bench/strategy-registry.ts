import {
  abatch, adaptive, batch, batchAsCompleted, chunked, DEFAULT_RATE_LIMIT_RETRIES, defaultBatchConcurrency, gatherWithConcurrency, priority, rateLimited,
  serial,
} from '../strategies/index.ts';
import { eagerGather } from '../strategies/pitfalls/eager-gather.ts';
import type { TaskContext } from '../strategies/types.ts';
import { callOptions, poolShape, poolStrategy, unlimited, type RowStrategy } from './row-strategy.ts';

/**
 * The one table of built-in strategies a row can name: how to run each, its concurrency,
 * its ideal and its options. Adding a strategy is its source file plus one entry here;
 * `defineSuite`, the runners and `list` read nothing else.
 */

/** Every 1/`share`-th input is high priority (1), the rest low (0). */
function priorities<I>(inputs: readonly I[], share: number): Array<{ input: I; priority: number }> {
  const every = Math.max(1, Math.round(1 / share));
  return inputs.map((input, i) => ({ input, priority: i % every === every - 1 ? 1 : 0 }));
}

const serialRow: RowStrategy = {
  name: 'serial',
  description: 'one input at a time, in order (for x in inputs: invoke)',
  options: [],
  limitOption: null,
  defaultBranches: 'task',
  concurrency: () => 1,
  nominalConcurrency: () => 1,
  policy: () => ({ kind: 'serial' }),
  run: async (ctx) => {
    const { clock, signal, onEvent } = ctx;
    return { results: await serial(ctx.inputs, ctx.task, { clock, signal, onEvent, returnExceptions: true }), firstResultAt: null };
  },
};

const BUILT_INS = {
  serial: serialRow,
  batch: {
    ...poolStrategy('batch', "LangChain's batch(): a sliding pool, min(32, cpus + 4) unless maxConcurrency is set", batch),
    concurrency: (o) => o.maxConcurrency ?? defaultBatchConcurrency(),
    nominalConcurrency: (o) => o.maxConcurrency ?? defaultBatchConcurrency(),
    policy: (o) => ({ kind: 'pool', slots: o.maxConcurrency ?? defaultBatchConcurrency() }),
  },
  abatch: poolStrategy('abatch', "LangChain's abatch(): a sliding pool, unlimited unless maxConcurrency is set", abatch),
  gatherWithConcurrency: poolStrategy('gatherWithConcurrency', 'a semaphore over lazy thunks (gather_with_concurrency)', (inputs, task, o) =>
    gatherWithConcurrency(o.maxConcurrency ?? null, inputs.map((input) => (ctx: TaskContext) => task(input, ctx)), o)),
  eagerGather: {
    ...poolStrategy('eagerGather', 'the pitfall: a "limit" over promises that already started', async (inputs, task, o) =>
      // On purpose: calling the task creates (and starts) every request now.
      eagerGather(o.maxConcurrency ?? null, inputs.map((input, index) => task(input, { signal: o.signal, attempt: 1, index })), { returnExceptions: true })),
    concurrency: () => Number.POSITIVE_INFINITY,
    policy: () => ({ kind: 'pool', slots: Number.POSITIVE_INFINITY }),
  },
  chunked: {
    name: 'chunked',
    description: 'fixed chunks of batchSize with a barrier between them',
    options: ['batchSize', 'maxConcurrency'],
    limitOption: 'batchSize',
    defaultBranches: 'task',
    concurrency: (o) => Math.min(o.batchSize ?? 1, unlimited(o.maxConcurrency)),
    nominalConcurrency: (o) => Math.min(o.batchSize ?? 1, unlimited(o.maxConcurrency)),
    policy: (o) => ({ kind: 'chunked', batchSize: o.batchSize ?? 1, innerSlots: unlimited(o.maxConcurrency) }),
    run: async (ctx) => ({ results: await chunked(ctx.inputs, ctx.task, { ...callOptions(ctx), batchSize: ctx.options.batchSize ?? 1 }), firstResultAt: null }),
  },
  batchAsCompleted: {
    ...poolShape('batchAsCompleted', 'a sliding pool that yields results as they finish'),
    run: async (ctx) => {
      const results: unknown[] = new Array(ctx.inputs.length);
      let firstResultAt: number | null = null;
      for await (const [index, result] of batchAsCompleted(ctx.inputs, ctx.task, callOptions(ctx))) {
        results[index] = result;
        if (firstResultAt === null && !(result instanceof Error)) firstResultAt = ctx.clock.now();
      }
      return { results, firstResultAt };
    },
  },
  parallel: {
    ...serialRow,
    name: 'parallel',
    description: "inputs one at a time, each running the suite's branches concurrently (RunnableParallel)",
    defaultBranches: 'parallel',
  },
  priority: {
    ...poolShape('priority', 'a sliding pool that starts high-priority inputs first'),
    options: ['maxConcurrency', 'highShare'],
    run: async (ctx) => {
      // The suite's own priorities when it has them (its metric reads the same), else every k-th input.
      const items = ctx.priorities ? ctx.inputs.map((input, i) => ({ input, priority: ctx.priorities![i] ?? 0 })) : priorities(ctx.inputs, ctx.options.highShare ?? 0.2);
      return { results: await priority(items, ctx.task, callOptions(ctx)), firstResultAt: null };
    },
  },
  adaptive: {
    ...poolStrategy('adaptive', 'a pool whose limit follows an AIMD limiter (backs off on 429s and timeouts)', adaptive),
    // It puts an input back in the queue after a 429, up to its default retries.
    maxAttempts: () => 1 + DEFAULT_RATE_LIMIT_RETRIES,
  },
  rateLimited: {
    ...poolShape('rateLimited', 'a pool paced by client-side RPM/TPM token buckets'),
    options: ['maxConcurrency', 'rpm', 'tpm'],
    run: async (ctx) => {
      const pick = (value: number | 'provider' | undefined, fromProvider: number | null | undefined): number | undefined =>
        value === 'provider' ? (fromProvider ?? undefined) : value;
      // Copying a limit copies its bucket size too: a provider with a small burst answers
      // a full-minute bucket's opening burst with 429s.
      const { rpm, tpm } = ctx.options;
      const limits = ctx.providerLimits;
      const results = await rateLimited(ctx.inputs, ctx.task, {
        ...callOptions(ctx),
        rpm: pick(rpm, limits?.rpm),
        tpm: pick(tpm, limits?.tpm),
        burst: {
          requests: rpm === 'provider' ? (limits?.burstRequests ?? undefined) : undefined,
          tokens: tpm === 'provider' ? (limits?.burstTokens ?? undefined) : undefined,
        },
        estimateTokens: ctx.estimateTokens,
        usageOf: ctx.usageOf,
      });
      return { results, firstResultAt: null };
    },
  },
} satisfies Record<string, RowStrategy>;

/** Names of the built-in strategies a row can run (the `strategy` field of results JSON). */
export type StrategyName = keyof typeof BUILT_INS;

/** The built-in row strategies by name. */
export const STRATEGIES: Readonly<Record<StrategyName, RowStrategy>> = BUILT_INS;

/** The built-in strategy names, in registry order. */
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

/** True for the name of a built-in strategy. */
export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(STRATEGIES, name);
}

/** The row strategy a row names: a built-in by name, or the user's own object. */
export function resolveStrategy(strategy: StrategyName | RowStrategy): RowStrategy {
  return typeof strategy === 'string' ? STRATEGIES[strategy] : strategy;
}
