/**
 * `llm-concurrency-bench`: the strategies, limiters and clocks — everything needed to run
 * many LLM calls well, and nothing that loads the mock provider, the SDK or the harness.
 * The rest is by subpath: `/mocks` (the provider), `/bench` (suites, ideals), `/report`
 * (renderers), `/pitfalls` (the eager-promise demo).
 */
export * from './strategies/index.ts';

export type { Clock } from './core/clock.ts';
export { isAbortError } from './core/clock.ts';
export { RealClock, realClock } from './core/real-clock.ts';
export { VirtualClock, VirtualClockStallError } from './core/virtual-clock.ts';
export type { VirtualClockOptions } from './core/virtual-clock.ts';
