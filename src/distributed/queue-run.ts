/**
 * One distributed run on BullMQ: the parent enqueues every input (job data = index +
 * input) on a paused queue and releases them at once (their "wanted to send" time), K
 * worker processes run them, and the parent collects each job's record from
 * the queue's events, keyed by input index — every input once, a repeat (a job run twice
 * after a stall) counted as a duplicate. The queue is obliterated afterwards, also on abort.
 */
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { Clock } from '../core/clock.ts';
import { linkedSignal } from '../bench/abort-points.ts';
import { RunFailure } from '../bench/run-failure.ts';
import { settleWithin, untilAborted } from './bounded.ts';
import { probeRedis, redactRedisUrl } from './redis-probe.ts';
import type { JobData, JobResult, QueueLimiter, WorkerConfig } from './worker-config.ts';
import type { JobRecord, WorkerPolicy } from './worker-core.ts';
import { startWorkers, type WorkerProcesses } from './worker-processes.ts';

/** Options of {@link runOnQueue}. */
export interface QueueRunOptions<I> {
  redisUrl: string;
  inputs: readonly I[];
  /** One policy per worker process (K = its length). */
  policies: readonly WorkerPolicy[];
  /** `queue-global`: BullMQ's shared limiter. */
  limiter?: QueueLimiter;
  /** The mock provider's loopback URL and key, and the model to ask for. */
  baseURL: string;
  apiKey: string;
  model: string;
  /** The parent's clock (a `RealClock`): records come back on it. */
  clock: Clock;
  signal?: AbortSignal;
  /** Job lock, ms: a dead worker's jobs go back to the queue after it. @default 2000 */
  lockDurationMs?: number;
  /** Stalled-job check period, ms. @default 1000 */
  stalledIntervalMs?: number;
  /** The run fails once the parent's Redis connection has been down this long, ms. @default 10000 */
  redisLossMs?: number;
  /** Called once per settled input (first time only), e.g. to SIGKILL a worker mid-run. */
  onRecord?: (settled: number, workers: WorkerProcesses) => void;
  /** Called with the worker pids as soon as they are ready. */
  onWorkers?: (pids: readonly number[]) => void;
}

/** What a run hands back. */
export interface QueueRunResult {
  /** Per input, its record on the parent's clock (times converted from the workers' epoch times). */
  records: JobRecord[];
  /** When the enqueued inputs were released (every input's "wanted to send"), and when the last settled. */
  enqueuedAt: number;
  endedAt: number;
  /** Records that came back for an input already settled (its job ran twice). */
  duplicates: number;
  /** Jobs BullMQ reported stalled (their worker stopped renewing the lock). */
  stalled: number;
  pids: readonly number[];
  /** Failures the workers reported while running (the first few), `worker N: message`; empty on a clean run. */
  workerErrors: readonly string[];
}

/** Keys of the queue in Redis (for checks that nothing is left). */
export const QUEUE_PREFIX = 'llm-bench';

/** How long the cleanup (closing the connections, obliterating the queue) may take before it is given up. */
const CLEANUP_MS = 5_000;
/** The same after an abort (Ctrl-C) or a failure: the user is waiting for the prompt. */
const ABORTED_CLEANUP_MS = 2_000;
const ignore = (): void => undefined;

function parse(value: unknown): JobResult {
  return (typeof value === 'string' ? JSON.parse(value) : value) as JobResult;
}

