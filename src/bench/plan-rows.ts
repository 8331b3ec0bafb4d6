import type { RowOptions } from './row-strategy.ts';
import { resolveStrategy } from './strategy-registry.ts';
import type { RowDefinition } from './suite.ts';
import { UsageError } from './usage-error.ts';

/** A row as it will run: its (possibly `@N`-suffixed) name and effective options. */
export interface RowPlan {
  name: string;
  definition: RowDefinition;
  options: RowOptions;
}

/** What the command line asks of the rows. */
export interface PlanOptions {
  /** Keep only rows whose name or strategy is listed. */
  strategies?: readonly string[];
  /** One value overrides every limited row in place; several run each limited row once per value as `name@N`. */
  concurrency?: readonly number[];
  /** The suite's own sweep, used when `concurrency` is not given. */
  sweep?: readonly number[];
}

const strategyNameOf = (row: RowDefinition): string => resolveStrategy(row.strategy).name;

/** The option that is a row's concurrency limit, if its definition sets one. */
export function limitKey(row: RowDefinition): 'maxConcurrency' | 'batchSize' | null {
  const { limitOption } = resolveStrategy(row.strategy);
  if (limitOption !== 'maxConcurrency') return limitOption;
  const value = row.options?.maxConcurrency;
  return typeof value === 'number' && Number.isFinite(value) ? 'maxConcurrency' : null;
}

/**
 * Filters and expands a suite's rows. Rows without a limit of their own (serial,
 * unbounded, default pools) are never renamed or overridden, so their names stay stable
 * for baseline comparison.
 */
export function planRows(suiteName: string, rows: readonly RowDefinition[], options: PlanOptions = {}): RowPlan[] {
  let selected = [...rows];
  if (options.strategies !== undefined && options.strategies.length > 0) {
    for (const wanted of options.strategies) {
      if (!rows.some((r) => r.name === wanted || strategyNameOf(r) === wanted)) {
        const known = [...new Set(rows.flatMap((r) => [r.name, strategyNameOf(r)]))].join(', ');
        throw new UsageError(`Unknown strategy \`${wanted}\` for suite \`${suiteName}\`. Known here: ${known}.`);
      }
    }
    selected = rows.filter((r) => options.strategies!.includes(r.name) || options.strategies!.includes(strategyNameOf(r)));
  }
  const values = options.concurrency ?? options.sweep ?? [];
  const plans: RowPlan[] = [];
  for (const row of selected) {
    const key = limitKey(row);
    const base: RowOptions = { ...row.options };
    if (key === null || values.length === 0) {
      plans.push({ name: row.name, definition: row, options: base });
    } else if (values.length === 1 && options.concurrency !== undefined) {
      plans.push({ name: row.name, definition: row, options: { ...base, [key]: values[0] } });
    } else {
      for (const n of values) plans.push({ name: `${row.name}@${n}`, definition: row, options: { ...base, [key]: n } });
    }
  }
  return plans;
}
