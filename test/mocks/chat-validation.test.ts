import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createMockProvider } from '../../mocks/index.ts';
import { chatBody, sdkClient } from './helpers.ts';

const tool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
const call = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } };

/** [what is wrong, body fields replacing the defaults, the `param` OpenAI names, a fragment of its message]. */
const CASES: Array<[string, Record<string, unknown>, string, RegExp]> = [
  ['temperature not a number', { temperature: 'hot' }, 'temperature', /expected a decimal, but got a string/],
  ['temperature above 2', { temperature: 2.5 }, 'temperature', /Expected a value <= 2, but got 2.5/],
  ['temperature below 0', { temperature: -0.1 }, 'temperature', /Expected a value >= 0/],
  ['top_p above 1', { top_p: 1.5 }, 'top_p', /decimal above maximum value/],
  ['n of 0', { n: 0 }, 'n', /Expected a value >= 1, but got 0/],
  ['n not an integer', { n: 1.5 }, 'n', /expected an integer, but got a decimal/],
  ['n above 128', { n: 129 }, 'n', /Expected a value <= 128/],
  ['max_tokens of 0', { max_tokens: 0 }, 'max_tokens', /Expected a value >= 1/],
  ['max_completion_tokens a string', { max_completion_tokens: '10' }, 'max_completion_tokens', /expected an integer, but got a string/],
  ['stop a number', { stop: 5 }, 'stop', /expected one of a string or array of strings/],
  ['stop with 5 entries', { stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop', /Expected an array with maximum length 4, but got an array with length 5/],
  ['tools not an array', { tools: 'get_weather' }, 'tools', /expected an array of objects, but got a string/],
  ['a tool without function', { tools: [{ type: 'function' }] }, 'tools[0].function', /Missing required parameter/],
  ['a tool of another type', { tools: [{ type: 'retrieval', function: tool.function }] }, 'tools[0].type', /Supported values are: 'function'/],
  ['a tool with a bad name', { tools: [{ type: 'function', function: { name: 'get weather' } }] }, 'tools[0].function.name', /does not match pattern/],
  ['a tool schema the mock cannot satisfy', { tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'float' } } } } }] }, 'tools[0].function.parameters', /Invalid schema for function 'f': unknown type "float".*#\/properties\/a\/type/],
  ['a tool schema with not', { tools: [{ type: 'function', function: { name: 'f', parameters: { not: {} } } }] }, 'tools[0].function.parameters', /`not` keyword/],
  ['tool_choice a bad string', { tools: [tool], tool_choice: 'always' }, 'tool_choice', /Supported values are: 'none', 'auto', and 'required'/],
  ['tool_choice naming an unknown function', { tools: [tool], tool_choice: { type: 'function', function: { name: 'nope' } } }, 'tool_choice', /no function with that name/],
  ['tool_choice without tools', { tool_choice: 'required' }, 'tool_choice', /only allowed when 'tools' are specified/],
  ['response_format of an unknown type', { response_format: { type: 'yaml' } }, 'response_format.type', /Supported values are: 'text', 'json_object', and 'json_schema'/],
  ['json_schema without a schema', { response_format: { type: 'json_schema', json_schema: { name: 'x' } } }, 'response_format.json_schema.schema', /Missing required parameter/],
  ['json_schema without json_schema', { response_format: { type: 'json_schema' } }, 'response_format.json_schema', /Missing required parameter/],
  ['a response schema with min above max', { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'array', minItems: 3, maxItems: 1 } } } }, 'response_format.json_schema.schema', /Invalid schema for response_format 'x'.*minItems/],
  ['logprobs not a boolean', { logprobs: 'yes' }, 'logprobs', /expected a boolean, but got a string/],
  ['top_logprobs above 20', { logprobs: true, top_logprobs: 21 }, 'top_logprobs', /Expected a value <= 20/],
  ['top_logprobs without logprobs', { top_logprobs: 2 }, 'top_logprobs', /'logprobs' must be set to true/],
  ['presence_penalty below -2', { presence_penalty: -3 }, 'presence_penalty', /Expected a value >= -2/],
  ['frequency_penalty above 2', { frequency_penalty: 2.1 }, 'frequency_penalty', /Expected a value <= 2/],
  ['seed not an integer', { seed: 1.5 }, 'seed', /expected an integer, but got a decimal/],
  ['stream_options without stream', { stream_options: { include_usage: true } }, 'stream_options', /only allowed when 'stream' is enabled/],
  ['user not a string', { user: 42 }, 'user', /expected a string, but got an integer/],
  ['a tool message answering no tool call', { messages: [{ role: 'user', content: 'hi' }, { role: 'tool', tool_call_id: 'call_9', content: 'x' }] }, 'messages[1].role', /must be a response to a preceeding message with 'tool_calls'/],
  ['a tool message without tool_call_id', { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', tool_calls: [call] }, { role: 'tool', content: 'x' }] }, 'messages[2].tool_call_id', /Missing required parameter/],
  ['an assistant tool call without arguments', { messages: [{ role: 'assistant', tool_calls: [{ ...call, function: { name: 'f' } }] }] }, 'messages[0].tool_calls[0].function.arguments', /Missing required parameter/],
];

describe('ill-typed chat parameters get a 400 invalid_request_error naming the parameter', () => {
  it.each(CASES)('%s', async (_what, fields, param, message) => {
    const provider = createMockProvider({ latency: 0 });
    const error = await sdkClient(provider).chat.completions.create({ ...chatBody('hello'), ...fields } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.param).toBe(param);
    expect(bad.type).toBe('invalid_request_error');
    expect(bad.message).toMatch(message);
    expect(provider.log).toEqual([expect.objectContaining({ status: 400, start: null, completionTokens: 0 })]);
  });

  it('accepts every parameter in range, and ignores those that do not shape the answer', async () => {
    const provider = createMockProvider({ latency: 0, outputTokens: 5 });
    const completion = await sdkClient(provider).chat.completions.create({
      ...chatBody('hello'), temperature: 0, top_p: 1, presence_penalty: -2, frequency_penalty: 2, seed: 42, user: 'u-1', max_tokens: 10,
      n: 1, logprobs: false, parallel_tool_calls: true, tools: [tool as OpenAI.ChatCompletionTool], tool_choice: 'none', response_format: { type: 'text' },
      metadata: { k: 'v' }, store: false,
    });
    expect(completion.choices[0]).toMatchObject({ finish_reason: 'stop', logprobs: null });
    expect(completion.choices[0]?.message.content?.split(' ')).toHaveLength(5);
  });
});
