import { Ajv } from 'ajv';
import OpenAI from 'openai';
import { zodResponsesFunction, zodTextFormat } from 'openai/helpers/zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider } from '../../mocks/index.ts';
import { clientOver, errorOf, post, SDK_TRANSPORTS, sdkClient } from './helpers.ts';

const ajv = new Ajv({ strict: false, validateFormats: false });
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of cleanups.splice(0)) await close();
});

const Weather = z.object({ city: z.string().min(2), unit: z.enum(['celsius', 'fahrenheit']), days: z.number().int().min(1).max(7) });
const weatherParameters = z.toJSONSchema(Weather, { target: 'draft-7' });
const weatherTool = { type: 'function' as const, name: 'get_weather', description: 'Forecast for a city', parameters: weatherParameters, strict: true };
const Recipe = z.object({
  title: z.string(),
  servings: z.number().int().min(1).max(12),
  ingredients: z.array(z.object({ name: z.string(), grams: z.number().min(0).nullable() })).min(1).max(5),
  difficulty: z.enum(['easy', 'medium', 'hard']),
});
const UNSATISFIABLE = { type: 'object', properties: { n: { type: 'integer', minimum: 5, maximum: 2 } }, required: ['n'], additionalProperties: false };

async function over(transport: (typeof SDK_TRANSPORTS)[number]): Promise<OpenAI> {
  const { client, close } = await clientOver(createMockProvider({ latency: 'ttft=5ms,tpot=1ms', outputTokens: 12 }), transport);
  cleanups.push(close);
  return client;
}

/** The function_call output item of a response (asserting there is exactly one output item, a call). */
function callOf(response: OpenAI.Responses.Response): OpenAI.Responses.ResponseFunctionToolCall {
  expect(response.output).toHaveLength(1);
  const [item] = response.output;
  if (item?.type !== 'function_call') throw new Error(`Expected a function_call output item, got ${JSON.stringify(item)}.`);
  return item;
}

