/**
 * The `response` objects of OpenAI's Responses API: the finished answer, the in-progress
 * snapshot a stream opens with, and the output text token by token.
 */
import { tokenText } from '../engine/completion-text.ts';
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
}

/** The `resp_…` and `msg_…` ids of a response and its one message. */
export function responseIds(input: Pick<ResponseBodyInput, 'id'>): { id: string; messageId: string } {
  return { id: `resp_mock_${input.id}`, messageId: `msg_mock_${input.id}` };
}

/**
 * The text of output token `index`: a filler word, and with `json_object` the first token
 * opens `{"answer":"` and the last closes `"}` when the answer is complete (a response cut
 * by `max_output_tokens` stays cut, as OpenAI's does).
 */
export function responseTokenText(input: Pick<ResponseBodyInput, 'id' | 'outputTokens' | 'finishReason' | 'format'>, index: number): string {
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

const complete = (input: ResponseBodyInput): boolean => input.finishReason === 'stop';

/** The `output_text` content part. */
export const outputTextPart = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });

/** The assistant `message` output item: empty and `in_progress` while streaming, else whole. */
export function messageItem(input: ResponseBodyInput, done: boolean) {
  const status = !done ? 'in_progress' : complete(input) ? 'completed' : 'incomplete';
  return { id: responseIds(input).messageId, type: 'message', status, role: 'assistant', content: done ? [outputTextPart(responseText(input))] : [] };
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
    output: done ? [messageItem(input, true)] : [],
    parallel_tool_calls: true,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    truncation: 'disabled',
    usage: done ? responseUsage(input.promptTokens, input.completionTokens) : null,
    user: null,
    ...input.echoed,
  };
}
