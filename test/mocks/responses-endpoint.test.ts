import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider } from '../../mocks/index.ts';
import { clientOver, errorOf, post, SDK_TRANSPORTS, sdkClient, sseEvents } from './helpers.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanups.splice(0)) await close();
});

const EVENT_ORDER = (deltas: number, last = 'response.completed') => [
  'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added',
  ...Array<string>(deltas).fill('response.output_text.delta'),
  'response.output_text.done', 'response.content_part.done', 'response.output_item.done', last,
];

describe.each(SDK_TRANSPORTS)('POST /v1/responses through the openai SDK (%s transport)', (transport) => {
  it('client.responses.create answers a completed response: output_text, usage, ids and echoed settings', async () => {
    const provider = createMockProvider({ outputTokens: 6 });
    const { client, close } = await clientOver(provider, transport);
    cleanups.push(close);
    const response = await client.responses.create({
      model: 'gpt-4.1-2025-04-14', instructions: 'Be brief.', input: 'Say hello', temperature: 0.2, top_p: 0.9,
      metadata: { run: '7' }, store: false, previous_response_id: 'resp_earlier',
    });
    expect(response.output_text.split(' ')).toHaveLength(6);
    expect(response).toMatchObject({
      object: 'response', status: 'completed', model: 'gpt-4.1-2025-04-14', error: null, incomplete_details: null,
      instructions: 'Be brief.', temperature: 0.2, top_p: 0.9, metadata: { run: '7' }, store: false, previous_response_id: 'resp_earlier',
      text: { format: { type: 'text' } }, tools: [],
      output: [{ type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: response.output_text, annotations: [] }] }],
    });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output[0]).toMatchObject({ id: expect.stringMatching(/^msg_/) });
    // input: 3 (reply) + system (3 + 1 + 3) + user (3 + 1 + 3) = 17 tokens.
    expect(response.usage).toEqual({ input_tokens: 17, input_tokens_details: { cached_tokens: 0 }, output_tokens: 6, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 23 });
    expect(provider.log).toEqual([expect.objectContaining({ endpoint: 'responses', model: 'gpt-4.1-2025-04-14', stream: false, status: 200, promptTokens: 17, completionTokens: 6 })]);
  });

  it('stream: true sends the typed events in order, numbered from 0, and response.completed carries usage', async () => {
    const provider = createMockProvider({ outputTokens: 5 });
    const { client, close } = await clientOver(provider, transport);
    cleanups.push(close);
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: [{ role: 'user', content: [{ type: 'input_text', text: 'Stream it' }] }], stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual(EVENT_ORDER(5));
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const deltas = events.flatMap((e) => (e.type === 'response.output_text.delta' ? [e.delta] : []));
    const done = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(done.response.output).toMatchObject([{ type: 'message', status: 'completed', content: [{ type: 'output_text', text: deltas.join('') }] }]);
    expect(done.response.usage).toMatchObject({ output_tokens: 5, total_tokens: done.response.usage!.input_tokens + 5 });
    expect(events[0]).toMatchObject({ type: 'response.created', response: { status: 'in_progress', output: [], usage: null } });
    // The SDK's own stream accumulator accepts the events and rebuilds the same response.
    const final = await client.responses.stream({ model: 'gpt-4o-mini', input: 'Stream it' }).finalResponse();
    expect(final).toMatchObject({ status: 'completed', output_text: expect.stringMatching(/^\w+( \w+){4}$/), usage: { output_tokens: 5 } });
    expect(provider.stats().endpoints.responses).toMatchObject({ requests: 2, ok: 2, okCompletionTokens: 10 });
  });
});

