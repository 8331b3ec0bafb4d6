/**
 * Measures the queue's coordination cost per job on a real Redis: one BullMQ worker with
 * concurrency 1 and a processor that does nothing takes `jobs` jobs one after another, so
 * each costs the round trips of finishing one job and taking the next.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_PREFIX } from './queue-run.ts';

/** Milliseconds per job of an empty processor on `redisUrl`. */
export async function measureCoordinationMs(redisUrl: string, jobs = 300): Promise<number> {
  const name = `coordination-${process.pid}-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix: QUEUE_PREFIX });
  let done = 0;
  let first = 0;
  let last = 0;
  let finished!: () => void;
  const all = new Promise<void>((resolve) => {
    finished = resolve;
  });
  await queue.addBulk(Array.from({ length: jobs }, (_, i) => ({ name: 'noop', data: i })));
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(name, async () => {
    const now = performance.now();
    if (done === 0) first = now;
    last = now;
    if (++done === jobs) finished();
  }, { connection: workerConnection, prefix: QUEUE_PREFIX, concurrency: 1, drainDelay: 1 });
  try {
    await all;
    return (last - first) / (jobs - 1);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
    workerConnection.disconnect();
  }
}
