import OpenAI from 'openai';
import type { MockProvider } from '../../mocks/index.ts';

/** Transports the harness can put between the openai SDK and the mock provider (DESIGN.md). */
export const TRANSPORTS = ['fetch', 'intercept', 'http'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

/** An SDK client connected to a provider, and how to disconnect it. */
export interface Connection {
  client: OpenAI;
  close(): Promise<void>;
}

/**
 * Connects a fresh openai SDK client to `provider` through `transport`. SDK retries are
 * off: retrying is a strategy's job, and SDK sleeps would bypass the injected clock.
 */
export async function connect(provider: MockProvider, transport: TransportName): Promise<Connection> {
  const common = { apiKey: provider.config.apiKey ?? 'sk-mock', maxRetries: 0 } as const;
  switch (transport) {
    case 'fetch':
      return { client: new OpenAI({ ...common, baseURL: provider.baseURL, fetch: provider.fetch }), close: async () => undefined };
    case 'intercept': {
      // setupServer patches the global fetch; the client must be created after listen().
      const server = provider.intercept();
      return { client: new OpenAI({ ...common, baseURL: provider.baseURL }), close: async () => server.close() };
    }
    case 'http': {
      const server = await provider.listen({ port: 0, host: '127.0.0.1' });
      return { client: new OpenAI({ ...common, baseURL: server.url }), close: () => server.close() };
    }
  }
}
