import OpenAI from 'openai';
import { realClock } from '../core/real-clock.ts';
import { DEFAULT_MAX_TOKENS, requestTokens, SUMMARIZE } from './default-task.ts';
import { RETRY_ATTEMPTS } from './iteration.ts';
import type { RowPlan } from './plan-rows.ts';
import { estimateCostUsd } from './prices.ts';
import { runShape, type ShapeOptions } from './run-shape.ts';
import { resolveStrategy } from './strategy-registry.ts';
import type { StrategySuite, TaskEnvironment } from './suite.ts';
import { UsageError } from './usage-error.ts';
import { createDocuments, type Document } from './workload.ts';

/**
 * What a strategy-suite run will send, worked out before it sends anything: the request
 * count without retries and at worst, and what that costs at list prices. The budget
 * guard (`maxRequests`) refuses a run whose worst case exceeds it.
 */
export interface RunEstimate {
  suite: string;
  model: string;
  /** Requests if no input is retried. */
  requests: number;
  /** Requests if every input of every row takes every attempt its row's retries and strategy allow. */
  worstCaseRequests: number;
  /** Mean prompt tokens a request sends (estimated from the workload). */
  promptTokensPerRequest: number;
  /** Mean completion tokens a request may get at most (its `max_tokens`). */
  completionTokensPerRequest: number;
  /** USD at list prices, without retries and at worst; null when the model has no known price. */
  costUsd: { requests: number; worstCase: number } | null;
}

/** A client that cannot send: branch factories get one, since only the branches' number is wanted. */
const idleEnvironment = (model: string): TaskEnvironment => {
  const fetch: typeof globalThis.fetch = () => Promise.reject(new Error('not for sending'));
  return { client: new OpenAI({ apiKey: 'unused', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0, fetch }), fetch, provider: null, clock: realClock, model };
};

/** How many branches each input of `suite` has (1 without branches). */
export async function branchCountOf(suite: StrategySuite<unknown>, model: string): Promise<number> {
  return suite.branches ? Object.keys(await suite.branches(idleEnvironment(model))).length : 1;
}

/** Requests one input of `plan` sends: one, or one per branch. */
export function requestsPerInput(plan: RowPlan, branchCount: number): number {
  const shape = plan.options.branches ?? resolveStrategy(plan.definition.strategy).defaultBranches;
  return shape === 'task' ? 1 : branchCount;
}

/**
 * Estimates the run of `suite` under `options` (see {@link RunEstimate}), warm-up included;
 * rejects with a `UsageError` where `runSuite` would refuse the options.
 */
export async function estimateRun<I>(suite: StrategySuite<I>, options: ShapeOptions = {}): Promise<RunEstimate> {
  const shape = runShape(suite, options);
  const { plans, requests, seed, model } = shape;
  const iterations = shape.iterations + (shape.warmup ? 1 : 0);
  const branchCount = await branchCountOf(suite as StrategySuite<unknown>, model);
  let perIteration = 0;
  let worstPerIteration = 0;
  for (const plan of plans) {
    const sent = requests * requestsPerInput(plan, branchCount);
    const strategyAttempts = resolveStrategy(plan.definition.strategy).maxAttempts?.(plan.options) ?? 1;
    perIteration += sent;
    worstPerIteration += sent * strategyAttempts * RETRY_ATTEMPTS[plan.options.retry ?? 'none'];
  }
  // Tokens a request reserves: the default task's prompt estimate plus its `max_tokens`; a
  // suite's own `requestTokens` does not split them, so all of it is priced as completion (an upper bound).
  const inputs = suite.workload ? suite.workload(requests, seed) : (createDocuments(requests, seed) as unknown as I[]);
  const reserved = inputs.map(suite.requestTokens ?? ((doc: I) => requestTokens(doc as unknown as Document, SUMMARIZE)));
  const meanReserved = reserved.reduce((s, t) => s + t, 0) / Math.max(1, reserved.length);
  const completion = suite.requestTokens ? meanReserved : DEFAULT_MAX_TOKENS;
  const prompt = suite.requestTokens ? 0 : meanReserved - DEFAULT_MAX_TOKENS;
  const total = perIteration * iterations;
  const worst = worstPerIteration * iterations;
  const unit = estimateCostUsd(model, prompt, completion);
  return {
    suite: suite.name,
    model,
    requests: total,
    worstCaseRequests: worst,
    promptTokensPerRequest: prompt,
    completionTokensPerRequest: completion,
    costUsd: unit === null ? null : { requests: unit * total, worstCase: unit * worst },
  };
}

/**
 * Throws a {@link UsageError} when the worst case of `estimates` together exceeds
 * `maxRequests`; `budget` names the limit in the message.
 */
export function checkBudget(estimates: readonly RunEstimate[], maxRequests: number, budget = `--max-requests ${maxRequests}`): void {
  const worst = estimates.reduce((s, e) => s + e.worstCaseRequests, 0);
  if (worst <= maxRequests) return;
  const parts = estimates.map((e) => `${e.suite}: ${e.worstCaseRequests}`).join(', ');
  throw new UsageError(
    `this run may send up to ${worst} requests (${parts}; rows × iterations × requests × attempts), more than ${budget}; nothing was sent. Lower --requests, --iterations or --strategies, or raise --max-requests.`,
  );
}
