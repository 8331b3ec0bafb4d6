/** `createMockProvider`: one engine behind the MSW handlers and the three transports. */
import type { RequestHandler } from 'msw';
import type { Clock } from '../src/core/index.ts';
import { describeConfig } from './config-summary.ts';
import { Engine } from './engine/engine.ts';
import { createHandlers } from './api/handlers.ts';
import type { MockProviderOptions, ResolvedProviderConfig } from './options.ts';
import { resolveClock, resolveProviderOptions } from './resolve-options.ts';
import type { ProviderStats, RequestLogEntry } from './engine/request-log.ts';
import { createRouter } from './api/router.ts';
import { createFetchTransport, DEFAULT_BASE_URL } from './transports/fetch.ts';
import { listenHttp, type HttpListenOptions, type HttpServerHandle } from './transports/http.ts';
import { startIntercept, type InterceptHandle } from './transports/intercept.ts';
import { checkNumberOption } from '../src/core/index.ts';

/** A mock OpenAI-compatible provider: one engine, the same handlers behind three transports. */
export interface MockProvider {
  /** MSW handlers for every `/v1/` path on any origin. */
  readonly handlers: RequestHandler[];
  /** Transport `fetch`: MSW `getResponse` behind a fetch function, for `new OpenAI({ fetch, baseURL })`. */
  readonly fetch: typeof fetch;
  /** Base URL to use with {@link fetch}: `http://mock-llm.local/v1` (any origin works). */
  readonly baseURL: string;
  /** Transport `intercept`: `msw/node` `setupServer(...handlers).listen()` (see the Node 20 retry caveat). */
  intercept(): InterceptHandle;
  /** Transport `http`: a loopback server (default host 127.0.0.1, port 0 = any free port). */
  listen(options?: HttpListenOptions): Promise<HttpServerHandle>;
  /** The clock every latency waits on. */
  readonly clock: Clock;
  /** Every option, resolved (for printing the scenario). */
  readonly config: ResolvedProviderConfig;
  /** A short printable summary of the scenario. */
  describe(): Record<string, string | number | null>;
  /**
   * The finished requests the log keeps, oldest first: the most recent `logLimit` (default
   * 10,000), or every one with `log: 'full'`. Each read returns a new array.
   */
  readonly log: readonly RequestLogEntry[];
  /**
   * Running totals since the last reset, over every request (not only those the log keeps):
   * counts by status, in-flight peak, tokens, first arrival, last end, and the same per endpoint.
   */
  stats(): ProviderStats;
  /**
   * Resets buckets, log and totals, random draws, occurrence counters and in-flight counts between
   * benchmark iterations, optionally with a new seed. Requests from before the reset (running
   * or still queued) draw and charge against their own iteration and are not logged.
   */
  reset(options?: { seed?: number }): void;
}

/**
 * Creates a mock OpenAI-compatible provider. `options.profile` is the base; explicit
 * options override it. Every option is validated up front.
 * @throws {TypeError} naming the option, its allowed range and the value received.
 * @example
 * const provider = createMockProvider({ profile: 'hosted', clock });
 * const client = new OpenAI({ apiKey: 'test', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 0 });
 */
export function createMockProvider(options: MockProviderOptions = {}): MockProvider {
  const config = resolveProviderOptions(options);
  const clock = resolveClock(options.clock);
  const engine = new Engine(config, clock, options.onRequestLogged);
  const router = createRouter(engine);
  const handlers = createHandlers(router);
  return {
    handlers,
    fetch: createFetchTransport(handlers, router, DEFAULT_BASE_URL),
    baseURL: DEFAULT_BASE_URL,
    intercept: () => startIntercept(handlers),
    listen: (listenOptions) => listenHttp(router, listenOptions, clock),
    clock,
    get config() {
      return engine.config;
    },
    describe: () => describeConfig(engine.config),
    get log() {
      return engine.log;
    },
    stats: () => engine.stats(),
    reset(resetOptions = {}) {
      const { seed } = resetOptions;
      engine.reset(seed === undefined ? undefined : checkNumberOption('seed', seed, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }));
    },
  };
}
