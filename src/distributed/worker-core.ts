/**
 * What one distributed worker does with the jobs its queue hands it, whichever queue that
 * is (BullMQ in a worker process, or the simulated broker under the virtual clock): run
 * them through one of the project's in-process strategies over an open-ended feed, and
 * hand back one record per job — when its final attempt started and ended, and whether it
 * succeeded.
 */
import type { Clock } from '../core/clock.ts';
import { abatch } from '../strategies/abatch.ts';
import { adaptive } from '../strategies/adaptive.ts';
import { rateLimited } from '../strategies/rate-limited.ts';
import type { StrategyEvent, Task } from '../strategies/types.ts';
import { withRetry } from '../strategies/with-retry.ts';
import { JobFeed } from './job-feed.ts';

/** The distributed rows: how the K workers share one org-wide request limit. */
export const VARIANTS = ['queue-split', 'queue-global', 'queue-adaptive'] as const;
export type Variant = (typeof VARIANTS)[number];

/** How one worker runs its jobs. */
export interface WorkerPolicy {
  variant: Variant;
  /** Jobs this worker runs at once (BullMQ's per-worker `concurrency`). */
  concurrency: number;
  /** `queue-split`: this worker's share of the limit, requests per minute (the limit / K). */
  rpm?: number;
  /** `queue-split`: this worker's bucket size (its share of the provider's burst, at least 1). */
  burst?: number;
  /** Seed of the retry jitter. */
  seed: number;
}

/** One job's outcome as a worker reports it (times on the worker's clock). */
export interface JobRecord {
  index: number;
  /** Start and end of the final attempt. */
  start: number;
  end: number;
  ok: boolean;
  /** Retries after a failed attempt (429s). */
  retries: number;
  /** The final error's message, when `ok` is false. */
  error?: string;
}

/** Attempts per job for the rows that retry with `withRetry` (the harness's `with-retry` mode). */
const ATTEMPTS = 6;

interface Pending<I> {
  index: number;
  input: I;
  resolve: (record: JobRecord) => void;
  start: number;
  end: number;
  retries: number;
}

/**
 * One worker: `submit` a job, get its record when its last attempt settles. `queue-split`
 * paces with `rateLimited` at its share of the limit, `queue-global` runs `abatch` (the
 * queue's shared limiter paces the jobs it hands out), both retrying 429s with `withRetry`;
 * `queue-adaptive` runs `adaptive` (its own AIMD limit, 429 retries included).
 */
export class WorkerCore<I> {
  readonly #feed = new JobFeed<Pending<I>>();
  readonly #pending: Array<Pending<I> | undefined> = [];
  readonly #done: Promise<unknown>;

  constructor(task: Task<I, unknown>, policy: WorkerPolicy, clock: Clock, onEvent?: (event: StrategyEvent) => void) {
    const timed: Task<Pending<I>, unknown> = async (job, ctx) => {
      const start = clock.now();
      try {
        return await task(job.input, { ...ctx, index: job.index });
      } finally {
        job.start = start;
        job.end = clock.now();
      }
    };
    const handle = (event: StrategyEvent): void => {
      onEvent?.(event);
      if (event.type === 'retry') {
        const job = this.#pending[event.index];
        if (job) job.retries++;
      } else if (event.type === 'success' || event.type === 'error') {
        const job = this.#pending[event.index];
        if (!job) return;
        this.#pending[event.index] = undefined;
        const record: JobRecord = { index: job.index, start: job.start, end: job.end, ok: event.type === 'success', retries: job.retries };
        if (event.type === 'error') record.error = event.error.message;
        job.resolve(record);
      }
    };
    const common = { maxConcurrency: policy.concurrency, clock, onEvent: handle, returnExceptions: true as const };
    const retried = withRetry(timed, { attempts: ATTEMPTS, clock, seed: policy.seed, onEvent: handle });
    switch (policy.variant) {
      case 'queue-split':
        this.#done = rateLimited(this.#feed, retried, { ...common, rpm: policy.rpm, burst: { requests: policy.burst } });
        break;
      case 'queue-global':
        this.#done = abatch(this.#feed, retried, common);
        break;
      case 'queue-adaptive':
        this.#done = adaptive(this.#feed, timed, { ...common, seed: policy.seed });
        break;
    }
  }

  /** Runs one job; resolves with its record (never rejects: a failure is `ok: false`). */
  submit(index: number, input: I): Promise<JobRecord> {
    return new Promise((resolve) => {
      const job: Pending<I> = { index, input, resolve, start: Number.NaN, end: Number.NaN, retries: 0 };
      this.#pending.push(job);
      this.#feed.push(job);
    });
  }

  /** Takes no more jobs and waits for the ones running. */
  async close(): Promise<void> {
    this.#feed.end();
    await this.#done;
  }
}
