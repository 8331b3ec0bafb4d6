/**
 * Measures the queue's coordination cost per job on a real Redis: one BullMQ worker with
 * concurrency 1 and a processor that does nothing takes `jobs` jobs one after another, so
 * each costs the round trips of finishing one job and taking the next.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { settleWithin, untilAborted } from './bounded.ts';
import { QUEUE_PREFIX } from './queue-run.ts';

const CLEANUP_MS = 5_000;
const ignore = (): void => undefined;

/**
 * Milliseconds per job of an empty processor on `redisUrl` (`jobs` ≥ 2: the cost is the
 * time between the first job's start and the last's, over the gaps between them).
 * Aborting `signal` stops the measurement.
 */
export async function measureCoordinationMs(redisUrl: string, jobs = 300, signal?: AbortSignal): Promise<number> {
  if (!(Number.isInteger(jobs) && jobs >= 2)) throw new RangeError(`measureCoordinationMs needs at least 2 jobs, got ${jobs}.`);
  const name = `coordination-${process.pid}-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix: QUEUE_PREFIX });
  let workerConnection: Redis | undefined;
  let worker: Worker | undefined;
  connection.on('error', ignore);
  queue.on('error', ignore);
  let done = 0;
  let first = 0;
  let last = 0;
  let finished!: () => void;
  const all = new Promise<void>((resolve) => {
    finished = resolve;
  });
  try {
    await untilAborted(queue.addBulk(Array.from({ length: jobs }, (_, i) => ({ name: 'noop', data: i }))), signal);
    workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    worker = new Worker(name, async () => {
      const now = performance.now();
      if (done === 0) first = now;
      last = now;
      if (++done === jobs) finished();
    }, { connection: workerConnection, prefix: QUEUE_PREFIX, concurrency: 1, drainDelay: 1 });
    workerConnection.on('error', ignore);
    worker.on('error', ignore);
    await untilAborted(all, signal);
    return (last - first) / (jobs - 1);
  } finally {
    // Bounded as a whole: with Redis gone each step would wait for a reconnect that never comes.
    await settleWithin((async () => {
      await worker?.close(signal?.aborted === true).catch(ignore);
      await queue.obliterate({ force: true }).catch(ignore);
      await queue.close().catch(ignore);
    })(), CLEANUP_MS);
    connection.disconnect();
    workerConnection?.disconnect();
  }
}
