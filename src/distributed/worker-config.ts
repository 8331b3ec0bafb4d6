/** What the parent and a worker process say over IPC: its configuration first, then stop; ready and errors back. */
import type { JobRecord, WorkerPolicy } from './worker-core.ts';

/** BullMQ's Redis-backed rate limiter of a queue: at most `max` jobs per `duration` ms, across every worker. */
export interface QueueLimiter {
  max: number;
  duration: number;
}

/** Everything one worker process needs. */
export interface WorkerConfig {
  /** 0-based worker number, for logs and records. */
  id: number;
  redisUrl: string;
  queue: string;
  /** Key prefix of the queue (BullMQ's `prefix`). */
  prefix: string;
  /** The mock provider's loopback URL (`http` transport) and key. */
  baseURL: string;
  apiKey: string;
  model: string;
  policy: WorkerPolicy;
  /** `queue-global`: the queue's shared limiter. */
  limiter?: QueueLimiter;
  /** Job lock and stalled-check period: how soon a dead worker's jobs go back to the queue. */
  lockDurationMs: number;
  stalledIntervalMs: number;
}

/** A job's payload: the input's index and the input. */
export interface JobData<I = unknown> {
  index: number;
  input: I;
}

/** What a job returns: its record, with times as epoch milliseconds (comparable across processes), and the worker that ran it. */
export type JobResult = JobRecord & { worker: number };

/** Worker → parent. */
export type WorkerMessage = { type: 'ready'; id: number; pid: number } | { type: 'error'; id: number; message: string };

/** Parent → worker. */
export type ParentMessage = { type: 'config'; config: WorkerConfig } | { type: 'stop' };
