/**
 * Validation of `POST /v1/responses` bodies (OpenAI's Responses API), with the 400 errors
 * OpenAI sends for each mistake and a clear 400 for what the mock does not support.
 */
import { invalidParam, nestedTooDeeply } from './errors.ts';
import { isObject, missing, optionalInteger, requireModel, requireObjectBody, validateContentPart, wrongType } from './request-validation.ts';
import { estimateChatPromptTokens, type EstimatedMessage } from '../engine/tokens.ts';

/** The output formats the mock answers in (`text.format.type`). */
export type ResponseFormat = 'text' | 'json_object';

/** A validated Responses API body. */
export interface ResponsesRequest {
  model: string;
  /** `max_output_tokens`, `null` if absent. */
  maxOutputTokens: number | null;
  stream: boolean;
  format: ResponseFormat;
  /** Input tokens (character estimate of `instructions` and `input`). */
  promptTokens: number;
  /** The body without stream options: the identity of the request's content. */
  contentKey: string;
  /** Request fields the response object repeats back, as OpenAI's does. */
  echoed: ResponseEcho;
}

/** The request settings a `response` object reports. */
export interface ResponseEcho {
  instructions: string | null;
  max_output_tokens: number | null;
  metadata: Record<string, unknown>;
  previous_response_id: string | null;
  store: boolean;
  temperature: number;
  top_p: number;
  text: { format: { type: ResponseFormat } };
  tools: unknown[];
  tool_choice: unknown;
}

const INPUT_ROLES = ['user', 'assistant', 'system', 'developer'];
/** OpenAI's smallest `max_output_tokens`. */
export const MIN_OUTPUT_TOKENS = 16;

function optionalNumber(body: Record<string, unknown>, param: string, min: number, max: number): number | null {
  const value = body[param];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(param, 'a number', value);
  if (value < min || value > max) throw invalidParam(param, `Invalid '${param}': expected a value from ${min} to ${max}, but got ${value} instead.`, 'invalid_value');
  return value;
}

function optionalOfType<T>(body: Record<string, unknown>, param: string, type: 'string' | 'boolean', name: string): T | null {
  const value = body[param];
  if (value === undefined || value === null) return null;
  if (typeof value !== type) throw wrongType(param, name, value);
  return value as T;
}

/** One input item: a message (`role` + `content`) or another item type, counted by its JSON. */
function inputItem(item: unknown, i: number): EstimatedMessage {
  const at = `input[${i}]`;
  if (!isObject(item)) throw wrongType(at, 'an object', item);
  if (item.type !== undefined && item.type !== 'message') {
    if (typeof item.type !== 'string') throw wrongType(`${at}.type`, 'a string', item.type);
    return { role: 'user', content: JSON.stringify(item) };
  }
  if (item.role === undefined) throw missing(`${at}.role`);
  if (typeof item.role !== 'string' || !INPUT_ROLES.includes(item.role)) {
    throw invalidParam(`${at}.role`, `Invalid value: '${String(item.role)}'. Supported values are: 'user', 'assistant', 'system', and 'developer'.`, 'invalid_value');
  }
  const { content } = item;
  if (content === undefined || content === null) throw missing(`${at}.content`);
  if (typeof content !== 'string' && !Array.isArray(content)) throw wrongType(`${at}.content`, 'one of a string or array of objects', content);
  if (Array.isArray(content)) {
    content.forEach((part: unknown, j) => {
      const where = `${at}.content[${j}]`;
      validateContentPart(part, where);
      const { type, text } = part as { type: string; text?: unknown };
      if ((type === 'input_text' || type === 'output_text') && typeof text !== 'string') {
        throw text === undefined || text === null ? missing(`${where}.text`) : wrongType(`${where}.text`, 'a string', text);
      }
    });
  }
  return { role: item.role, content };
}

/** `input` as chat-style messages for the token estimate: a string is one user message. */
function inputMessages(input: unknown): EstimatedMessage[] {
  if (input === undefined || input === null) throw missing('input');
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) throw wrongType('input', 'one of a string or array of input items', input);
  if (input.length === 0) throw invalidParam('input', "Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'empty_array');
  return input.map(inputItem);
}

