/**
 * The entry of one distributed worker process: a BullMQ `Worker` on the run's queue whose
 * jobs go through a {@link WorkerCore} with its own openai client reaching the mock over
 * HTTP. Started by {@link startWorkers} with its {@link WorkerConfig} as JSON in argv[2];
 * it stops on a `stop` message, and exits at once when its parent goes away.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { chatTask, SUMMARIZE } from '../bench/default-task.ts';
import type { Document } from '../bench/workload.ts';
import { RealClock } from '../core/real-clock.ts';
import type { JobData, JobResult, ParentMessage, WorkerConfig, WorkerMessage } from './worker-config.ts';
import { warmUp } from './warm-up.ts';
import { WorkerCore } from './worker-core.ts';

const send = (message: WorkerMessage): void => {
  if (process.connected) process.send?.(message);
};

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
      // A job whose worker died is retried once more; a second loss fails it.
      maxStalledCount: 2,
      // Wake up soon after the queue empties, so a stop does not wait out a long poll.
      drainDelay: 1,
    },
  );
  worker.on('error', (error) => send({ type: 'error', id: config.id, message: error.message }));
  let stopping = false;
  const stop = async (force: boolean): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await worker.close(force);
    await core.close();
    connection.disconnect();
    process.exit(0);
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') void stop(false);
  });
  // The parent is gone (its IPC channel closed): stop at once, whatever is running.
  process.on('disconnect', () => void stop(true));
  process.on('SIGTERM', () => void stop(true));
  process.on('SIGINT', () => void stop(true));
  await worker.waitUntilReady();
  await warmUp(client);
  send({ type: 'ready', id: config.id, pid: process.pid });
}

const raw = process.argv[2];
if (raw === undefined) {
  process.stderr.write('worker-main: expected the worker configuration as JSON in argv[2].\n');
  process.exit(2);
}
main(JSON.parse(raw) as WorkerConfig).catch((error: unknown) => {
  send({ type: 'error', id: -1, message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
