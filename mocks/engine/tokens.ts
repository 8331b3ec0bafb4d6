/**
 * Token estimates the way OpenAI's rate limiter makes them before running a request: a
 * character-based estimate (≈ 4 characters per token) plus a small per-message overhead,
 * with `max_tokens` reserved on top for the TPM limit.
 */

/** Characters per token in the estimate. */
export const CHARS_PER_TOKEN = 4;
/** Tokens each chat message costs beyond its content (role and separators). */
export const TOKENS_PER_MESSAGE = 3;
/** Tokens that prime every reply (`<|start|>assistant<|message|>`). */
export const TOKENS_PER_REPLY = 3;
/** Tokens counted for one non-text content part (e.g. a low-detail image). */
export const TOKENS_PER_NON_TEXT_PART = 85;

/** Estimated tokens in `text`: `ceil(length / 4)`. */
export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** A chat message as far as token estimation needs it (already validated). */
export interface EstimatedMessage {
  role: string;
  content?: unknown;
  name?: unknown;
  tool_calls?: unknown;
}

function contentTokens(content: unknown): number {
  if (typeof content === 'string') return estimateTextTokens(content);
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content as unknown[]) {
    const text = (part as { text?: unknown } | null)?.text;
    total += typeof text === 'string' ? estimateTextTokens(text) : TOKENS_PER_NON_TEXT_PART;
  }
  return total;
}

/** Estimated prompt tokens of a chat request's `messages`. */
export function estimateChatPromptTokens(messages: readonly EstimatedMessage[]): number {
  let total = TOKENS_PER_REPLY;
  for (const m of messages) {
    total += TOKENS_PER_MESSAGE + 1 + contentTokens(m.content);
    if (typeof m.name === 'string') total += 1 + estimateTextTokens(m.name);
    if (m.tool_calls !== undefined) total += estimateTextTokens(JSON.stringify(m.tool_calls));
  }
  return total;
}

/**
 * Estimated tokens of an embeddings `input`: a string, an array of strings, an array of
 * token ids or an array of token-id arrays (ids count one each).
 */
export function estimateEmbeddingTokens(input: string | readonly string[] | readonly number[] | readonly (readonly number[])[]): number {
  if (typeof input === 'string') return estimateTextTokens(input);
  let total = 0;
  for (const item of input) {
    if (typeof item === 'string') total += estimateTextTokens(item);
    else if (typeof item === 'number') total += 1;
    else total += item.length;
  }
  return total;
}
