/** The `priority` strategy: a sliding pool that starts higher-priority items first. */
import { runPool } from './pool/pool.ts';
import type { PoolStrategyOptions } from './pool/pool-options.ts';
import type { Task } from './types.ts';

/** One input of {@link priority} with its priority (higher starts first). */
export interface PriorityItem<I> {
  input: I;
  /** Any finite number; higher runs earlier, ties keep input order. */
  priority: number;
}

/**
 * Priority processing done in one pool (the tutorial's `process_with_priority`, section 8, done
 * right): every free slot goes to the highest-priority input not yet started, ties in input
 * order. The tutorial runs the whole high list, then the whole low list, so the low list waits for
 * the high list's slowest request; here low-priority work fills slots as soon as high-priority
 * work runs out. `ctx.index`, events and results use the item's position in `items`.
 *
 * @example
 * const results = await priority(
 *   docs.map((doc) => ({ input: doc, priority: doc.urgent ? 1 : 0 })),
 *   summarize,
 *   { maxConcurrency: 10 },
 * );
 */
export function priority<I, O>(items: Iterable<PriorityItem<I>>, task: Task<I, O>, options?: PoolStrategyOptions & { returnExceptions?: false }): Promise<O[]>;
export function priority<I, O>(items: Iterable<PriorityItem<I>>, task: Task<I, O>, options: PoolStrategyOptions & { returnExceptions: true }): Promise<Array<O | Error>>;
export function priority<I, O>(items: Iterable<PriorityItem<I>>, task: Task<I, O>, options?: PoolStrategyOptions): Promise<Array<O | Error>>;
export function priority<I, O>(items: Iterable<PriorityItem<I>>, task: Task<I, O>, options?: PoolStrategyOptions): Promise<Array<O | Error>> {
  const list = Array.from(items);
  list.forEach((item, i) => {
    if (typeof item?.priority !== 'number' || !Number.isFinite(item.priority)) {
      throw new TypeError(`Expected \`items[${i}].priority\` to be a finite number, got \`${String(item?.priority)}\` (${typeof item?.priority})`);
    }
  });
  // Array.prototype.sort is stable, so equal priorities keep input order.
  const indices = list.map((_, i) => i).sort((a, b) => (list[b] as PriorityItem<I>).priority - (list[a] as PriorityItem<I>).priority);
  const inputs = indices.map((i) => (list[i] as PriorityItem<I>).input);
  return runPool(inputs, task, { ...options, indices });
}
