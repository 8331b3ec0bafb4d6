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
import { RequestPacer } from '../strategies/limiters/request-pacer.ts';
import { retryAfterMs } from '../strategies/retry/retry-after.ts';
import { isRateLimitError } from '../strategies/retry/retryable.ts';
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
  reject: (reason: unknown) => void;
  start: number;
  end: number;
  retries: number;
}

/**
 * A task that takes one request from `pacer` before every attempt it makes — a retry
 * included, which `withRetry` around `rateLimited` would send unpaced — and, on a 429 with
 * `retry-after`, holds every later admission that long (as `rateLimited` does).
 */
function pacedPerAttempt<I, O>(task: Task<I, O>, pacer: RequestPacer, clock: Clock): Task<I, O> {
  return async (input, ctx) => {
    await pacer.acquire(0, ctx.signal);
    try {
      return await task(input, ctx);
    } catch (error) {
      const hint = isRateLimitError(error) ? retryAfterMs(error) : undefined;
      if (hint !== undefined) pacer.gate.pauseUntil(clock.now() + hint);
      throw error;
    }
  };
}

/**
 * One worker: `submit` a job, get its record when its last attempt settles. `queue-split`
 * runs `abatch` with every attempt paced at its share of the limit by `rateLimited`'s
 * pacer (`RequestPacer`), `queue-global` runs `abatch` (the queue's shared limiter paces
 * the jobs it hands out), both retrying 429s with `withRetry`; `queue-adaptive` runs
 * `adaptive` (its own AIMD limit, 429 retries included).
 */
export class WorkerCore<I> {
  readonly #feed = new JobFeed<Pending<I>>();
  readonly #pending: Array<Pending<I> | undefined> = [];
  readonly #done: Promise<unknown>;

  /** `signal` aborts every job at once (in-flight requests included); their `submit`s then reject with its reason. */
  constructor(task: Task<I, unknown>, policy: WorkerPolicy, clock: Clock, options: { onEvent?: (event: StrategyEvent) => void; signal?: AbortSignal } = {}) {
    const { onEvent, signal } = options;
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
    const common = { maxConcurrency: policy.concurrency, clock, onEvent: handle, returnExceptions: true as const, ...(signal ? { signal } : {}) };
    const retry = { attempts: ATTEMPTS, clock, seed: policy.seed, onEvent: handle };
    switch (policy.variant) {
      case 'queue-split': {
        const pacer = new RequestPacer({ rpm: policy.rpm, burstRequests: policy.burst, clock });
        this.#done = abatch(this.#feed, withRetry(pacedPerAttempt(timed, pacer, clock), retry), common);
        break;
      }
      case 'queue-global':
        this.#done = abatch(this.#feed, withRetry(timed, retry), common);
        break;
      case 'queue-adaptive':
        this.#done = adaptive(this.#feed, timed, { ...common, seed: policy.seed });
        break;
    }
    // An aborted run settles nothing more: every job still pending rejects with the reason.
    this.#done.catch((reason: unknown) => {
      this.#pending.forEach((job, index) => {
        this.#pending[index] = undefined;
        job?.reject(reason);
      });
    });
  }

  /** Runs one job; resolves with its record (a failure is `ok: false`; rejects only when the worker was aborted). */
  submit(index: number, input: I): Promise<JobRecord> {
    return new Promise((resolve, reject) => {
      const job: Pending<I> = { index, input, resolve, reject, start: Number.NaN, end: Number.NaN, retries: 0 };
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
