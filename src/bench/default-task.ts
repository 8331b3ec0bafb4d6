import type OpenAI from 'openai';
import { estimateChatPromptTokens } from '../../mocks/engine/tokens.ts';
import type { Task } from '../strategies/types.ts';
import type { Document } from './workload.ts';

/** Completion budget each request reserves (`max_tokens`). */
export const DEFAULT_MAX_TOKENS = 256;

type Message = { role: 'system' | 'user'; content: string };

/** The chat messages for asking `instruction` about `doc`. */
export function messagesFor(doc: Document, instruction: string): Message[] {
  return [
    { role: 'system', content: instruction },
    { role: 'user', content: doc.text },
  ];
}

/** Tokens a request about `doc` reserves against a TPM limit: prompt estimate + `max_tokens`. */
export function requestTokens(doc: Document, instruction: string, maxTokens = DEFAULT_MAX_TOKENS): number {
  return estimateChatPromptTokens(messagesFor(doc, instruction)) + maxTokens;
}

/**
 * True for OpenAI's reasoning models (`o1`, `o3-mini`, `o4-mini`, `gpt-5`…, also behind a
 * gateway's `openai/` prefix), which refuse `max_tokens` and take `max_completion_tokens`.
 */
export function takesMaxCompletionTokens(model: string): boolean {
  return /^(?:o\d|gpt-5)/.test(model.slice(model.lastIndexOf('/') + 1));
}

/**
 * A chat completion through the openai SDK: what a user's own code would run per input,
 * so SDK and transport costs are inside the measurement. The output cap goes in the field
 * the model takes (`max_tokens`, which every OpenAI-compatible server knows, or
 * `max_completion_tokens` for OpenAI's reasoning models).
 */
export function chatTask(client: OpenAI, model: string, instruction: string, maxTokens = DEFAULT_MAX_TOKENS): Task<Document, OpenAI.Chat.ChatCompletion> {
  const cap = takesMaxCompletionTokens(model) ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens };
  return (doc, ctx) =>
    client.chat.completions.create(
      { model, messages: messagesFor(doc, instruction), ...cap },
      { signal: ctx.signal },
    );
}

/** Total tokens reported by an SDK response, if it has a `usage` block. */
export function usageOf(output: unknown): number | undefined {
  const usage = (output as { usage?: { total_tokens?: unknown } } | null | undefined)?.usage;
  return typeof usage?.total_tokens === 'number' ? usage.total_tokens : undefined;
}

/** The instruction of the default summarisation task. */
export const SUMMARIZE = 'Summarize the following document in three sentences.';
