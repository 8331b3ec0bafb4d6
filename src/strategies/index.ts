// Public API of the strategies layer: every strategy, its options, and the pieces to build your own.

// Shared types
export type { Settled, StrategyEvent, StrategyEventType, StrategyOptions, Task, TaskContext } from './types.ts';

// Strategies
export { serial } from './serial.ts';
export type { SerialOptions } from './serial.ts';
export { batch, defaultBatchConcurrency } from './batch.ts';
export { abatch } from './abatch.ts';
export { gatherWithConcurrency } from './gather-with-concurrency.ts';
export type { GatherOptions, Thunk } from './gather-with-concurrency.ts';
export { chunked } from './chunked.ts';
export type { ChunkedOptions } from './chunked.ts';
export { batchAsCompleted } from './batch-as-completed.ts';
export type { BatchAsCompletedOptions } from './batch-as-completed.ts';
export { parallel } from './parallel.ts';
export type { Branch, ParallelInput, ParallelOptions, ParallelOutput } from './parallel.ts';
export { priority } from './priority.ts';
export type { PriorityItem } from './priority.ts';
export { adaptive, DEFAULT_RATE_LIMIT_RETRIES, isOverloadError } from './adaptive.ts';
export type { AdaptiveOptions, LimitChange } from './adaptive.ts';
export { rateLimited } from './rate-limited.ts';
export type { RateLimitedOptions } from './rate-limited.ts';
export { ReservationTooLargeError } from './limiters/request-pacer.ts';

// Retries
export { withRetry } from './with-retry.ts';
export type { RetryOptions } from './with-retry.ts';
export type { Jitter } from './retry/backoff.ts';
export { isQuotaExhaustedError, isRateLimitError, isRetryableError, isTimeoutError, statusOf } from './retry/retryable.ts';
export { retryAfterMs } from './retry/retry-after.ts';
export { AttemptTimeoutError } from './retry/attempt-timeout.ts';

// Rate-limit headers and token accounting
export { readRateLimitHeaders } from './http/ratelimit-headers.ts';
export type { RateLimitHeaders } from './http/ratelimit-headers.ts';
export { estimateTokensRoughly, usageTokensOf } from './http/token-usage.ts';

// Limiters
export { AimdLimit } from './limiters/aimd-limit.ts';
export type { AimdLimitOptions } from './limiters/aimd-limit.ts';
export { GradientLimit } from './limiters/gradient-limit.ts';
export type { GradientLimitOptions } from './limiters/gradient-limit.ts';
export type { LimitBoundsOptions } from './limiters/limit-bounds.ts';
export type { Limit, LimitOutcome, LimitSample } from './limiters/limit.ts';
export { AdaptiveGate } from './limiters/adaptive-gate.ts';
export type { AdaptiveGateOptions, Limiter, Permit } from './limiters/adaptive-gate.ts';

// The pool engine, for building new strategies
export { createPool, Pool, runPool } from './pool/pool.ts';
export type { PoolEntry, PoolHooks, PoolInputs, PoolOptions, PoolOutcome, PoolStrategyOptions } from './pool/pool-options.ts';
export { InFlightGauge } from './pool/in-flight-gauge.ts';
export { NonErrorThrownError } from './pool/to-error.ts';
