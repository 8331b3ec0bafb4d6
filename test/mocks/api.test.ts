import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider, DEFAULT_MODELS } from '../../mocks/index.ts';
import { chatBody, errorOf, post, sdkClient } from './helpers.ts';

describe('POST /v1/chat/completions', () => {
  it('answers the SDK with a chat.completion after the drawn latency', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: '2s', outputTokens: 7, clock });
    const client = sdkClient(provider);
    const completion = await clock.run(() => client.chat.completions.create(chatBody('a'.repeat(40))));
    expect(clock.now()).toBe(2000);
    expect(completion).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant' } }] });
    expect(completion.usage).toMatchObject({ prompt_tokens: 3 + 4 + 10, completion_tokens: 7, total_tokens: 24 });
    expect(completion.choices[0]?.message.content?.split(' ')).toHaveLength(7);
    expect(provider.log).toEqual([
      expect.objectContaining({ id: 1, endpoint: 'chat', model: 'gpt-4o-mini', stream: false, arrival: 0, start: 0, end: 2000, status: 200, errorType: null, promptTokens: 17, completionTokens: 7, inFlightAtArrival: 0, serviceMs: 2000 }),
    ]);
  });

  it('streams role → content per token → finish → usage → [DONE] on the token schedule', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'ttft=300ms,tpot=20ms', outputTokens: 4, clock });
    const raw = await clock.run(async () => (await post(provider, '/chat/completions', chatBody('hi', { stream: true, stream_options: { include_usage: true } }))).text());
    const events = raw.split('\n\n').filter(Boolean);
    expect(events.every((e) => e.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)) as { object: string; choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>; usage: unknown });
    expect(chunks).toHaveLength(1 + 4 + 1 + 1);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks.slice(1, 5).map((c) => typeof c.choices[0]?.delta.content)).toEqual(['string', 'string', 'string', 'string']);
    expect(chunks[5]?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks[6]).toMatchObject({ choices: [], usage: { prompt_tokens: 8, completion_tokens: 4, total_tokens: 12 } });
    expect(chunks[1]?.usage).toBeNull();
    expect(clock.now()).toBe(300 + 3 * 20);

    const times: number[] = [];
    const client = sdkClient(provider);
    let usage: unknown;
    await clock.run(async () => {
      const start = clock.now();
      const stream = await client.chat.completions.create({ ...chatBody('hi'), stream: true, stream_options: { include_usage: true } });
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) times.push(clock.now() - start);
        if (chunk.usage) usage = chunk.usage;
      }
    });
    expect(times).toEqual([300, 320, 340, 360]);
    expect(usage).toMatchObject({ completion_tokens: 4 });
  });

  it('chatCompletionStream sends its first event, the role chunk, at time to first token', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'ttft=300ms,tpot=20ms', outputTokens: 3, clock });
    const events: Array<[number, string]> = [];
    let headersAt = -1;
    await clock.run(async () => {
      const response = await post(provider, '/chat/completions', chatBody('hi', { stream: true }));
      headersAt = clock.now();
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        for (const event of read.value.split('\n\n').filter(Boolean)) events.push([clock.now(), event.slice('data: '.length)]);
      }
    });
    expect(headersAt).toBe(0);
    const kinds = events.map(([at, data]) => {
      if (data === '[DONE]') return [at, 'done'];
      const delta = (JSON.parse(data) as { choices: Array<{ delta: { role?: string; content?: string } }> }).choices[0]!.delta;
      return [at, delta.role !== undefined ? 'role' : delta.content !== undefined ? 'content' : 'finish'];
    });
    expect(kinds).toEqual([[300, 'role'], [300, 'content'], [320, 'content'], [340, 'content'], [340, 'finish'], [340, 'done']]);

    // The SDK sees the same: its first chunk arrives at time to first token.
    const client = sdkClient(provider);
    const firstChunkAt = await clock.run(async () => {
      const start = clock.now();
      const stream = await client.chat.completions.create({ ...chatBody('again'), stream: true });
      let first = -1;
      for await (const chunk of stream) if (first < 0 && chunk.choices.length > 0) first = clock.now() - start;
      return first;
    });
    expect(firstChunkAt).toBe(300);
  });

  it('chatCompletionStream with n > 1 sends one choice per chunk, each choice role → content → finish', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'ttft=100ms,tpot=10ms', outputTokens: 2, clock });
    const raw = await clock.run(async () => (await post(provider, '/chat/completions', chatBody('hi', { stream: true, n: 3, stream_options: { include_usage: true } }))).text());
    const chunks = raw.split('\n\n').filter(Boolean).slice(0, -1).map((e) => JSON.parse(e.slice(6)) as { choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>; usage: unknown });
    const usage = chunks.pop();
    expect(usage).toMatchObject({ choices: [], usage: { completion_tokens: 6 } });
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
    expect(chunks).toHaveLength(3 * (1 + 2 + 1));
    for (const index of [0, 1, 2]) {
      const steps = chunks.map((c) => c.choices[0]!).filter((c) => c.index === index);
      expect(steps.map((c) => Object.keys(c.delta).join(',') || `finish:${c.finish_reason}`), `choice ${index}`).toEqual(['role,content,refusal', 'content', 'content', 'finish:stop']);
    }
    const client = sdkClient(provider);
    const texts = ['', '', ''];
    await clock.run(async () => {
      const stream = await client.chat.completions.create({ ...chatBody('hi'), stream: true, n: 3 });
      for await (const chunk of stream) for (const choice of chunk.choices) texts[choice.index] += choice.delta.content ?? '';
    });
    expect(texts.map((t) => t.split(' ').length)).toEqual([2, 2, 2]);
  });

  it('caps output at max_tokens with finish_reason length, and answers n choices', async () => {
    const provider = createMockProvider({ outputTokens: 50 });
    const client = sdkClient(provider);
    const capped = await client.chat.completions.create(chatBody('x', { max_tokens: 10, n: 2 }));
    expect(capped.choices.map((c) => c.finish_reason)).toEqual(['length', 'length']);
    expect(capped.usage?.completion_tokens).toBe(20);
    const exact = await client.chat.completions.create(chatBody('y', { max_completion_tokens: 50 }));
    expect(exact.choices[0]?.finish_reason).toBe('stop');
  });

  it.each([
    ['not json', '{"model":', 400, { type: 'invalid_request_error', param: null }],
    ['a non-object body', '[1,2]', 400, { param: 'body', code: 'invalid_type' }],
    ['a missing model', { messages: [{ role: 'user', content: 'x' }] }, 400, { param: 'model', code: 'missing_required_parameter' }],
    ['an ill-typed model', { model: 5, messages: [{ role: 'user', content: 'x' }] }, 400, { param: 'model', code: 'invalid_type' }],
    ['missing messages', { model: 'gpt-4o-mini' }, 400, { param: 'messages', code: 'missing_required_parameter' }],
    ['ill-typed messages', { model: 'gpt-4o-mini', messages: 'hi' }, 400, { param: 'messages', code: 'invalid_type' }],
    ['empty messages', { model: 'gpt-4o-mini', messages: [] }, 400, { param: 'messages', code: 'empty_array' }],
    ['a bad role', { model: 'gpt-4o-mini', messages: [{ role: 'boss', content: 'x' }] }, 400, { param: 'messages[0].role', code: 'invalid_value' }],
    ['missing content', { model: 'gpt-4o-mini', messages: [{ role: 'user' }] }, 400, { param: 'messages[0].content' }],
    ['a number as content', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 7 }] }, 400, { param: 'messages[0].content', code: 'invalid_type' }],
    ['an empty content array', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: [] }] }, 400, { param: 'messages[0].content', code: 'empty_array' }],
    ['content [[1]]', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: [[1]] }] }, 400, { param: 'messages[0].content[0]', code: 'invalid_type' }],
    ['a content part that is a string', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: ['hi'] }] }, 400, { param: 'messages[0].content[0]', code: 'invalid_type' }],
    ['a content part without type', { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'x' }, { role: 'user', content: [{ text: 'hi' }] }] }, 400, { param: 'messages[1].content[0].type', code: 'missing_required_parameter' }],
    ['a content part with a numeric type', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 1, text: 'hi' }] }] }, 400, { param: 'messages[0].content[0].type', code: 'invalid_type' }],
    ['a text part without text', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 400, { param: 'messages[0].content[0].text', code: 'missing_required_parameter' }],
    ['a text part with an object as text', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text', text: { a: 1 } }] }] }, 400, { param: 'messages[0].content[0].text', code: 'invalid_type' }],
    ['content nested 100,000 arrays deep', `{"model":"gpt-4o-mini","messages":[{"role":"user","content":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`, 400, { param: 'messages[0].content[0]', code: 'invalid_type' }],
    ['a streamed request with a field nested 100,000 objects deep', `{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"x"}],"metadata":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`, 400, { param: null, code: 'invalid_value' }],
    ['a tool schema nested 5,000 objects deep', `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":${'{"type":"object","properties":{"a":'.repeat(5000)}{"type":"string"}${'}}'.repeat(5000)}}}]}`, 400, { code: 'invalid_value' }],
    ['a response_format schema nested 5,000 objects deep', `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"json"}],"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":${'{"type":"object","properties":{"a":'.repeat(5000)}{"type":"string"}${'}}'.repeat(5000)}}}}`, 400, { code: 'invalid_value' }],
    ['a bad max_tokens', chatBody('x', { max_tokens: 0 }), 400, { param: 'max_tokens', code: 'integer_below_min_value' }],
    ['a bad stream', chatBody('x', { stream: 'yes' }), 400, { param: 'stream', code: 'invalid_type' }],
    ['stream_options without stream', chatBody('x', { stream_options: { include_usage: true } }), 400, { param: 'stream_options' }],
    ['an unknown model', { model: 'gpt-9', messages: [{ role: 'user', content: 'x' }] }, 404, { param: 'model', code: 'model_not_found' }],
    ['an embedding model', { model: 'text-embedding-3-small', messages: [{ role: 'user', content: 'x' }] }, 404, { code: 'model_not_found' }],
  ])('answers %s with an OpenAI-shaped %i', async (_name, body, status, fields) => {
    const provider = createMockProvider();
    const response = await post(provider, '/chat/completions', body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await errorOf(response)).toMatchObject(fields);
    expect(provider.log).toEqual([expect.objectContaining({ status, start: null })]);
  });

  it('accepts content as an array of typed parts (text parts with a string text, other types as they come)', async () => {
    const provider = createMockProvider({ outputTokens: 2 });
    const content = [{ type: 'text', text: 'Describe this picture.' }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }];
    const response = await post(provider, '/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
    expect(response.status).toBe(200);
    // 3 for the reply, 3 + 1 for the message, ceil(22 / 4) = 6 for the text, 85 for the image.
    expect(provider.log).toEqual([expect.objectContaining({ status: 200, promptTokens: 3 + 4 + 6 + 85 })]);
  });

  it('turns SDK calls with bad input into typed SDK errors', async () => {
    const client = sdkClient(createMockProvider());
    await expect(client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe('POST /v1/embeddings', () => {
  it('answers string and array input as one request, base64 (SDK default) or float', async () => {
    const provider = createMockProvider({ latency: 0 });
    const client = sdkClient(provider);
    const one = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello world' });
    expect(one.data).toHaveLength(1);
    expect(one.data[0]?.embedding).toHaveLength(1536);
    const many = await client.embeddings.create({ model: 'text-embedding-3-large', input: ['abcd', 'abcdefgh', 'abcd'], encoding_format: 'float' });
    expect(many.data.map((d) => d.embedding.length)).toEqual([3072, 3072, 3072]);
    expect(many.data[0]?.embedding).toEqual(many.data[2]?.embedding);
    expect(many.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
    const norm = Math.hypot(...(many.data[1]?.embedding ?? []));
    expect(norm).toBeCloseTo(1, 5);
    const short = await client.embeddings.create({ model: 'text-embedding-3-small', input: [[1, 2, 3]], dimensions: 8, encoding_format: 'float' });
    expect(short.data[0]?.embedding).toHaveLength(8);
    expect(provider.log.map((e) => [e.endpoint, e.status, e.promptTokens])).toEqual([['embeddings', 200, 3], ['embeddings', 200, 4], ['embeddings', 200, 3]]);
  });

  it('answers a chat model with 404 model_not_found (the converse of the chat endpoint), and serves configured *embed* models', async () => {
    const provider = createMockProvider({ latency: 0, models: ['+nomic-embed-text', 'llama-3.1-8b'] });
    for (const model of ['gpt-4o-mini', 'llama-3.1-8b']) {
      const response = await post(provider, '/embeddings', { model, input: 'hello' });
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
    }
    await expect(sdkClient(provider).embeddings.create({ model: 'gpt-4o', input: 'x' })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    expect((await post(provider, '/embeddings', { model: 'nomic-embed-text', input: 'hello' })).status).toBe(200);
    expect((await post(provider, '/chat/completions', { model: 'nomic-embed-text', messages: [{ role: 'user', content: 'x' }] })).status).toBe(404);
    expect(provider.log.map((e) => [e.endpoint, e.model, e.status, e.start])).toEqual([
      ['embeddings', 'gpt-4o-mini', 404, null], ['embeddings', 'llama-3.1-8b', 404, null], ['embeddings', 'gpt-4o', 404, null],
      ['embeddings', 'nomic-embed-text', 200, expect.any(Number)], ['chat', 'nomic-embed-text', 404, null],
    ]);
  });

  it('answers bad input with 400 naming `input`', async () => {
    const provider = createMockProvider();
    for (const input of [undefined, [], 5, [{}]]) {
      const response = await post(provider, '/embeddings', { model: 'text-embedding-3-small', input });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).param).toBe('input');
    }
  });
});

describe('GET /v1/models', () => {
  it('lists the default and configured models and retrieves one', async () => {
    const client = sdkClient(createMockProvider({ models: '+llama-3.1-8b' }));
    const ids = (await client.models.list()).data.map((m) => m.id);
    expect(ids).toEqual([...DEFAULT_MODELS, 'llama-3.1-8b']);
    expect(await client.models.retrieve('gpt-4o')).toMatchObject({ id: 'gpt-4o', object: 'model' });
    await expect(client.models.retrieve('gpt-9')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('answers a model id with a malformed percent escape with 404 model_not_found, not 500', async () => {
    const provider = createMockProvider();
    const response = await provider.fetch(`${provider.baseURL}/models/%E0%A4%A`);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ param: 'model', code: 'model_not_found', message: 'The model `%E0%A4%A` does not exist or you do not have access to it.' });
    expect(provider.log).toEqual([expect.objectContaining({ endpoint: 'models', model: '%E0%A4%A', status: 404, errorType: 'model_not_found' })]);
  });
});

describe('routing and auth', () => {
  it('answers unknown routes and methods with 404 Invalid URL, on any origin', async () => {
    const provider = createMockProvider();
    for (const [url, method] of [['http://elsewhere.test/v1/images/generations', 'POST'], ['https://api.openai.com/v1/chat/completions', 'GET'], ['http://mock-llm.local/health', 'GET']] as const) {
      const response = await provider.fetch(url, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(response.status).toBe(404);
      expect((await errorOf(response)).message).toMatch(/^Invalid URL \((GET|POST) \//);
    }
    // Every request is logged, a path outside /v1/ too (endpoint `other`).
    expect(provider.log.map((e) => [e.endpoint, e.status])).toEqual([['other', 404], ['chat', 404], ['other', 404]]);
  });

  it('requires the configured API key: 401 when missing or wrong', async () => {
    const provider = createMockProvider({ apiKey: 'sk-right-key-123' });
    const missing = await post(provider, '/chat/completions', chatBody('x'));
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).message).toMatch(/You didn't provide an API key/);
    const wrong = sdkClient(provider, { apiKey: 'sk-wrong-key-456' });
    await expect(wrong.chat.completions.create(chatBody('x'))).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    const right = sdkClient(provider, { apiKey: 'sk-right-key-123' });
    await expect(right.chat.completions.create(chatBody('x'))).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('fetch rejects with the abort reason when the request is aborted, and logs a 499', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: '5s', clock });
    const controller = new AbortController();
    await clock.run(async () => {
      const pending = post(provider, '/chat/completions', chatBody('x'), {}, controller.signal);
      await clock.sleep(1000);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    });
    expect(provider.log).toEqual([expect.objectContaining({ status: 499, errorType: 'client_closed', start: 0, end: 1000 })]);
    expect(provider.stats()).toMatchObject({ aborted: 1, inFlight: 0 });
  });
});