/** `text.format.type`: `text` and `json_object` are answered; `json_schema` is a clear 400. */
function responseFormat(text: unknown): ResponseFormat {
  if (text === undefined || text === null) return 'text';
  if (!isObject(text)) throw wrongType('text', 'an object', text);
  const { format } = text;
  if (format === undefined || format === null) return 'text';
  if (!isObject(format)) throw wrongType('text.format', 'an object', format);
  if (format.type === undefined) throw missing('text.format.type');
  if (format.type === 'text' || format.type === 'json_object') return format.type;
  if (format.type === 'json_schema') {
    throw invalidParam('text.format.type', "The mock provider does not support 'text.format' of type 'json_schema': it cannot yet generate output that follows a schema. Please use 'text' or 'json_object'.", 'unsupported_value');
  }
  throw invalidParam('text.format.type', `Invalid value: '${String(format.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`, 'invalid_value');
}

/** `tools` are accepted and never called; a `tool_choice` that forces a call is a 400. */
function checkTools(body: Record<string, unknown>): unknown[] {
  const { tools, tool_choice: choice } = body;
  if (tools !== undefined && tools !== null && !Array.isArray(tools)) throw wrongType('tools', 'an array of objects', tools);
  if (choice !== undefined && choice !== null && choice !== 'auto' && choice !== 'none') {
    throw invalidParam('tool_choice', "The mock provider never calls tools, so it cannot honour a 'tool_choice' that requires one. Please use 'auto' or 'none'.", 'unsupported_value');
  }
  return (tools as unknown[] | undefined) ?? [];
}

function checkMetadata(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw wrongType('metadata', 'an object', value);
  for (const [key, v] of Object.entries(value)) if (typeof v !== 'string') throw wrongType(`metadata.${key}`, 'a string', v);
  return value;
}

/**
 * Validates a Responses API body the way OpenAI does, naming the parameter at fault.
 * Accepted and ignored: `previous_response_id`, `store`, `tools` (never called),
 * `temperature`, `top_p`, `metadata`, and any other field.
 * @throws {ApiError} 400 with `param` set.
 */
export function validateResponsesRequest(raw: unknown): ResponsesRequest {
  const body = requireObjectBody(raw);
  const model = requireModel(body);
  const instructions = optionalOfType<string>(body, 'instructions', 'string', 'a string');
  const messages = inputMessages(body.input);
  const maxOutputTokens = optionalInteger(body, 'max_output_tokens', MIN_OUTPUT_TOKENS, Number.MAX_SAFE_INTEGER);
  const stream = optionalOfType<boolean>(body, 'stream', 'boolean', 'a boolean') ?? false;
  const format = responseFormat(body.text);
  const tools = checkTools(body);
  const echoed: ResponseEcho = {
    instructions, max_output_tokens: maxOutputTokens, metadata: checkMetadata(body.metadata),
    previous_response_id: optionalOfType<string>(body, 'previous_response_id', 'string', 'a string'),
    store: optionalOfType<boolean>(body, 'store', 'boolean', 'a boolean') ?? true,
    temperature: optionalNumber(body, 'temperature', 0, 2) ?? 1, top_p: optionalNumber(body, 'top_p', 0, 1) ?? 1,
    text: { format: { type: format } }, tools, tool_choice: body.tool_choice ?? 'auto',
  };
  const all = instructions === null ? messages : [{ role: 'system', content: instructions }, ...messages];
  const { stream: _stream, stream_options: _options, ...content } = body;
  try {
    const contentKey = JSON.stringify(content);
    if (format === 'json_object' && !/json/i.test(JSON.stringify(all))) {
      throw invalidParam('input', "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.", 'invalid_value');
    }
    return { model, maxOutputTokens, stream, format, promptTokens: estimateChatPromptTokens(all), contentKey, echoed };
  } catch (error) {
    // JSON.stringify overflows the stack on a value nested thousands of levels deep.
    if (error instanceof RangeError) throw nestedTooDeeply();
    throw error;
  }
}
