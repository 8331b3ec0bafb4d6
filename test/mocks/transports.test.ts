import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockProvider, DEFAULT_MODELS, type MockProvider } from '../../mocks/index.ts';
import { chatBody } from './helpers.ts';

/** JSON, streaming with usage, embeddings and models through an SDK client; returns what came back. */
async function exercise(client: OpenAI) {
  const completion = await client.chat.completions.create(chatBody('hello'));
  const stream = await client.chat.completions.create({ ...chatBody('stream me'), stream: true, stream_options: { include_usage: true } });
  let text = '';
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  const embeddings = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'] });
  const models = await client.models.list();
  return {
    content: completion.choices[0]?.message.content?.split(' ').length,
    completionTokens: completion.usage?.completion_tokens,
    streamedWords: text.split(' ').length,
    streamedUsage: usage?.completion_tokens,
    embeddings: embeddings.data.map((d) => d.embedding.length),
    models: models.data.length,
  };
}

const EXPECTED = { content: 6, completionTokens: 6, streamedWords: 6, streamedUsage: 6, embeddings: [1536, 1536], models: DEFAULT_MODELS.length };

/** Two concurrent requests against a 1-request bucket refilled every 100 ms: one 429 that the SDK retries. */
async function retryThrough(provider: MockProvider, client: OpenAI): Promise<void> {
  const results = await Promise.all([client.chat.completions.create(chatBody('a')), client.chat.completions.create(chatBody('b'))]);
  expect(results.map((r) => r.object)).toEqual(['chat.completion', 'chat.completion']);
  const statuses = provider.log.map((e) => e.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(2);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
}

const retryScenario = { rpm: 600, burstRequests: 1, latency: 0, outputTokens: 3 } as const;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('transport fetch (provider.fetch)', () => {
  it('serves the openai SDK: JSON, streaming with usage, embeddings, models', async () => {
    const provider = createMockProvider({ outputTokens: 6 });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 0 });
    expect(await exercise(client)).toEqual(EXPECTED);
  });

  it('lets SDK retries on 429 succeed (real clock, retry-after-ms 100)', async () => {
    const provider = createMockProvider(retryScenario);
    await retryThrough(provider, new OpenAI({ apiKey: 'sk-test', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 3 }));
  });
  it('takes many concurrent calls made without a signal and prints no listener warning', async () => {
    const provider = createMockProvider({ latency: 10 });
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const body = JSON.stringify(chatBody('no signal'));
      const responses = await Promise.all(Array.from({ length: 50 }, () => provider.fetch(`${provider.baseURL}/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })));
      expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 200));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('transport intercept (provider.intercept())', () => {
  it('serves the openai SDK through the global fetch (non-retry paths; SDK retries hang on Node 20)', async () => {
    const provider = createMockProvider({ outputTokens: 6 });
    const handle = provider.intercept();
    cleanups.push(() => handle.close());
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: 'https://api.example.test/v1', maxRetries: 0 });
    expect(await exercise(client)).toEqual(EXPECTED);
    await expect(client.chat.completions.create({ model: 'gpt-9', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    handle.close();
    handle.close();
    expect(provider.log).toHaveLength(5);
  });
});

describe('transport http (provider.listen())', () => {
  it('serves the openai SDK over loopback HTTP on 127.0.0.1 by default', async () => {
    const provider = createMockProvider({ outputTokens: 6 });
    const server = await provider.listen();
    cleanups.push(() => server.close());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(await exercise(new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 }))).toEqual(EXPECTED);
  });

  it('lets SDK retries on 429 succeed (real clock, retry-after-ms 100)', async () => {
    const provider = createMockProvider(retryScenario);
    const server = await provider.listen();
    cleanups.push(() => server.close());
    await retryThrough(provider, new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 3 }));
  });
});
