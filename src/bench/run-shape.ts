import { planRows, type RowPlan } from './plan-rows.ts';
import type { StrategySuite } from './suite.ts';
import type { OpenAITarget } from './target.ts';
import { UsageError } from './usage-error.ts';

/** What a run's shape depends on: the run options that decide how many requests go where. */
export interface ShapeOptions {
  requests?: number;
  iterations?: number;
  seed?: number;
  clock?: 'virtual' | 'real';
  strategies?: readonly string[];
  concurrency?: readonly number[];
  target?: OpenAITarget;
}

/** A suite run's rows, sizes and clock once the suite's defaults and the caller's options are merged. */
export interface RunShape {
  plans: RowPlan[];
  requests: number;
  /** Measured iterations per row. */
  iterations: number;
  /** One untimed warm-up iteration per row first (the mock on the real clock). */
  warmup: boolean;
  seed: number;
  clock: 'virtual' | 'real';
  model: string;
}

/** Rows that pace themselves by the provider's limits cannot run against an endpoint that states none in advance. */
function checkTargetRows(suite: string, plans: readonly RowPlan[]): void {
  const paced = plans.find((p) => p.options.rpm === 'provider' || p.options.tpm === 'provider');
  if (paced) {
    throw new UsageError(`row \`${paced.name}\` of \`${suite}\` paces itself by the provider's rate limits ('provider'), which a real endpoint does not state before the run; leave it out with --strategies.`);
  }
}

/**
 * Works out the shape of a run of `suite` (see {@link RunShape}); throws a
 * {@link UsageError} for a combination that cannot run (no rows, the virtual clock or
 * provider-paced rows against a real endpoint).
 */
export function runShape<I>(suite: StrategySuite<I>, options: ShapeOptions): RunShape {
  const { target } = options;
  if (target && options.clock === 'virtual') {
    throw new UsageError('--clock virtual cannot time a real endpoint (--target openai): its latencies happen in real time. Leave --clock out.');
  }
  const clock = target ? 'real' : (options.clock ?? 'virtual');
  const plans = planRows(suite.name, suite.rows, { strategies: options.strategies, concurrency: options.concurrency, sweep: suite.concurrencySweep });
  if (plans.length === 0) throw new UsageError(`Suite \`${suite.name}\` has no rows to run.`);
  if (target) checkTargetRows(suite.name, plans);
  return {
    plans,
    requests: options.requests ?? suite.requests ?? 100,
    iterations: options.iterations ?? suite.iterations ?? (clock === 'virtual' ? 5 : 3),
    // A warm-up iteration readies the JIT for the mock; against a real endpoint it would only cost requests.
    warmup: clock === 'real' && !target,
    seed: options.seed ?? 1,
    clock,
    model: target?.model ?? suite.model ?? 'gpt-4o-mini',
  };
}
