/**
 * A warning before a run whose unbounded rows would hold more requests in flight than the
 * heap can: such a row starts every input at once, and each request in flight holds its SDK
 * call, promise and mock state until it settles — the memory an unbounded fan-out costs.
 */
import { getHeapStatistics } from 'node:v8';
import { runShape } from '../bench/run-shape.ts';
import { resolveStrategy } from '../bench/strategy-registry.ts';
import type { StrategySuite, Suite } from '../bench/suite.ts';
import { branchCountOf, requestsPerInput } from '../bench/run-estimate.ts';
import type { BenchArgs } from './args.ts';

/**
 * Memory one request in flight takes, measured on the mock: 100,000 inputs in flight at
 * once (`abatch-unbounded`, one iteration, virtual clock) peaked at 3.7 GB of RSS.
 */
export const BYTES_PER_REQUEST_IN_FLIGHT = 35_000;

/** Share of the heap limit from which a run may run out of memory (the heap is not the only memory). */
const WARN_SHARE = 0.75;

const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;

/**
 * One line per strategy suite whose unbounded rows would need more than three quarters of
 * this process's heap limit for their requests in flight; none for the others.
 */
export async function inFlightMemoryWarnings(selected: readonly Suite[], args: BenchArgs, heapLimit = getHeapStatistics().heap_size_limit): Promise<string[]> {
  const lines: string[] = [];
  for (const suite of selected) {
    if (suite.kind === 'custom') continue;
    const { plans, requests, model } = runShape(suite, { ...args, target: undefined });
    const branches = await branchCountOf(suite as StrategySuite<unknown>, model);
    const unboundedPlans = plans.filter((p) => resolveStrategy(p.definition.strategy).concurrency(p.options) === Infinity);
    const unbounded = unboundedPlans.map((p) => p.name);
    // A row over parallel branches has one request per branch of every input in flight.
    const inFlight = Math.max(0, ...unboundedPlans.map((p) => requests * requestsPerInput(p, branches)));
    const need = inFlight * BYTES_PER_REQUEST_IN_FLIGHT;
    if (unbounded.length === 0 || need <= heapLimit * WARN_SHARE) continue;
    lines.push(
      `bench: warning: ${suite.name}: ${unbounded.join(', ')} ${unbounded.length === 1 ? 'starts' : 'start'} all ${inFlight} requests at once, ` +
        `about ${gb(need)} in flight against this process's heap limit of ${gb(heapLimit)}, and may run out of memory; ` +
        `leave ${unbounded.length === 1 ? 'it' : 'them'} out with --strategies, or raise the limit (NODE_OPTIONS=--max-old-space-size=MB).`,
    );
  }
  return lines;
}
