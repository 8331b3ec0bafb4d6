/**
 * The entry of one distributed worker process: a BullMQ `Worker` on the run's queue whose
 * jobs go through a {@link WorkerCore} with its own openai client reaching the mock over
 * HTTP. Started by {@link startWorkers}, which sends its {@link WorkerConfig} as the first
 * IPC message (not in argv, where `ps` would show the API key); it stops on a `stop`
 * message, and exits at once when its parent goes away.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { chatTask, SUMMARIZE } from '../bench/default-task.ts';
import type { Document } from '../bench/workload.ts';
import { RealClock } from '../core/real-clock.ts';
import { settleWithin } from './bounded.ts';
import type { JobData, JobResult, ParentMessage, WorkerConfig, WorkerMessage } from './worker-config.ts';
import { warmUp } from './warm-up.ts';
import { WorkerCore } from './worker-core.ts';

/** How long a forced stop (the parent gone, a signal) waits for BullMQ to let go before exiting anyway. */
const FORCED_STOP_MS = 1_000;

const send = (message: WorkerMessage): void => {
  if (process.connected) process.send?.(message, () => undefined);
};

/** Reports a startup failure to the parent, then exits 1 once the message is out (or could not be sent). */
function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (process.connected && process.send) process.send({ type: 'error', id: -1, message } satisfies WorkerMessage, () => process.exit(1));
  else {
    process.stderr.write(`worker-main: ${message}\n`);
    process.exit(1);
  }
}

async function main(config: WorkerConfig): Promise<void> {
  const clock = new RealClock();
  const client = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, maxRetries: 0 });
  const core = new WorkerCore<Document>(chatTask(client, config.model, SUMMARIZE), config.policy, clock);
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const epoch = (t: number): number => performance.timeOrigin + t;
  const worker = new Worker<JobData<Document>, JobResult>(
    config.queue,
    async (job) => {
      const record = await core.submit(job.data.index, job.data.input);
      return { ...record, start: epoch(record.start), end: epoch(record.end), worker: config.id };
    },
    {
      connection,
      prefix: config.prefix,
      concurrency: config.policy.concurrency,
      ...(config.limiter ? { limiter: config.limiter } : {}),
      lockDuration: config.lockDurationMs,
      stalledInterval: config.stalledIntervalMs,
      // A job whose worker died goes back to the queue up to twice; a third loss fails it.
      maxStalledCount: 2,
      // Wake up soon after the queue empties, so a stop does not wait out a long poll.
      drainDelay: 1,
    },
  );
  worker.on('error', (error) => send({ type: 'error', id: config.id, message: error.message }));
  let stopping = false;
  /** Graceful (`stop` message): lets running jobs finish. Forced (parent gone, signal): exits within {@link FORCED_STOP_MS}. */
  const stop = async (force: boolean): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      if (force) await settleWithin(worker.close(true), FORCED_STOP_MS);
      else {
        await worker.close(false);
        await core.close();
      }
    } catch {
      // Exiting either way: a failed close leaves nothing this process still needs.
    } finally {
      connection.disconnect();
      process.exit(0);
    }
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') void stop(false);
  });
  // The parent is gone (its IPC channel closed): stop at once, whatever is running.
  process.removeListener('disconnect', exitAtOnce);
  process.on('disconnect', () => void stop(true));
  process.on('SIGTERM', () => void stop(true));
  process.on('SIGINT', () => void stop(true));
  await worker.waitUntilReady();
  await warmUp(client);
  send({ type: 'ready', id: config.id, pid: process.pid });
}

/** Before the config arrives there is nothing to close. */
const exitAtOnce = (): void => process.exit(0);

if (process.send === undefined) {
  process.stderr.write('worker-main: expected to be forked with an IPC channel (its configuration comes as the first message).\n');
  process.exit(2);
}
process.on('disconnect', exitAtOnce);
process.once('message', (message: ParentMessage) => {
  try {
    if (message.type !== 'config' || typeof message.config !== 'object' || message.config === null) throw new Error('the first message was not the worker configuration.');
    main(message.config).catch(fail);
  } catch (error) {
    fail(error);
  }
});