describe('POST /v1/responses', () => {
  it('paces the stream like chat: nothing before service starts, one delta per token at its planned time', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'ttft=300ms,tpot=20ms', outputTokens: 4, clock });
    const client = sdkClient(provider);
    const times: Array<[string, number]> = [];
    await clock.run(async () => {
      const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true });
      for await (const event of stream) times.push([event.type, clock.now()]);
    });
    expect(times.filter(([type]) => type === 'response.output_text.delta').map(([, t]) => t)).toEqual([300, 320, 340, 360]);
    expect(times[0]).toEqual(['response.created', 0]);
    expect(times.at(-1)).toEqual(['response.completed', 360]);
    const slow = createMockProvider({ latency: '2500ms', clock });
    const json = await clock.run(() => sdkClient(slow).responses.create({ model: 'gpt-4o-mini', input: 'slow' }));
    expect(json.completed_at! - json.created_at).toBe(2); // started at 360 ms, complete at 2,860 ms
    expect(provider.log).toEqual([expect.objectContaining({ endpoint: 'responses', stream: true, start: 0, end: 360, status: 200 })]);
  });

  it('max_output_tokens reached: status incomplete with reason max_output_tokens (JSON), response.incomplete (stream)', async () => {
    const provider = createMockProvider({ outputTokens: 40 });
    const client = sdkClient(provider);
    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'long', max_output_tokens: 16 });
    expect(response).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, max_output_tokens: 16, usage: { output_tokens: 16 }, output: [{ status: 'incomplete' }] });
    expect(response.output_text.split(' ')).toHaveLength(16);
    const raw = await (await post(provider, '/responses', { model: 'gpt-4o-mini', input: 'long', max_output_tokens: 16, stream: true })).text();
    const events = sseEvents(raw);
    expect(events.map((e) => e.event)).toEqual(EVENT_ORDER(16, 'response.incomplete'));
    expect(events.every((e) => (e.data as { type: string }).type === e.event)).toBe(true);
    expect(events.at(-1)?.data).toMatchObject({ response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { output_tokens: 16 } } });
    // A cap the draw does not reach changes nothing.
    expect(await client.responses.create({ model: 'gpt-4o-mini', input: 'short', max_output_tokens: 100 })).toMatchObject({ status: 'completed', usage: { output_tokens: 40 } });
  });

  it("text.format json_object answers a JSON object (the input must mention JSON, as OpenAI's requires)", async () => {
    const provider = createMockProvider({ outputTokens: 5 });
    const client = sdkClient(provider);
    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'Reply in JSON', text: { format: { type: 'json_object' } } });
    expect(JSON.parse(response.output_text)).toEqual({ answer: expect.any(String) });
    expect(response.text).toEqual({ format: { type: 'json_object' } });
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'Reply in JSON', text: { format: { type: 'json_object' } }, stream: true });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(JSON.parse(text)).toEqual({ answer: expect.any(String) });
    const noJson = await post(provider, '/responses', { model: 'gpt-4o-mini', input: 'Reply', text: { format: { type: 'json_object' } } });
    expect(noJson.status).toBe(400);
    expect((await errorOf(noJson)).message).toMatch(/must contain the word 'json'/);
  });

  it("echoes tools and tool_choice; tool_choice 'none' never calls; an unknown text.format type is a 400", async () => {
    const provider = createMockProvider({ outputTokens: 3 });
    const tool = { type: 'function', name: 'lookup', parameters: { type: 'object', properties: {} }, strict: false };
    const withTools = await post(provider, '/responses', { model: 'gpt-4o-mini', input: 'x', tools: [tool], tool_choice: 'none' });
    expect(withTools.status).toBe(200);
    expect(await withTools.json()).toMatchObject({ tools: [tool], tool_choice: 'none', output: [{ type: 'message' }] });
    const response = await post(provider, '/responses', { model: 'gpt-4o-mini', input: 'x', text: { format: { type: 'yaml' } } });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ type: 'invalid_request_error', param: 'text.format.type', message: expect.stringMatching(/Invalid value: 'yaml'/) });
  });

  it.each([
    [{ input: 'x' }, 'model'],
    [{ model: 'gpt-4o-mini' }, 'input'],
    [{ model: 'gpt-4o-mini', input: [] }, 'input'],
    [{ model: 'gpt-4o-mini', input: 5 }, 'input'],
    [{ model: 'gpt-4o-mini', input: [{ role: 'robot', content: 'x' }] }, 'input[0].role'],
    [{ model: 'gpt-4o-mini', input: [{ role: 'user' }] }, 'input[0].content'],
    [{ model: 'gpt-4o-mini', input: [{ role: 'user', content: [{ type: 'input_text' }] }] }, 'input[0].content[0].text'],
    [{ model: 'gpt-4o-mini', input: 'x', max_output_tokens: 15 }, 'max_output_tokens'],
    [{ model: 'gpt-4o-mini', input: 'x', temperature: 3 }, 'temperature'],
    [{ model: 'gpt-4o-mini', input: 'x', stream: 'yes' }, 'stream'],
    [{ model: 'gpt-4o-mini', input: 'x', instructions: 7 }, 'instructions'],
    [{ model: 'gpt-4o-mini', input: 'x', metadata: { k: 1 } }, 'metadata.k'],
  ])('answers %j with 400 naming %s, logged as endpoint responses', async (body, param) => {
    const provider = createMockProvider();
    const response = await post(provider, '/responses', body);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).param).toBe(param);
    expect(provider.log).toEqual([expect.objectContaining({ endpoint: 'responses', status: 400 })]);
  });

  it('accepts other input items (function call outputs, messages without content parts) and counts them', async () => {
    const provider = createMockProvider({ outputTokens: 2 });
    const response = await sdkClient(provider).responses.create({
      model: 'gpt-4o-mini',
      input: [{ role: 'developer', content: 'rules' }, { type: 'message', id: 'msg_earlier', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'earlier', annotations: [] }] }, { type: 'function_call_output', call_id: 'c1', output: '{"ok":true}' }],
    });
    expect(response.status).toBe('completed');
    expect(response.usage!.input_tokens).toBeGreaterThan(3 + 3 * 4);
  });

  it('answers an unknown model and an embedding model with 404 model_not_found', async () => {
    const client = sdkClient(createMockProvider());
    await expect(client.responses.create({ model: 'gpt-9', input: 'x' })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(client.responses.create({ model: 'text-embedding-3-small', input: 'x' })).rejects.toMatchObject({ status: 404, code: 'model_not_found', message: expect.stringMatching(/not supported in the v1\/responses endpoint/) });
  });

  it('applies the faults as chat does: 5xx at once, a malformed JSON body, a stream that ends unparseable', async () => {
    const failing = sdkClient(createMockProvider({ faults: { error503: 1 } }));
    await expect(failing.responses.create({ model: 'gpt-4o-mini', input: 'x' })).rejects.toMatchObject({ status: 503 });
    const provider = createMockProvider({ faults: { malformed: 1 }, outputTokens: 3 });
    const json = await post(provider, '/responses', { model: 'gpt-4o-mini', input: 'x' });
    expect(json.status).toBe(200);
    await expect(json.clone().json()).rejects.toThrow();
    const raw = await (await post(provider, '/responses', { model: 'gpt-4o-mini', input: 'x', stream: true })).text();
    expect(() => sseEvents(raw)).toThrow(SyntaxError);
    expect(raw).not.toContain('response.completed');
    expect(provider.log.map((e) => [e.endpoint, e.status, e.errorType])).toEqual([['responses', 200, 'malformed'], ['responses', 200, 'malformed']]);
  });
});
