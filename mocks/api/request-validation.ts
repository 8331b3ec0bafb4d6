/**
 * Validation of chat and embeddings request bodies, with the 400 errors OpenAI sends for
 * each mistake.
 */
import { invalidParam, nestedTooDeeply } from './errors.ts';
import { estimateChatPromptTokens, estimateEmbeddingTokens, type EstimatedMessage } from '../engine/tokens.ts';

/** A validated `POST /v1/chat/completions` body. */
export interface ChatRequest {
  model: string;
  messages: EstimatedMessage[];
  /** `max_completion_tokens` or `max_tokens`, `null` if neither. */
  maxTokens: number | null;
  n: number;
  stream: boolean;
  includeUsage: boolean;
  promptTokens: number;
  /** The body without stream options: the identity of the request's content. */
  contentKey: string;
}

/** A validated `POST /v1/embeddings` body. */
export interface EmbeddingsRequest {
  model: string;
  /** Inputs, one embedding each (strings or token-id arrays). */
  inputs: Array<string | number[]>;
  encoding: 'float' | 'base64';
  dimensions: number | null;
  promptTokens: number;
  contentKey: string;
}

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];

/** How OpenAI names a JSON value's type in its messages ("a string", "an integer", …). */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return 'an object';
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const missing = (param: string) => invalidParam(param, `Missing required parameter: '${param}'.`, 'missing_required_parameter');
export const wrongType = (param: string, expected: string, value: unknown) =>
  invalidParam(param, `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`, 'invalid_type');

/** Checks the request body is a JSON object. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalidParam('body', `Invalid type for body: expected an object, but got ${typeName(body)} instead.`, 'invalid_type');
  return body;
}

function requireModel(body: Record<string, unknown>): string {
  const { model } = body;
  if (model === undefined || model === null || model === '') throw invalidParam('model', 'you must provide a model parameter', 'missing_required_parameter');
  if (typeof model !== 'string') throw wrongType('model', 'a string', model);
  return model;
}

export function optionalInteger(body: Record<string, unknown>, param: string, min: number, max: number): number | null {
  const value = body[param];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(param, 'an integer', value);
  if (value < min) throw invalidParam(param, `Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`, 'integer_below_min_value');
  if (value > max) throw invalidParam(param, `Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`, 'integer_above_max_value');
  return value;
}

function validateMessage(m: unknown, i: number): EstimatedMessage {
  const at = `messages[${i}]`;
  if (!isObject(m)) throw wrongType(at, 'an object', m);
  if (m.role === undefined) throw missing(`${at}.role`);
  if (typeof m.role !== 'string' || !ROLES.includes(m.role)) {
    throw invalidParam(`${at}.role`, `Invalid value: '${String(m.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`, 'invalid_value');
  }
  const content = m.content;
  const optional = m.role === 'assistant';
  if ((content === undefined || content === null) && !optional) throw missing(`${at}.content`);
  if (content !== undefined && content !== null && typeof content !== 'string' && !Array.isArray(content)) {
    throw wrongType(`${at}.content`, 'one of a string or array of objects', content);
  }
  if (Array.isArray(content)) {
    if (content.length === 0) throw invalidParam(`${at}.content`, `Invalid '${at}.content': empty array. Expected an array with minimum length 1, but got an empty array instead.`, 'empty_array');
    content.forEach((part: unknown, j) => validateContentPart(part, `${at}.content[${j}]`));
  }
  return m as unknown as EstimatedMessage;
}

/** One element of an array `content`: an object with a string `type`; a `text` part needs a string `text`. */
function validateContentPart(part: unknown, at: string): void {
  if (!isObject(part)) throw wrongType(at, 'an object', part);
  if (part.type === undefined || part.type === null) throw missing(`${at}.type`);
  if (typeof part.type !== 'string') throw wrongType(`${at}.type`, 'a string', part.type);
  if (part.type === 'text') {
    if (part.text === undefined || part.text === null) throw missing(`${at}.text`);
    if (typeof part.text !== 'string') throw wrongType(`${at}.text`, 'a string', part.text);
  }
}

/**
 * Validates a chat completions body the way OpenAI does, naming the parameter at fault.
 * `text` is the body as received, reused as the content identity when possible.
 * @throws {ApiError} 400 with `param` set.
 */
export function validateChatRequest(raw: unknown, text?: string): ChatRequest {
  const body = requireObjectBody(raw);
  const model = requireModel(body);
  const { messages } = body;
  if (messages === undefined || messages === null) throw missing('messages');
  if (!Array.isArray(messages)) throw wrongType('messages', 'an array of objects', messages);
  if (messages.length === 0) throw invalidParam('messages', "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'empty_array');
  const checked = messages.map(validateMessage);
  const maxTokens = optionalInteger(body, 'max_completion_tokens', 1, Number.MAX_SAFE_INTEGER) ?? optionalInteger(body, 'max_tokens', 1, Number.MAX_SAFE_INTEGER);
  const n = optionalInteger(body, 'n', 1, 128) ?? 1;
  const { stream, stream_options: streamOptions, ...content } = body;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') throw wrongType('stream', 'a boolean', stream);
  let includeUsage = false;
  if (streamOptions !== undefined && streamOptions !== null) {
    if (stream !== true) throw invalidParam('stream_options', "The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'invalid_value');
    if (!isObject(streamOptions)) throw wrongType('stream_options', 'an object', streamOptions);
    includeUsage = streamOptions.include_usage === true;
  }
  let promptTokens: number;
  let contentKey: string;
  try {
    promptTokens = estimateChatPromptTokens(checked);
    // The body as sent when it has no stream options (what SDKs send: the same bytes as re-serialising it).
    contentKey = text !== undefined && stream === undefined && streamOptions === undefined ? text : JSON.stringify(content);
  } catch (error) {
    // JSON.stringify overflows the stack on a value nested thousands of levels deep.
    if (error instanceof RangeError) throw nestedTooDeeply();
    throw error;
  }
  return { model, messages: checked, maxTokens, n, stream: stream === true, includeUsage, promptTokens, contentKey };
}

const isTokenArray = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((t) => Number.isInteger(t));

/**
 * Validates an embeddings body: `input` is a string, an array of strings, an array of
 * token ids or an array of token-id arrays, never empty.
 * @throws {ApiError} 400 with `param` set.
 */
export function validateEmbeddingsRequest(raw: unknown): EmbeddingsRequest {
  const body = requireObjectBody(raw);
  const model = requireModel(body);
  const { input, encoding_format: format } = body;
  if (input === undefined || input === null) throw missing('input');
  let inputs: Array<string | number[]>;
  if (typeof input === 'string') inputs = [input];
  else if (isTokenArray(input)) inputs = [input];
  else if (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === 'string' || isTokenArray(x))) inputs = input as Array<string | number[]>;
  else if (Array.isArray(input) && input.length === 0) throw invalidParam('input', "Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'empty_array');
  else throw wrongType('input', 'a string, an array of strings, an array of integers or an array of integer arrays', input);
  if (format !== undefined && format !== null && format !== 'float' && format !== 'base64') {
    throw invalidParam('encoding_format', `Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`, 'invalid_value');
  }
  const dimensions = optionalInteger(body, 'dimensions', 1, 3072);
  const tokens = estimateEmbeddingTokens(inputs as string[] | number[][]);
  return {
    model, inputs, encoding: format === 'base64' ? 'base64' : 'float', dimensions, promptTokens: tokens,
    contentKey: JSON.stringify([inputs, dimensions]),
  };
}
