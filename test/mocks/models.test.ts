import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockProvider, DEFAULT_MODELS } from '../../mocks/index.ts';
import { chatBody, clientOver, SDK_TRANSPORTS, sdkClient } from './helpers.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanups.splice(0)) await close();
});

/** One request to each text endpoint with `model`: the three answers' `model` fields. */
async function textEndpoints(client: OpenAI, model: string): Promise<string[]> {
  const chat = await client.chat.completions.create(chatBody('x', { model }));
  const response = await client.responses.create({ model, input: 'x' });
  const completion = await client.completions.create({ model, prompt: 'x' });
  return [chat.model, response.model, completion.model];
}

describe.each(SDK_TRANSPORTS)('models through the openai SDK (%s transport)', (transport) => {
  it("serves OpenAI's dated snapshots by default on every text endpoint and lists them", async () => {
    const provider = createMockProvider({ outputTokens: 2 });
    const { client, close } = await clientOver(provider, transport);
    cleanups.push(close);
    for (const model of ['gpt-4o-mini-2024-07-18', 'gpt-4o-2024-08-06', 'gpt-4.1-2025-04-14']) expect(await textEndpoints(client, model)).toEqual([model, model, model]);
    const ids = (await client.models.list()).data.map((m) => m.id);
    expect(ids).toEqual(DEFAULT_MODELS);
    expect(ids).toEqual(expect.arrayContaining(['gpt-4.1-mini', 'gpt-4.1-nano', 'o3-mini', 'o4-mini', 'gpt-3.5-turbo', 'gpt-3.5-turbo-instruct', 'text-embedding-ada-002', 'text-embedding-3-small', 'text-embedding-3-large']));
  });

  it('answers an unknown model with 404 model_not_found on every endpoint', async () => {
    const { client, close } = await clientOver(createMockProvider(), transport);
    cleanups.push(close);
    await expect(client.chat.completions.create(chatBody('x', { model: 'gpt-9' }))).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.responses.create({ model: 'gpt-9', input: 'x' })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(client.completions.create({ model: 'gpt-9', prompt: 'x' })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(client.models.retrieve('gpt-9')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('the models option', () => {
  it('a list replaces the defaults', async () => {
    const client = sdkClient(createMockProvider({ models: 'llama3.1:8b,qwen2.5', outputTokens: 2 }));
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['llama3.1:8b', 'qwen2.5']);
    expect(await textEndpoints(client, 'qwen2.5')).toEqual(['qwen2.5', 'qwen2.5', 'qwen2.5']);
    await expect(client.chat.completions.create(chatBody('x'))).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('a leading + adds to the defaults', async () => {
    const client = sdkClient(createMockProvider({ models: '+llama3.1:8b,nomic-embed-text', outputTokens: 2 }));
    expect((await client.models.list()).data.map((m) => m.id)).toEqual([...DEFAULT_MODELS, 'llama3.1:8b', 'nomic-embed-text']);
    expect(await textEndpoints(client, 'llama3.1:8b')).toEqual(['llama3.1:8b', 'llama3.1:8b', 'llama3.1:8b']);
    expect((await client.chat.completions.create(chatBody('x'))).model).toBe('gpt-4o-mini');
    expect((await client.embeddings.create({ model: 'nomic-embed-text', input: 'x', encoding_format: 'float' })).data[0]?.embedding).toHaveLength(1536);
  });

  it('* accepts any id: served, retrievable, and the list keeps the configured ids', async () => {
    const client = sdkClient(createMockProvider({ models: '*', outputTokens: 2 }));
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(DEFAULT_MODELS);
    expect(await textEndpoints(client, 'my-org/any-model:latest')).toEqual(Array(3).fill('my-org/any-model:latest'));
    expect(await client.models.retrieve('whatever-7b')).toMatchObject({ id: 'whatever-7b', object: 'model' });
    const custom = sdkClient(createMockProvider({ models: ['local-model', '*'] }));
    expect((await custom.models.list()).data.map((m) => m.id)).toEqual(['local-model']);
    expect((await custom.embeddings.create({ model: 'any-embed-v2', input: 'x', encoding_format: 'float' })).data[0]?.embedding).toHaveLength(1536);
  });

  it('embedding models keep their dimensions', async () => {
    const client = sdkClient(createMockProvider());
    const dims = async (model: string) => (await client.embeddings.create({ model, input: 'x', encoding_format: 'float' })).data[0]?.embedding.length;
    expect([await dims('text-embedding-ada-002'), await dims('text-embedding-3-small'), await dims('text-embedding-3-large')]).toEqual([1536, 1536, 3072]);
  });

  it('takes `dimensions` as OpenAI does: shorter for text-embedding-3, never for ada-002', async () => {
    const client = sdkClient(createMockProvider({ models: ['+local-embed'] }));
    const dims = async (model: string, dimensions: number) => (await client.embeddings.create({ model, input: 'x', dimensions, encoding_format: 'float' })).data[0]?.embedding.length;
    expect([await dims('text-embedding-3-small', 1536), await dims('text-embedding-3-large', 3072), await dims('local-embed', 2048)]).toEqual([1536, 3072, 2048]);
    await expect(dims('text-embedding-3-small', 1537)).rejects.toMatchObject({ status: 400, param: 'dimensions', message: expect.stringContaining('less than or equal to 1536') });
    await expect(dims('text-embedding-ada-002', 512)).rejects.toMatchObject({ status: 400, param: 'dimensions', message: expect.stringContaining('does not support specifying dimensions') });
  });
});