describe.each(SDK_TRANSPORTS)('POST /v1/responses with structure, over the %s transport', (transport) => {
  it('responses.parse with zodTextFormat returns output_parsed that the Zod schema parses', async () => {
    const client = await over(transport);
    const response = await client.responses.parse({ model: 'gpt-4o-mini', input: 'A recipe, please', text: { format: zodTextFormat(Recipe, 'recipe') } });
    expect(response.status).toBe('completed');
    expect(response.output_parsed).not.toBeNull();
    expect(Recipe.parse(response.output_parsed)).toEqual(response.output_parsed);
    expect(JSON.parse(response.output_text)).toEqual(response.output_parsed);
    expect(response.text?.format).toMatchObject({ type: 'json_schema', name: 'recipe', strict: true });
    expect(response.usage?.output_tokens).toBe(Math.ceil(response.output_text.length / 4));
    // Streamed, the JSON comes in 4-character deltas, and the SDK's stream helper parses it too.
    const stream = client.responses.stream({ model: 'gpt-4o-mini', input: 'A recipe, please', text: { format: zodTextFormat(Recipe, 'recipe') } });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    expect(deltas.join('')).toBe(final.output_text);
    expect(deltas.slice(0, -1).every((d) => d.length === 4)).toBe(true);
    expect(Recipe.parse(final.output_parsed)).toEqual(final.output_parsed);
  });

  it('a forced function call has arguments valid for its parameters schema, in a completed function_call item', async () => {
    const client = await over(transport);
    for (const tool_choice of ['required', { type: 'function', name: 'get_weather' }] as const) {
      const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'Weather in Oslo?', tools: [weatherTool], tool_choice });
      const call = callOf(response);
      expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' });
      expect(call.id).toMatch(/^fc_/);
      expect(call.call_id).toMatch(/^call_[A-Za-z0-9]{24}$/);
      const args: unknown = JSON.parse(call.arguments);
      expect(ajv.validate(weatherParameters, args), ajv.errorsText()).toBe(true);
      expect(response.output_text).toBe('');
      expect(response.usage?.output_tokens).toBe(Math.ceil(call.arguments.length / 4));
    }
    // responses.parse with zodResponsesFunction parses the arguments of a strict tool.
    const parsed = await client.responses.parse({
      model: 'gpt-4o-mini', input: 'Recipe?', tools: [zodResponsesFunction({ name: 'find_recipe', parameters: Recipe })], tool_choice: { type: 'function', name: 'find_recipe' },
    });
    const item = parsed.output[0];
    expect(item?.type).toBe('function_call');
    if (item?.type === 'function_call') expect(Recipe.parse(item.parsed_arguments)).toEqual(item.parsed_arguments);
  });

  it('streams a function call: item added, argument deltas, arguments done, item done, completed; the pieces rebuild valid arguments', async () => {
    const client = await over(transport);
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'Weather?', tools: [weatherTool], tool_choice: 'required', stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const deltas = events.flatMap((e) => (e.type === 'response.function_call_arguments.delta' ? [e] : []));
    expect(events.map((e) => e.type)).toEqual([
      'response.created', 'response.in_progress', 'response.output_item.added', ...deltas.map(() => 'response.function_call_arguments.delta'),
      'response.function_call_arguments.done', 'response.output_item.done', 'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const added = events[2] as OpenAI.Responses.ResponseOutputItemAddedEvent;
    expect(added.item).toMatchObject({ type: 'function_call', status: 'in_progress', name: 'get_weather', arguments: '' });
    const itemId = added.item.id;
    expect(deltas.every((d) => d.item_id === itemId && d.output_index === 0)).toBe(true);
    const args = deltas.map((d) => d.delta).join('');
    expect(ajv.validate(weatherParameters, JSON.parse(args)), ajv.errorsText()).toBe(true);
    expect(events.at(-3)).toMatchObject({ type: 'response.function_call_arguments.done', item_id: itemId, output_index: 0, name: 'get_weather', arguments: args });
    expect(events.at(-2)).toMatchObject({ type: 'response.output_item.done', item: { id: itemId, type: 'function_call', status: 'completed', arguments: args } });
    const done = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(done.response.output).toEqual([(events.at(-2) as OpenAI.Responses.ResponseOutputItemDoneEvent).item]);
    expect(done.response.usage?.output_tokens).toBe(deltas.length);
    // The SDK's own accumulator rebuilds the same call.
    const final = await client.responses.stream({ model: 'gpt-4o-mini', input: 'Weather?', tools: [weatherTool], tool_choice: 'required' }).finalResponse();
    expect(ajv.validate(weatherParameters, JSON.parse(callOf(final).arguments))).toBe(true);
  });

  it('the round trip: a function_call and its function_call_output in the input are answered with text (unless a call is forced)', async () => {
    const client = await over(transport);
    const first = await client.responses.create({ model: 'gpt-4o-mini', input: 'Weather in Oslo?', tools: [weatherTool], tool_choice: 'required' });
    const call = callOf(first);
    const input: OpenAI.Responses.ResponseInput = [
      { role: 'user', content: 'Weather in Oslo?' },
      { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
      { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":4}' },
    ];
    for (let i = 0; i < 8; i++) {
      const answer = await client.responses.create({ model: 'gpt-4o-mini', input, instructions: `Answer ${i}`, tools: [weatherTool] });
      expect(answer.output).toMatchObject([{ type: 'message', status: 'completed' }]);
      expect(answer.output_text.split(' ')).toHaveLength(12);
    }
    const forced = await client.responses.create({ model: 'gpt-4o-mini', input, tools: [weatherTool], tool_choice: 'required' });
    expect(callOf(forced).name).toBe('get_weather');
  });

  it('an unsatisfiable text.format schema is a 400 naming text.format.schema and the place inside it', async () => {
    const client = await over(transport);
    const request = client.responses.create({ model: 'gpt-4o-mini', input: 'x', text: { format: { type: 'json_schema', name: 'bad', schema: UNSATISFIABLE, strict: true } } });
    await expect(request).rejects.toMatchObject({
      status: 400, param: 'text.format.schema', code: 'invalid_json_schema',
      message: expect.stringMatching(/Invalid schema for text\.format 'bad': .*\(at #\/properties\/n\)\.$/),
    });
  });
});

describe('POST /v1/responses tools and schemas', () => {
  it("tool_choice 'auto' is a seeded draw: some requests call, some answer, and the same body and seed answer the same", async () => {
    const body = (i: number) => ({ model: 'gpt-4o-mini', input: `Question ${i}`, tools: [weatherTool] });
    const kinds = async (seed: number) => {
      const client = sdkClient(createMockProvider({ seed, outputTokens: 3 }));
      const out: string[] = [];
      for (let i = 0; i < 16; i++) out.push((await client.responses.create(body(i))).output.map((o) => (o.type === 'function_call' ? o.arguments : o.type)).join());
      return out;
    };
    const first = await kinds(7);
    expect(await kinds(7)).toEqual(first);
    const calls = first.filter((k) => k !== 'message').length;
    expect(calls).toBeGreaterThan(2);
    expect(calls).toBeLessThan(14);
    // tool_choice 'none' never calls.
    const none = await sdkClient(createMockProvider({ outputTokens: 3 })).responses.create({ ...body(0), tool_choice: 'none' });
    expect(none.output).toMatchObject([{ type: 'message' }]);
  });

  it('paces a streamed call like chat (one argument delta per token at its planned time) and a capped call ends incomplete', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'ttft=300ms,tpot=20ms', clock });
    const times: number[] = [];
    let last = '';
    await clock.run(async () => {
      const stream = await sdkClient(provider).responses.create({ model: 'gpt-4o-mini', input: 'hi', tools: [weatherTool], tool_choice: 'required', stream: true });
      for await (const event of stream) {
        if (event.type === 'response.function_call_arguments.delta') times.push(clock.now());
        last = event.type;
      }
    });
    expect(times.length).toBeGreaterThan(3);
    expect(times).toEqual(times.map((_, i) => 300 + 20 * i));
    expect(last).toBe('response.completed');
    expect(provider.log).toEqual([expect.objectContaining({ endpoint: 'responses', status: 200, start: 0, end: times.at(-1), completionTokens: times.length })]);
    const recipe = { type: 'function' as const, name: 'find_recipe', parameters: z.toJSONSchema(Recipe, { target: 'draft-7' }), strict: true };
    const capped = await sdkClient(createMockProvider()).responses.create({ model: 'gpt-4o-mini', input: 'x', tools: [recipe], tool_choice: 'required', max_output_tokens: 16 });
    expect(capped).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { output_tokens: 16 }, output: [{ type: 'function_call', status: 'incomplete' }] });
  });

  it('accepts non-function tools and never calls them; counts function tools and the schema as input tokens', async () => {
    const provider = createMockProvider({ outputTokens: 3 });
    const client = sdkClient(provider);
    const hosted = await client.responses.create({ model: 'gpt-4o-mini', input: 'x', tools: [{ type: 'web_search_preview' }, { type: 'file_search', vector_store_ids: ['vs_1'] }], tool_choice: 'auto' });
    expect(hosted).toMatchObject({ tools: [{ type: 'web_search_preview' }, { type: 'file_search' }], output: [{ type: 'message' }] });
    const plain = await client.responses.create({ model: 'gpt-4o-mini', input: 'x', tool_choice: 'none' });
    const withTool = await client.responses.create({ model: 'gpt-4o-mini', input: 'x', tools: [weatherTool], tool_choice: 'none' });
    expect(withTool.usage!.input_tokens - plain.usage!.input_tokens).toBe(Math.ceil(JSON.stringify([weatherTool]).length / 4));
  });

  it.each([
    [{ tools: [{ type: 'function', parameters: {} }] }, 'tools[0].name'],
    [{ tools: [{ type: 'function', name: 'f', parameters: UNSATISFIABLE }] }, 'tools[0].parameters'],
    [{ tools: [{ type: 'function', name: 'f', strict: 'yes' }] }, 'tools[0].strict'],
    [{ tools: [{ name: 'f' }] }, 'tools[0].type'],
    [{ tools: [weatherTool, weatherTool] }, 'tools'],
    [{ tools: [weatherTool], tool_choice: { type: 'function', name: 'other' } }, 'tool_choice'],
    [{ tools: [weatherTool], tool_choice: 'sometimes' }, 'tool_choice'],
    [{ tools: [{ type: 'web_search_preview' }], tool_choice: 'required' }, 'tool_choice'],
    [{ tools: [{ type: 'web_search_preview' }], tool_choice: { type: 'web_search_preview' } }, 'tool_choice.type'],
    [{ text: { format: { type: 'json_schema', schema: { type: 'object' } } } }, 'text.format.name'],
    [{ text: { format: { type: 'json_schema', name: 'x' } } }, 'text.format.schema'],
    [{ text: { format: { type: 'json_schema', name: 'x', schema: { type: 'object' }, strict: 1 } } }, 'text.format.strict'],
    [{ text: { format: { type: 'yaml' } } }, 'text.format.type'],
    [{ input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'input[0].call_id'],
    [{ input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: {} }] }, 'input[0].arguments'],
    [{ input: [{ type: 'function_call_output', call_id: 'c' }] }, 'input[0].output'],
  ])('answers %j with 400 naming %s', async (extra, param) => {
    const response = await post(createMockProvider(), '/responses', { model: 'gpt-4o-mini', input: 'x', ...extra });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ type: 'invalid_request_error', param });
  });
});
