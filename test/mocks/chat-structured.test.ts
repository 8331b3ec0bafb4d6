import { Ajv } from 'ajv';
import OpenAI from 'openai';
import { zodFunction, zodResponseFormat } from 'openai/helpers/zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMockProvider } from '../../mocks/index.ts';

const ajv = new Ajv({ strict: false, validateFormats: false });
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An SDK client on a fresh provider, over the in-process `fetch` transport or a real `http` server. */
async function clientOver(transport: 'fetch' | 'http'): Promise<OpenAI> {
  const provider = createMockProvider({ latency: 'ttft=5ms,tpot=1ms', outputTokens: 12 });
  if (transport === 'fetch') return new OpenAI({ apiKey: 'sk-test', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 0 });
  const server = await provider.listen();
  cleanups.push(() => server.close());
  return new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
}

const Weather = z.object({ city: z.string().min(2), unit: z.enum(['celsius', 'fahrenheit']), days: z.number().int().min(1).max(7) });
const weatherParameters = z.toJSONSchema(Weather, { target: 'draft-7' });
const weatherTool = { type: 'function' as const, function: { name: 'get_weather', description: 'Forecast for a city', parameters: weatherParameters } };
const Recipe = z.object({
  title: z.string(),
  servings: z.number().int().min(1).max(12),
  vegetarian: z.boolean(),
  ingredients: z.array(z.object({ name: z.string(), grams: z.number().min(0).nullable() })).min(1).max(5),
  difficulty: z.enum(['easy', 'medium', 'hard']),
});
const ask = (content: string) => [{ role: 'user' as const, content }];

describe.each(['fetch', 'http'] as const)('chat completions with structure, over the %s transport', (transport) => {
  it('chat.completions.parse with zodResponseFormat returns content the Zod schema parses, usage counting its tokens', async () => {
    const client = await clientOver(transport);
    const completion = await client.chat.completions.parse({ model: 'gpt-4o-mini', messages: ask('A recipe, please'), response_format: zodResponseFormat(Recipe, 'recipe') });
    const [choice] = completion.choices;
    expect(choice?.finish_reason).toBe('stop');
    expect(Recipe.parse(choice?.message.parsed)).toEqual(choice?.message.parsed);
    expect(completion.usage?.completion_tokens).toBe(Math.ceil((choice?.message.content ?? '').length / 4));
  });

  it("tool_choice 'required' calls a tool with arguments valid for its parameters schema, content null", async () => {
    const client = await clientOver(transport);
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('Weather in Oslo?'), tools: [weatherTool], tool_choice: 'required' });
    const [choice] = completion.choices;
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(call?.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    const args: unknown = JSON.parse(call?.type === 'function' ? call.function.arguments : '');
    expect(ajv.validate(weatherParameters, args), ajv.errorsText()).toBe(true);
    expect(Weather.safeParse(args).success).toBe(true);
  });

  it('parses tool arguments through zodFunction, and a named tool_choice always calls that function', async () => {
    const client = await clientOver(transport);
    const tools = [zodFunction({ name: 'get_weather', parameters: Weather }), zodFunction({ name: 'find_recipe', parameters: Recipe })];
    for (let i = 0; i < 4; i++) {
      const completion = await client.chat.completions.parse({
        model: 'gpt-4o-mini', messages: ask(`Recipe ${i}`), tools, tool_choice: { type: 'function', function: { name: 'find_recipe' } },
      });
      const call = completion.choices[0]?.message.tool_calls?.[0];
      expect(call?.function.name).toBe('find_recipe');
      expect(Recipe.parse(call?.function.parsed_arguments)).toEqual(call?.function.parsed_arguments);
    }
  });

  it('streams a tool call (id and name first, then argument fragments) that the SDK reassembles into valid arguments', async () => {
    const client = await clientOver(transport);
    const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: ask('Weather?'), tools: [weatherTool], tool_choice: 'required', stream_options: { include_usage: true } });
    const fragments: string[] = [];
    stream.on('tool_calls.function.arguments.delta', (e) => fragments.push(e.arguments_delta));
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    const args = call?.type === 'function' ? call.function.arguments : '';
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.join('')).toBe(args);
    expect(Weather.safeParse(JSON.parse(args)).success).toBe(true);
    // The first delta names the call with empty arguments; every later one carries one token's fragment.
    expect(fragments[0]).toBe('');
    expect(final.usage?.completion_tokens).toBe(fragments.length - 1);
  });

  it('streams JSON content for a schema in pieces that parse once joined', async () => {
    const client = await clientOver(transport);
    const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: ask('Recipe?'), response_format: zodResponseFormat(Recipe, 'recipe') });
    let deltas = 0;
    stream.on('content.delta', () => deltas++);
    const final = await stream.finalChatCompletion();
    expect(deltas).toBeGreaterThan(1);
    expect(Recipe.safeParse(final.choices[0]?.message.parsed).success).toBe(true);
  });

  it('the tool round-trip: after a tool result, auto answers in text; a named tool_choice still calls', async () => {
    const client = await clientOver(transport);
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('Weather in Oslo?'), tools: [weatherTool], tool_choice: 'required' });
    const message = first.choices[0]!.message;
    const call = message.tool_calls![0]!;
    const messages: OpenAI.ChatCompletionMessageParam[] = [...ask('Weather in Oslo?'), message, { role: 'tool', tool_call_id: call.id, content: '{"temp": 21}' }];
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    expect(answer.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant' } });
    expect(answer.choices[0]?.message.content).toEqual(expect.any(String));
    expect(answer.choices[0]?.message.tool_calls).toBeUndefined();
    const forced = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } } });
    expect(forced.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it("response_format json_object answers a JSON object (and needs the word 'json' in the messages)", async () => {
    const client = await clientOver(transport);
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('Answer in JSON'), response_format: { type: 'json_object' } });
    const value: unknown = JSON.parse(completion.choices[0]?.message.content ?? '');
    expect(value).toEqual({ answer: expect.any(String), confidence: expect.any(Number) });
    const error = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask('Answer'), response_format: { type: 'json_object' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages');
  });
});

describe('tool_choice auto', () => {
  it('decides per request content by a seeded draw: both outcomes occur, and the same content and seed decide the same way', async () => {
    const outcomes = async (seed: number) => {
      const provider = createMockProvider({ latency: 0, outputTokens: 3, seed });
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 0 });
      const reasons: string[] = [];
      for (let i = 0; i < 24; i++) {
        const c = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: ask(`question ${i}`), tools: [weatherTool] });
        reasons.push(c.choices[0]!.finish_reason);
      }
      return reasons;
    };
    const a = await outcomes(7);
    expect(new Set(a)).toEqual(new Set(['stop', 'tool_calls']));
    expect(await outcomes(7)).toEqual(a);
    expect(await outcomes(8)).not.toEqual(a);
  });
});
