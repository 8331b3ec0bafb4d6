/** chatOpenAIFields(): LangChain's ChatOpenAI reaching the mock provider through the suite's transport, with no retries of its own. */
import { ChatOpenAI } from '@langchain/openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProviderOptions } from '../../mocks/index.ts';
import { connect, type Connection } from '../../src/bench/connect.ts';
import { VirtualClock } from '../../src/core/virtual-clock.ts';
import { chatOpenAIFields } from '../../src/langchain/chat-openai-fields.ts';
import { runnableTask } from '../../src/langchain/runnable-task.ts';

let connection: Connection | undefined;
afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

async function setup(options: Partial<MockProviderOptions>) {
  const clock = new VirtualClock();
  const provider = createMockProvider({ clock, seed: 1, rpm: null, tpm: null, ...options });
  connection = await connect(provider, 'fetch');
  const model = new ChatOpenAI({ ...chatOpenAIFields({ client: connection.client, fetch: connection.fetch, model: 'gpt-4o-mini' }), maxTokens: 16 });
  return { clock, provider, model, gauge: connection.gauge };
}

describe('chatOpenAIFields()', () => {
  it('authenticates with the top-level key and keeps it out of what LangChain serialises (and tracing sends)', async () => {
    const key = 'sk-lc-secret-0123456789';
    const { clock, provider, model } = await setup({ latency: '1s', apiKey: key });
    await clock.run(() => model.invoke('hello'));
    expect(provider.stats().endpoints.chat.ok).toBe(1);
    expect(JSON.stringify(model.toJSON())).not.toContain(key);
  });

  it('sends ChatOpenAI through the connection: answered by the mock after its latency, counted by the request gauge', async () => {
    const { clock, provider, model, gauge } = await setup({ latency: '2s' });
    const reply = await clock.run(() => runnableTask(model)('hello', { signal: new AbortController().signal, attempt: 1, index: 0 }));
    expect(typeof reply.content).toBe('string');
    expect(clock.now()).toBe(2000);
    expect(provider.stats().endpoints.chat.ok).toBe(1);
    expect(gauge.peak).toBe(1);
  });

  it('turns off ChatOpenAI retries: a 500 is one request and one error', async () => {
    const { clock, provider, model } = await setup({ latency: '1s', faults: { error500: 1 } });
    const outcome = await clock.run(() => model.invoke('hello').then(() => 'answered', (e: Error) => `failed: ${e.message.split('\n')[0]}`));
    expect(outcome).toMatch(/^failed: /);
    expect(provider.stats().endpoints.chat.requests).toBe(1);
  });

  it('aborts the request in flight when the strategy signal aborts (Ctrl-C)', async () => {
    const { clock, provider, model, gauge } = await setup({ latency: '30s' });
    const controller = new AbortController();
    const outcome = await clock.run(async () => {
      void clock.sleep(1000).then(() => controller.abort());
      return runnableTask(model)('hello', { signal: controller.signal, attempt: 1, index: 0 }).then(() => 'answered', () => `aborted at ${clock.now()}`);
    });
    expect(outcome).toBe('aborted at 1000');
    expect(gauge.current).toBe(0);
    expect(provider.stats().endpoints.chat.ok).toBe(0);
  });
});
