/**
 * `llm-concurrency-bench/mocks`: the mock OpenAI-compatible provider — create one, pick a
 * profile, read its log and stats, and the spec parsers its options accept.
 */
export { createMockProvider } from './provider.ts';
export type { MockProvider } from './provider.ts';
export type { InFlightMode, MockProviderOptions, ProfileName, ResolvedProviderConfig } from './options.ts';
export { profiles, PROFILE_NAMES } from './profiles.ts';
export { parseLatencySpec, formatLatencySpec } from './spec/latency-spec.ts';
export type { LatencySpec, TokenLatencySpec } from './engine/latency-model.ts';
export { parseOutputLengthSpec, formatOutputLengthSpec } from './spec/output-length-spec.ts';
export type { Distribution } from './engine/distribution.ts';
export { SpecParseError } from './spec/spec-error.ts';
export type { SpecOption } from './spec/spec-error.ts';
export type { LoadModel } from './engine/load-model.ts';
export type { FaultRates, Fault } from './engine/faults.ts';
export type { Endpoint, ProviderStats, RequestLogEntry } from './engine/request-log.ts';
export { ApiError } from './api/errors.ts';
export type { OpenAIErrorBody } from './api/errors.ts';
export { DEFAULT_MODELS } from './engine/models.ts';
export { DEFAULT_BASE_URL } from './transports/fetch.ts';
export type { HttpCloseOptions, HttpCloseResult, HttpListenOptions, HttpServerHandle, HttpServerStats } from './transports/http.ts';
export type { InterceptHandle } from './transports/intercept.ts';
export { estimateChatPromptTokens, estimateEmbeddingTokens, estimateTextTokens } from './engine/tokens.ts';
