import OpenAI from 'openai';
import type { MockProvider } from '../../mocks/index.ts';

/** Transports the harness can put between the openai SDK and the mock provider (see docs/architecture.md). */
export const TRANSPORTS = ['fetch', 'intercept', 'http'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

/**
 * Counts the HTTP requests the client has open — sent and not yet answered — and the
 * most it had at once since the last `reset()`. Counted at the client, so requests the
 * provider rejects at once (429s) count too: it is what the client fires, and what trips
 * rate limits.
 */
export class RequestGauge {
  current = 0;
  peak = 0;

  reset(): void {
    this.peak = this.current;
  }

  /** Wraps a fetch function so every call is counted until its response (or error) arrives. */
  wrap(fetchFn: typeof fetch): typeof fetch {
    return async (input, init) => {
      this.current++;
      if (this.current > this.peak) this.peak = this.current;
      try {
        return await fetchFn(input, init);
      } finally {
        this.current--;
      }
    };
  }
}

/** An SDK client connected to a provider, its request gauge, and how to disconnect it. */
export interface Connection {
  client: OpenAI;
  /** The fetch the client sends through (the transport, counted by the gauge), for other SDKs to share. */
  fetch: typeof fetch;
  gauge: RequestGauge;
  close(): Promise<void>;
}

/**
 * Connects a fresh openai SDK client to `provider` through `transport`. SDK retries are
 * off: retrying is a strategy's job, and SDK sleeps would bypass the injected clock.
 */
export async function connect(provider: MockProvider, transport: TransportName): Promise<Connection> {
  const gauge = new RequestGauge();
  const connection = (baseURL: string, fetchFn: typeof fetch, close: () => Promise<void>): Connection => {
    const counted = gauge.wrap(fetchFn);
    return { client: new OpenAI({ apiKey: provider.config.apiKey ?? 'sk-mock', maxRetries: 0, baseURL, fetch: counted }), fetch: counted, gauge, close };
  };
  switch (transport) {
    case 'fetch':
      return connection(provider.baseURL, provider.fetch, async () => undefined);
    case 'intercept': {
      // setupServer patches the global fetch; look it up per call, after listen().
      const server = provider.intercept();
      return connection(provider.baseURL, (input, init) => globalThis.fetch(input, init), async () => server.close());
    }
    case 'http': {
      const server = await provider.listen({ port: 0, host: '127.0.0.1' });
      return connection(server.url, (input, init) => globalThis.fetch(input, init), async () => void (await server.close()));
    }
  }
}
