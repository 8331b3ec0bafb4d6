/**
 * Validation of `POST /v1/responses` bodies (OpenAI's Responses API), with the 400 errors
 * OpenAI sends for each mistake and a clear 400 for what the mock does not support.
 */
import { invalidParam, nestedTooDeeply } from './errors.ts';
import { isObject, missing, optionalInteger, requireModel, requireObjectBody, validateContentPart, wrongType } from './request-validation.ts';
import { CHARS_PER_TOKEN, estimateChatPromptTokens, type EstimatedMessage } from '../engine/tokens.ts';
import type { ChatOutputSpec, ContentFormat } from '../engine/chat-output.ts';
import { validateResponsesOutput } from './responses-output-params.ts';

/** The output formats the mock answers in (`text.format.type`). */
export type ResponseFormat = ContentFormat['kind'];

/** A validated Responses API body. */
export interface ResponsesRequest {
  model: string;
  /** `max_output_tokens`, `null` if absent. */
  maxOutputTokens: number | null;
  stream: boolean;
  format: ResponseFormat;
  /**
   * How to shape the output when it is more than filler text (a function tool that may be
   * called, or a `json_schema` format), as chat shapes a choice; `null` for the plain path.
   */
  shape: ChatOutputSpec | null;
  /** Input tokens (character estimate of `instructions`, `input`, function tools and a schema format). */
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
  text: { format: Record<string, unknown> };
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

/** The string fields each tool round-trip item needs (OpenAI's `call_id` pairing is not checked: the call may sit in a previous response). */
const TOOL_ITEM_FIELDS: Record<string, readonly string[]> = { function_call: ['call_id', 'name', 'arguments'], function_call_output: ['call_id'] };

function checkToolItem(item: Record<string, unknown>, at: string): void {
  for (const key of TOOL_ITEM_FIELDS[item.type as string] ?? []) {
    const value = item[key];
    if (typeof value !== 'string') throw value === undefined || value === null ? missing(`${at}.${key}`) : wrongType(`${at}.${key}`, 'a string', value);
  }
  if (item.type !== 'function_call_output') return;
  const { output } = item;
  if (output === undefined || output === null) throw missing(`${at}.output`);
  if (typeof output !== 'string' && !Array.isArray(output)) throw wrongType(`${at}.output`, 'one of a string or array of objects', output);
}

/** One input item: a message (`role` + `content`) or another item type, counted by its JSON. */
function inputItem(item: unknown, i: number): EstimatedMessage {
  const at = `input[${i}]`;
  if (!isObject(item)) throw wrongType(at, 'an object', item);
  if (item.type !== undefined && item.type !== 'message') {
    if (typeof item.type !== 'string') throw wrongType(`${at}.type`, 'a string', item.type);
    checkToolItem(item, at);
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

function checkMetadata(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw wrongType('metadata', 'an object', value);
  for (const [key, v] of Object.entries(value)) if (typeof v !== 'string') throw wrongType(`metadata.${key}`, 'a string', v);
  return value;
}

/**
 * Validates a Responses API body the way OpenAI does, naming the parameter at fault.
 * Accepted and ignored: `previous_response_id`, `store`, tools other than functions (never
 * called), `temperature`, `top_p`, `metadata`, and any other field.
 * @throws {ApiError} 400 with `param` set.
 */
export function validateResponsesRequest(raw: unknown): ResponsesRequest {
  const body = requireObjectBody(raw);
  const model = requireModel(body);
  const instructions = optionalOfType<string>(body, 'instructions', 'string', 'a string');
  const messages = inputMessages(body.input);
  const maxOutputTokens = optionalInteger(body, 'max_output_tokens', MIN_OUTPUT_TOKENS, Number.MAX_SAFE_INTEGER);
  const stream = optionalOfType<boolean>(body, 'stream', 'boolean', 'a boolean') ?? false;
  const all = instructions === null ? messages : [{ role: 'system', content: instructions }, ...messages];
  const { stream: _stream, stream_options: _options, ...content } = body;
  try {
    const output = validateResponsesOutput(body);
    const format = output.format.kind;
    const echoed: ResponseEcho = {
      instructions, max_output_tokens: maxOutputTokens, metadata: checkMetadata(body.metadata),
      previous_response_id: optionalOfType<string>(body, 'previous_response_id', 'string', 'a string'),
      store: optionalOfType<boolean>(body, 'store', 'boolean', 'a boolean') ?? true,
      temperature: optionalNumber(body, 'temperature', 0, 2) ?? 1, top_p: optionalNumber(body, 'top_p', 0, 1) ?? 1,
      text: { format: output.echoedFormat }, tools: (body.tools as unknown[] | undefined | null) ?? [], tool_choice: body.tool_choice ?? 'auto',
    };
    const contentKey = JSON.stringify(content);
    if (format === 'json_object' && !/json/i.test(JSON.stringify(all))) {
      throw invalidParam('input', "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.", 'invalid_value');
    }
    const mayCall = output.tools.length > 0 && output.toolChoice !== 'none';
    const lastItem: unknown = Array.isArray(body.input) ? body.input.at(-1) : undefined;
    const shape: ChatOutputSpec | null = !mayCall && format !== 'json_schema' ? null : {
      tools: output.tools, toolChoice: output.toolChoice, afterToolResult: isObject(lastItem) && lastItem.type === 'function_call_output',
      format: output.format, stop: [], maxTokens: maxOutputTokens,
    };
    const promptTokens = estimateChatPromptTokens(all) + Math.ceil(output.schemaChars / CHARS_PER_TOKEN);
    return { model, maxOutputTokens, stream, format, shape, promptTokens, contentKey, echoed };
  } catch (error) {
    // JSON.stringify overflows the stack on a value nested thousands of levels deep.
    if (error instanceof RangeError) throw nestedTooDeeply();
    throw error;
  }
}
