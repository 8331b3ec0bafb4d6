import type OpenAI from 'openai';
import type { MockProvider } from '../../mocks/index.ts';
import { connect, type RequestGauge, type TransportName } from './connect.ts';
import type { RequestCounts } from './metrics.ts';
import type { RateLimitsSeen } from './results.ts';
import type { RateLimits } from './row-strategy.ts';

/**
 * What a suite run sends its requests to, as the iterations see it: an SDK client, how to
 * start an iteration afresh and what the iteration's requests got back. The in-process mock
 * counts on the server side; a real endpoint ({@link openaiEndpoint}) on the client side.
 */
export interface Endpoint {
  readonly client: OpenAI;
  /** The fetch `client` sends through (counted by `gauge`), for another SDK to send the same way. */
  readonly fetch: typeof fetch;
  readonly gauge: RequestGauge;
  /** The mock provider; null for a real endpoint. */
  readonly provider: MockProvider | null;
  /** Rate limits known before the run (the mock's); null when there are none or they are unknown. */
  readonly limits: RateLimits | null;
  /** Before each iteration: reseed and reset the mock, or zero the client-side counts. */
  reset(seed: number): void;
  /** What this iteration's chat requests got back so far. */
  counts(): RequestCounts;
  /** The `x-ratelimit-*` headers seen this iteration; undefined for the mock (its limits are in the scenario). */
  rateLimitsSeen(): RateLimitsSeen | undefined;
  close(): Promise<void>;
}

function providerLimits(provider: MockProvider): RateLimits | null {
  const { rpm, tpm, burstRequests, burstTokens } = provider.config;
  return rpm || tpm ? { rpm, tpm, burstRequests, burstTokens } : null;
}

/**
 * The mock provider through `transport`. Counts come from the provider's running totals
 * since the last reset, so every request counts however few the bounded request log holds.
 */
export async function mockEndpoint(provider: MockProvider, transport: TransportName): Promise<Endpoint> {
  const connection = await connect(provider, transport);
  return {
    client: connection.client,
    fetch: connection.fetch,
    gauge: connection.gauge,
    provider,
    limits: providerLimits(provider),
    reset: (seed) => {
      provider.reset({ seed });
      connection.gauge.reset();
    },
    counts: () => {
      const chat = provider.stats().endpoints.chat;
      return { requests: chat.requests, ok: chat.ok, rateLimited: chat.rateLimited, promptTokens: chat.okPromptTokens, completionTokens: chat.okCompletionTokens };
    },
    rateLimitsSeen: () => undefined,
    close: () => connection.close(),
  };
}
