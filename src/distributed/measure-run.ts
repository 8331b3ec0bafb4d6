/**
 * Turns one distributed run — the per-input records the workers sent back, and what the
 * provider counted — into the same per-iteration figures every other row has
 * (`measureIteration`): latency from enqueue ("wanted to send"), 429s, retries, wasted —
 * every request beyond one successful answer per input, served duplicates included.
 */
import type { MockProvider } from '../../mocks/index.ts';
import { measureIteration, type IterationMetrics } from '../bench/metrics.ts';
import { Traces } from '../bench/recorder.ts';
import type { JobRecord } from './worker-core.ts';

/** One run as the parent saw it. */
export interface RunObservation {
  records: ReadonlyArray<JobRecord | undefined>;
  enqueuedAt: number;
  endedAt: number;
  /** Jobs in flight at once across every worker (the provider side's peak). */
  peakInFlight: number;
  /** Jobs in flight the policy allows: the ideal's pool slots. */
  slots: number;
  /** The org-wide limit in real requests per minute, and the provider's burst. */
  rpm: number;
  burst: number;
}

/** Per-iteration figures of a run; `provider` must have been reset just before it. */
export function measureRun(o: RunObservation, provider: MockProvider): IterationMetrics {
  const traces = new Traces(o.records.length, o.enqueuedAt);
  let retries = 0;
  let errors = 0;
  o.records.forEach((r, i) => {
    if (r === undefined) {
      errors++;
      return;
    }
    traces.start[i] = r.start;
    traces.end[i] = r.end;
    traces.ok[i] = r.ok ? 1 : 0;
    retries += r.retries;
    if (!r.ok) errors++;
  });
  const chat = provider.stats().endpoints.chat;
  // A job run twice after a stall is served twice but settles once (BullMQ drops the stale
  // worker's result): only one answer per input that succeeded is useful, the rest is wasted.
  const okInputs = o.records.filter((r) => r?.ok === true).length;
  return measureIteration({
    startedAt: o.enqueuedAt,
    endedAt: o.endedAt,
    firstResultAt: null,
    traces,
    requests: { requests: chat.requests, ok: Math.min(chat.ok, okInputs), rateLimited: chat.rateLimited, promptTokens: chat.okPromptTokens, completionTokens: chat.okCompletionTokens },
    tokenCosts: [],
    requestsPerInput: 1,
    peakInFlight: o.peakInFlight,
    retries,
    errors,
    policy: { kind: 'pool', slots: o.slots },
    limits: { rpm: o.rpm, burstRequests: o.burst },
    costUsd: null,
  });
}
