// Public API of llm-concurrency-bench. The mock provider is exported from `llm-concurrency-bench/mocks`.
export * from './core/index.ts';
export * from './strategies/index.ts';

export { defineSuite, STRATEGY_NAMES } from './bench/suite.ts';
export type {
  CustomRunContext, CustomSuite, CustomSuiteOutput, RetryMode, RowDefinition, RowOptions, StrategyName,
  StrategySuite, Suite, TaskEnvironment,
} from './bench/suite.ts';
export { runStrategySuite } from './bench/run-suite.ts';
export type { RunSuiteOptions } from './bench/run-suite.ts';
export { chatTask, messagesFor, requestTokens, usageOf, DEFAULT_MAX_TOKENS, SUMMARIZE } from './bench/default-task.ts';
export { createDocuments } from './bench/workload.ts';
export type { Document, DocumentOptions } from './bench/workload.ts';
export { chunkedIdeal, closedForm, listScheduleIdeal, rateLimitedIdeal, serialIdeal } from './bench/ideal.ts';
export type { RateLimits } from './bench/ideal.ts';
export { analyzeSweep } from './bench/sweep.ts';
export type { SweepAnalysis, SweepPoint } from './bench/sweep.ts';
export { defaultPrices, estimateCostUsd } from './bench/prices.ts';
export type { ModelPrice } from './bench/prices.ts';
export { connect, TRANSPORTS } from './bench/connect.ts';
export type { Connection, TransportName } from './bench/connect.ts';
export { currentEnvironment, SCHEMA_VERSION, toJson, writeFileAtomic } from './bench/results.ts';
export type { Environment, RowResult, Scenario, SuiteResult } from './bench/results.ts';
export { UsageError } from './bench/usage-error.ts';

export { renderTable, renderCustomTable, useColor } from './report/table.ts';
export { renderMarkdown, renderCustomMarkdown } from './report/markdown.ts';
export { sweepChart } from './report/chart.ts';
