/**
 * The `response` objects of OpenAI's Responses API: the finished answer, the in-progress
 * snapshot a stream opens with, its one output item (a message, or a function call), and the
 * output token by token.
 */
import { tokenText } from '../engine/completion-text.ts';
import type { ChoiceOutput } from '../engine/chat-output.ts';
import type { FinishReason } from '../engine/request-in-service.ts';
import { CREATED_EPOCH } from './openai-bodies.ts';
import type { ResponseEcho, ResponseFormat } from './responses-request.ts';

/** What a `response` object is built from. */
export interface ResponseBodyInput {
  id: number;
  model: string;
  createdMs: number;
  /** When the answer is complete (service start + the planned latency). */
  completedMs: number;
  outputTokens: number;
  finishReason: FinishReason;
  format: ResponseFormat;
  promptTokens: number;
  completionTokens: number;
  echoed: ResponseEcho;
  /** The shaped output (a function call, or schema JSON), as chat shapes a choice; absent on the plain path. */
  shaped?: ChoiceOutput;
}

/** The `resp_…` id of a response, and the id of its one output item: `fc_…` for a function call, else `msg_…`. */
export function responseIds(input: Pick<ResponseBodyInput, 'id' | 'shaped'>): { id: string; itemId: string } {
  return { id: `resp_mock_${input.id}`, itemId: `${input.shaped?.toolCall ? 'fc' : 'msg'}_mock_${input.id}` };
}

/**
 * The text of output token `index`: the shaped piece (schema JSON or a fragment of a call's
 * arguments), or a filler word, and with `json_object` the first token opens `{"answer":"`
 * and the last closes `"}` when the answer is complete (a response cut by
 * `max_output_tokens` stays cut, as OpenAI's does).
 */
export function responseTokenText(input: Pick<ResponseBodyInput, 'id' | 'outputTokens' | 'finishReason' | 'format' | 'shaped'>, index: number): string {
  if (input.shaped !== undefined) return input.shaped.pieces[index] ?? '';
  const word = tokenText(index, input.id);
  if (input.format === 'text') return word;
  const open = index === 0 ? '{"answer":"' : '';
  const close = index === input.outputTokens - 1 && input.finishReason === 'stop' ? '"}' : '';
  return open + word + close;
}

/** The whole output text. */
export function responseText(input: ResponseBodyInput): string {
  let text = '';
  for (let t = 0; t < input.outputTokens; t++) text += responseTokenText(input, t);
  return text;
}

/** Whether the answer is whole (`max_output_tokens` did not cut it). */
const complete = (input: ResponseBodyInput): boolean => (input.shaped === undefined ? input.finishReason === 'stop' : input.shaped.finishReason !== 'length');

/** The `output_text` content part. */
export const outputTextPart = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });

/**
 * The one output item — a `function_call` when the shaped output calls a tool, else the
 * assistant `message` — empty and `in_progress` while streaming, else whole.
 */
export function outputItem(input: ResponseBodyInput, done: boolean) {
  const status = !done ? 'in_progress' : complete(input) ? 'completed' : 'incomplete';
  const id = responseIds(input).itemId;
  const call = input.shaped?.toolCall;
  if (call) return { id, type: 'function_call', status, call_id: call.id, name: call.name, arguments: done ? responseText(input) : '' };
  return { id, type: 'message', status, role: 'assistant', content: done ? [outputTextPart(responseText(input))] : [] };
}

/** Token counts as the Responses API reports them. */
export function responseUsage(promptTokens: number, completionTokens: number) {
  return {
    input_tokens: promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: completionTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: promptTokens + completionTokens,
  };
}

/**
 * A `response` object: finished (`done`: `completed`, or `incomplete` with reason
 * `max_output_tokens`, with output and usage) or the `in_progress` snapshot a stream starts with.
 */
export function responseBody(input: ResponseBodyInput, done: boolean) {
  const seconds = (ms: number): number => CREATED_EPOCH + Math.floor(ms / 1000);
  const status = !done ? 'in_progress' : complete(input) ? 'completed' : 'incomplete';
  return {
    id: responseIds(input).id,
    object: 'response',
    created_at: seconds(input.createdMs),
    status,
    background: false,
    completed_at: done && complete(input) ? seconds(input.completedMs) : null,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    model: input.model,
    output: done ? [outputItem(input, true)] : [],
    parallel_tool_calls: true,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    truncation: 'disabled',
    usage: done ? responseUsage(input.promptTokens, input.completionTokens) : null,
    user: null,
    ...input.echoed,
  };
}