/** Runs `inputs` through K worker processes on a fresh BullMQ queue; see the file comment. */
export async function runOnQueue<I>(options: QueueRunOptions<I>): Promise<QueueRunResult> {
  const { inputs, clock, signal } = options;
  const name = `run-${process.pid}-${randomBytes(4).toString('hex')}`;
  // A wrong or unreachable URL fails here, at once, instead of in connections that retry forever.
  await untilAborted(probeRedis(options.redisUrl), signal);
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<JobData<I>, JobResult>(name, { connection, prefix: QUEUE_PREFIX });
  const eventsConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const events = new QueueEvents(name, { connection: eventsConnection, prefix: QUEUE_PREFIX });
  // Connection errors are retried by ioredis; without a listener each one would print a stack.
  connection.on('error', ignore);
  eventsConnection.on('error', ignore);
  queue.on('error', ignore);
  events.on('error', ignore);
  // Redis gone or frozen mid-run: ioredis reconnects (or waits) forever and nothing would
  // settle. A heartbeat PING finds both; without an answer for redisLossMs the run fails,
  // through its own signal, so worker start-up and every wait stop too.
  const run = linkedSignal(signal);
  let lastError = 'no answer';
  connection.on('error', (error: Error) => {
    lastError = error.message;
  });
  let lastAnswerAt = performance.now();
  let pinging = false;
  const lossMs = options.redisLossMs ?? 10_000;
  const watch = setInterval(() => {
    if (!pinging) {
      pinging = true;
      connection.ping().then(() => (lastAnswerAt = performance.now()), ignore).finally(() => (pinging = false));
    }
    if (performance.now() - lastAnswerAt >= lossMs) {
      run.abort(new RunFailure(`lost Redis at ${redactRedisUrl(options.redisUrl)}: no answer for ${(lossMs / 1000).toFixed(1)} s during the run (${lastError})`));
    }
  }, Math.min(250, lossMs));
  let workers: WorkerProcesses | undefined;
  let completed = false;
  const origin = performance.timeOrigin;
  try {
    await untilAborted(Promise.all([queue.waitUntilReady(), events.waitUntilReady()]), run.signal);
    // Paused until every input is enqueued, so the run starts with the whole batch at once
    // rather than with the first jobs racing the parent's enqueueing (which also serves the
    // provider: its requests' arrivals would bunch up behind it).
    await untilAborted(queue.pause(), run.signal);
    const configs: WorkerConfig[] = options.policies.map((policy, id) => ({
      id, redisUrl: options.redisUrl, queue: name, prefix: QUEUE_PREFIX, baseURL: options.baseURL, apiKey: options.apiKey, model: options.model, policy,
      ...(options.limiter ? { limiter: options.limiter } : {}),
      lockDurationMs: options.lockDurationMs ?? 2000,
      stalledIntervalMs: options.stalledIntervalMs ?? 1000,
    }));
    workers = await startWorkers(configs, run.signal);
    options.onWorkers?.(workers.pids);
    const running = workers;

    const records: Array<JobRecord | undefined> = new Array(inputs.length);
    let settled = 0;
    let duplicates = 0;
    let stalled = 0;
    let endedAt = Number.NaN;
    let finish!: () => void;
    const allSettled = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const settle = (index: number, record: JobRecord): void => {
      if (!(index >= 0 && index < inputs.length)) return;
      if (records[index] !== undefined) {
        duplicates++;
        return;
      }
      records[index] = record;
      settled++;
      options.onRecord?.(settled, running);
      if (settled === inputs.length) {
        endedAt = clock.now();
        finish();
      }
    };
    const indexOf = (jobId: string): number => Number(jobId.slice(1));
    events.on('completed', ({ jobId, returnvalue }) => {
      const r = parse(returnvalue);
      settle(indexOf(jobId), { index: r.index, start: r.start - origin, end: r.end - origin, ok: r.ok, retries: r.retries, ...(r.error ? { error: r.error } : {}) });
    });
    events.on('failed', ({ jobId, failedReason }) => {
      const now = clock.now();
      settle(indexOf(jobId), { index: indexOf(jobId), start: now, end: now, ok: false, retries: 0, error: failedReason });
    });
    events.on('stalled', () => {
      stalled++;
    });

    await untilAborted(queue.addBulk(inputs.map((input, index) => ({ name: 'input', data: { index, input }, opts: { jobId: `i${index}` } }))), run.signal);
    const enqueuedAt = clock.now();
    await untilAborted(queue.resume(), run.signal);
    // Every input settles, or every worker is gone (then nothing would settle the rest), or the run is aborted (Ctrl-C, or Redis lost).
    const dead = await untilAborted(Promise.race([allSettled.then(() => null), running.allExited]), run.signal);
    if (dead !== null) throw dead;
    completed = true;
    return { records: records as JobRecord[], enqueuedAt, endedAt, duplicates, stalled, pids: running.pids, workerErrors: [...running.errors] };
  } finally {
    clearInterval(watch);
    run.dispose();
    // A run that did not complete (aborted, failed) has nothing to wait for: its workers are killed at once.
    await workers?.stop(completed ? 5_000 : 0);
    // Bounded as a whole: with Redis gone each step would wait for a reconnect that never comes.
    await settleWithin((async () => {
      await events.close().catch(ignore);
      // Nothing of the run stays in Redis, finished or interrupted.
      await queue.obliterate({ force: true }).catch(ignore);
      // Obliterate leaves the shared limiter's window key; it would only expire at the window's end.
      await connection.del(`${QUEUE_PREFIX}:${name}:limiter`).catch(ignore);
      await queue.close().catch(ignore);
    })(), completed ? CLEANUP_MS : ABORTED_CLEANUP_MS);
    connection.disconnect();
    eventsConnection.disconnect();
  }
}
