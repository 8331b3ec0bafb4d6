/**
 * `llm-concurrency-bench/bench`: define and run suites — rows over the strategy registry,
 * the default workload and task, analytical ideals, statistics and results JSON.
 */
export { defineSuite } from './suite.ts';
export type { CustomRunContext, CustomSuite, CustomSuiteOutput, RowDefinition, StrategySuite, Suite, TaskEnvironment } from './suite.ts';
export { poolShape, poolStrategy } from './row-strategy.ts';
export type {
  Policy, RateLimits, RetryMode, RowOptions, RowRun, RowRunContext, RowStrategy, RowStrategyCallOptions, StrategyFunction, StrategyOptionKey,
} from './row-strategy.ts';
export { STRATEGIES, STRATEGY_NAMES } from './strategy-registry.ts';
export type { StrategyName } from './strategy-registry.ts';
export { runSuite } from './run-suite.ts';
export { abortCheckpoint, linkedSignal } from './abort-points.ts';
export type { LinkedSignal } from './abort-points.ts';
export type { RunSuiteOptions } from './run-suite.ts';
export { OpenAITarget, TARGET_KINDS } from './target.ts';
export type { TargetKind, TargetRecord } from './target.ts';
export { EndpointError } from './endpoint-error.ts';
export { RunFailure } from './run-failure.ts';
export { UsageError } from './usage-error.ts';
export { checkBudget, estimateRun } from './run-estimate.ts';
export type { RunEstimate } from './run-estimate.ts';
export type { ShapeOptions } from './run-shape.ts';
export { chatTask, messagesFor, requestTokens, usageOf, DEFAULT_MAX_TOKENS, SUMMARIZE } from './default-task.ts';
export { createDocuments } from './workload.ts';
export type { Document, DocumentOptions } from './workload.ts';
export { chunkedIdeal, closedForm, listScheduleIdeal, rateLimitedIdeal, serialIdeal } from './ideal.ts';
export { analyzeSweep } from './sweep.ts';
export type { SweepAnalysis, SweepPoint } from './sweep.ts';
export { defaultPrices, estimateCostUsd } from './prices.ts';
export type { ModelPrice } from './prices.ts';
export { connect, TRANSPORTS } from './connect.ts';
export type { Connection, TransportName } from './connect.ts';
export { currentEnvironment, SCHEMA_VERSION } from './results.ts';
export { checkNumberOption } from '../core/option-checks.ts';
export type { NumberRange } from '../core/option-checks.ts';
export type { Environment, RateLimitsSeen, RowResult, Scenario, SuiteResult } from './results.ts';
export { bootstrapCi, mean, median, percentile, sortSamples, summarize } from '../core/stats.ts';
export type { BootstrapOptions, Samples, SortedSamples, Summary } from '../core/stats.ts';
export { createRng } from '../core/random.ts';
export type { Rng } from '../core/random.ts';
export { checkComparable, compareResults, DEFAULT_THRESHOLD, METRICS } from './compare.ts';
export type { Comparison, MetricComparison, MetricName, RowComparison, RowVerdict } from './compare.ts';
export { parseSuiteResult } from './parse-results.ts';
