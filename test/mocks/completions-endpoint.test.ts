import type OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider } from '../../mocks/index.ts';
import { clientOver, errorOf, post, SDK_TRANSPORTS, sdkClient, sseEvents } from './helpers.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanups.splice(0)) await close();
});

describe.each(SDK_TRANSPORTS)('POST /v1/completions through the openai SDK (%s transport)', (transport) => {
  it('client.completions.create answers a text_completion with n choices per prompt and usage', async () => {
    const provider = createMockProvider({ outputTokens: 4 });
    const { client, close } = await clientOver(provider, transport);
    cleanups.push(close);
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: ['Once upon', 'a time'], n: 2, suffix: 'ignored' });
    expect(completion).toMatchObject({ object: 'text_completion', model: 'gpt-3.5-turbo-instruct', usage: { prompt_tokens: 3 + 2, completion_tokens: 4 * 4, total_tokens: 21 } });
    expect(completion.id).toMatch(/^cmpl-/);
    expect(completion.choices.map((c) => [c.index, c.logprobs, c.finish_reason, c.text.split(' ').length])).toEqual([0, 1, 2, 3].map((i) => [i, null, 'stop', 4]));
    // Choices differ, as chat's do.
    expect(new Set(completion.choices.map((c) => c.text)).size).toBe(4);
    expect(provider.log).toEqual([expect.objectContaining({ endpoint: 'completions', model: 'gpt-3.5-turbo-instruct', status: 200, promptTokens: 5, completionTokens: 16 })]);
  });

  it('streams one chunk per token and choice, then the finish chunks, the usage chunk and [DONE]', async () => {
    const provider = createMockProvider({ outputTokens: 3 });
    const { client, close } = await clientOver(provider, transport);
    cleanups.push(close);
    const stream = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Hello', n: 2, stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toHaveLength(3 * 2 + 2 + 1);
    expect(chunks.every((c) => c.object === 'text_completion')).toBe(true);
    expect(chunks.slice(0, 6).map((c) => [c.choices[0]?.index, c.choices[0]?.finish_reason])).toEqual([[0, null], [1, null], [0, null], [1, null], [0, null], [1, null]]);
    expect(chunks.slice(6, 8).map((c) => c.choices[0])).toEqual([{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }, { text: '', index: 1, logprobs: null, finish_reason: 'stop' }]);
    expect(chunks[8]).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 } });
    const texts = [0, 1].map((i) => chunks.filter((c) => c.choices[0]?.index === i).map((c) => c.choices[0]!.text).join(''));
    expect(texts[0]).not.toBe(texts[1]);
  });
});

describe('POST /v1/completions', () => {
  it("caps the output at OpenAI's default max_tokens of 16 (finish_reason length) unless max_tokens is given", async () => {
    const provider = createMockProvider({ outputTokens: 40 });
    const client = sdkClient(provider);
    const capped = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'x' });
    expect(capped.choices[0]).toMatchObject({ finish_reason: 'length' });
    expect(capped.usage).toMatchObject({ completion_tokens: 16 });
    const longer = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'x', max_tokens: 100 });
    expect(longer.choices[0]).toMatchObject({ finish_reason: 'stop' });
    expect(longer.usage).toMatchObject({ completion_tokens: 40 });
  });

  it('echo puts each prompt in front of its choices, in the JSON body and in the first streamed chunk', async () => {
    const provider = createMockProvider({ outputTokens: 2 });
    const completion = await sdkClient(provider).completions.create({ model: 'davinci-002', prompt: ['P1:', 'P2:'], echo: true });
    expect(completion.choices.map((c) => c.text.slice(0, 3))).toEqual(['P1:', 'P2:']);
    const raw = await (await post(provider, '/completions', { model: 'davinci-002', prompt: 'P1:', echo: true, stream: true })).text();
    const events = sseEvents(raw);
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect((events[0]?.data as { choices: Array<{ text: string }> }).choices[0]?.text).toMatch(/^P1:\w+$/);
  });

  it('paces the stream like chat: the first chunk at time to first token', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'ttft=200ms,tpot=10ms', outputTokens: 3, clock });
    const times: number[] = [];
    await clock.run(async () => {
      const stream = await sdkClient(provider).completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'x', stream: true });
      for await (const chunk of stream) if (chunk.choices[0]?.text) times.push(clock.now());
    });
    expect(times).toEqual([200, 210, 220]);
  });

  it.each([
    [{ prompt: 'x' }, 'model'],
    [{ model: 'gpt-3.5-turbo-instruct' }, 'prompt'],
    [{ model: 'gpt-3.5-turbo-instruct', prompt: [] }, 'prompt'],
    [{ model: 'gpt-3.5-turbo-instruct', prompt: [1, 2, 3] }, 'prompt'],
    [{ model: 'gpt-3.5-turbo-instruct', prompt: { text: 'x' } }, 'prompt'],
    [{ model: 'gpt-3.5-turbo-instruct', prompt: 'x', logprobs: 2 }, 'logprobs'],
    [{ model: 'gpt-3.5-turbo-instruct', prompt: 'x', n: 0 }, 'n'],
    [{ model: 'gpt-3.5-turbo-instruct', prompt: 'x', echo: 'yes' }, 'echo'],
    [{ model: 'gpt-3.5-turbo-instruct', prompt: 'x', stream_options: { include_usage: true } }, 'stream_options'],
  ])('answers %j with 400 naming %s', async (body, param) => {
    const provider = createMockProvider();
    const response = await post(provider, '/completions', body);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).param).toBe(param);
    expect(provider.log).toEqual([expect.objectContaining({ endpoint: 'completions', status: 400 })]);
  });

  it('answers an unknown model and an embedding model with 404 model_not_found', async () => {
    const client = sdkClient(createMockProvider());
    await expect(client.completions.create({ model: 'gpt-9', prompt: 'x' })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(client.completions.create({ model: 'text-embedding-ada-002', prompt: 'x' })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });
});
