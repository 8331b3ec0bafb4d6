/**
 * Validation of legacy `POST /v1/completions` bodies, with the 400 errors OpenAI sends and a
 * clear 400 for what the mock does not support.
 */
import { invalidParam, withinNesting } from './errors.ts';
import { isObject, missing, optionalInteger, requireModel, requireObjectBody, wrongType } from './request-validation.ts';
import { estimateTextTokens } from '../engine/tokens.ts';

/** A validated legacy completions body. */
export interface CompletionsRequest {
  model: string;
  /** The prompts, one or more; each gets `n` choices. */
  prompts: string[];
  /** `max_tokens`: OpenAI's default for this endpoint is 16. */
  maxTokens: number;
  n: number;
  stream: boolean;
  includeUsage: boolean;
  /** `echo`: each choice's text starts with its prompt. */
  echo: boolean;
  promptTokens: number;
  /** The body without stream options: the identity of the request's content. */
  contentKey: string;
}

/** OpenAI's default `max_tokens` on the legacy completions endpoint. */
export const DEFAULT_COMPLETION_MAX_TOKENS = 16;

function prompts(prompt: unknown): string[] {
  if (prompt === undefined || prompt === null) throw missing('prompt');
  if (typeof prompt === 'string') return [prompt];
  if (Array.isArray(prompt) && prompt.length === 0) throw invalidParam('prompt', "Invalid 'prompt': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'empty_array');
  if (Array.isArray(prompt) && prompt.every((p) => typeof p === 'string')) return prompt as string[];
  if (Array.isArray(prompt) && prompt.every((p) => typeof p === 'number' || Array.isArray(p))) {
    throw invalidParam('prompt', "The mock provider does not support token-id prompts on 'v1/completions'. Please send the prompt as a string or an array of strings.", 'unsupported_value');
  }
  throw wrongType('prompt', 'a string or an array of strings', prompt);
}

/**
 * Validates a legacy completions body, naming the parameter at fault. Accepted and ignored:
 * `suffix`, `best_of`, `stop`, `temperature`, `top_p`, penalties, `seed`, `user` and any other
 * field; `logprobs` other than `null` is a 400 (the mock has no token probabilities).
 * @throws {ApiError} 400 with `param` set.
 */
export function validateCompletionsRequest(raw: unknown): CompletionsRequest {
  const body = requireObjectBody(raw);
  const model = requireModel(body);
  const list = prompts(body.prompt);
  const maxTokens = optionalInteger(body, 'max_tokens', 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_COMPLETION_MAX_TOKENS;
  const n = optionalInteger(body, 'n', 1, 128) ?? 1;
  const { stream, stream_options: streamOptions, echo, logprobs, suffix, ...rest } = body;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') throw wrongType('stream', 'a boolean', stream);
  if (echo !== undefined && echo !== null && typeof echo !== 'boolean') throw wrongType('echo', 'a boolean', echo);
  if (suffix !== undefined && suffix !== null && typeof suffix !== 'string') throw wrongType('suffix', 'a string', suffix);
  if (logprobs !== undefined && logprobs !== null) {
    throw invalidParam('logprobs', "The mock provider does not support 'logprobs' on 'v1/completions'. Please leave it out or send null.", 'unsupported_value');
  }
  let includeUsage = false;
  if (streamOptions !== undefined && streamOptions !== null) {
    if (stream !== true) throw invalidParam('stream_options', "The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'invalid_value');
    if (!isObject(streamOptions)) throw wrongType('stream_options', 'an object', streamOptions);
    includeUsage = streamOptions.include_usage === true;
  }
  const contentKey = withinNesting(() => JSON.stringify({ ...rest, echo, suffix }));
  return {
    model, prompts: list, maxTokens, n, stream: stream === true, includeUsage, echo: echo === true,
    promptTokens: list.reduce((sum, p) => sum + estimateTextTokens(p), 0), contentKey,
  };
}
