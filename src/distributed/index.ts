/**
 * `llm-concurrency-bench/distributed`: many worker processes against one org-wide rate
 * limit, on BullMQ and Redis (optional peer dependencies: `bullmq`, `ioredis`), measured
 * like every other row; and the virtual-clock model of K workers beyond one machine.
 */
export { runOnQueue, QUEUE_PREFIX } from './queue-run.ts';
export type { QueueRunOptions, QueueRunResult } from './queue-run.ts';
export { startWorkers, WorkerStartError } from './worker-processes.ts';
export type { WorkerProcesses } from './worker-processes.ts';
export { WorkerCore, VARIANTS } from './worker-core.ts';
export type { JobRecord, Variant, WorkerPolicy } from './worker-core.ts';
export type { JobData, JobResult, QueueLimiter, WorkerConfig } from './worker-config.ts';
export { findRedisServer, startLocalRedis, NO_REDIS_SERVER, RedisUnavailableError } from './redis-server.ts';
export type { LocalRedis } from './redis-server.ts';
export { globalLimiter, LIMIT_PRESETS, providerOptions, rateBoundMs, realRpm, workerPolicies } from './scenario.ts';
export type { DistributedScenario, LimitPreset } from './scenario.ts';
export { simulate } from './simulate.ts';
export type { SimulateOptions } from './simulate.ts';
export { WindowLimiter } from './window-limiter.ts';
export { measureCoordinationMs } from './coordination.ts';
export { runInProcessRow, runQueueRow } from './real-runs.ts';
export type { RealRowContext, RealRowOutcome } from './real-runs.ts';
export { measureRun } from './measure-run.ts';
export type { RunObservation } from './measure-run.ts';
export { runDistributedSuite } from './distributed-suite.ts';
export type { DistributedSuiteOptions } from './distributed-suite.ts';
