/**
 * Validation of the chat parameters that decide what the answer says — `tools`,
 * `tool_choice`, `response_format`, `stop` — with OpenAI's 400s. Schemas are compiled here,
 * before admission, so a schema the mock cannot satisfy is a 400 naming it, never a bad answer.
 */
import { invalidParam } from './errors.ts';
import { isObject, missing, wrongType } from './request-validation.ts';
import { eachTool, functionTool, jsonSchemaFormat, namedToolChoice, toolChoiceMode } from './function-tools.ts';
import type { ContentFormat, ToolChoice, ToolSpec } from '../engine/chat-output.ts';

/** The validated output parameters. */
export interface OutputParams {
  tools: ToolSpec[];
  toolChoice: ToolChoice;
  format: ContentFormat;
  stop: string[];
  /** Prompt tokens the tool definitions and the response schema add (their JSON, ≈ 4 characters a token). */
  schemaChars: number;
}

const MAX_STOP = 4;

function validateTools(raw: unknown): ToolSpec[] {
  return eachTool(raw, (tool, at, names) => {
    if (tool.type !== 'function') throw invalidParam(`${at}.type`, `Invalid value: '${String(tool.type)}'. Supported values are: 'function'.`, 'invalid_value');
    const fn = tool.function;
    if (fn === undefined || fn === null) throw missing(`${at}.function`);
    if (!isObject(fn)) throw wrongType(`${at}.function`, 'an object', fn);
    return [functionTool(fn, `${at}.function`, names)];
  });
}

function validateToolChoice(raw: unknown, tools: readonly ToolSpec[]): ToolChoice {
  if (raw === undefined || raw === null) return tools.length > 0 ? 'auto' : 'none';
  if (tools.length === 0) throw invalidParam('tool_choice', "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'invalid_value');
  if (typeof raw === 'string') return toolChoiceMode(raw);
  if (!isObject(raw)) throw wrongType('tool_choice', "one of a string or an object", raw);
  if (raw.type !== 'function') throw invalidParam('tool_choice.type', `Invalid value: '${String(raw.type)}'. Supported values are: 'function'.`, 'invalid_value');
  if (!isObject(raw.function)) throw missing('tool_choice.function');
  return namedToolChoice(raw.function.name, 'tool_choice.function.name', tools);
}

function validateFormat(raw: unknown, mentionsJson: () => boolean): ContentFormat {
  if (raw === undefined || raw === null) return { kind: 'text' };
  if (!isObject(raw)) throw wrongType('response_format', 'an object', raw);
  const { type } = raw;
  if (type === undefined || type === null) throw missing('response_format.type');
  if (type === 'text') return { kind: 'text' };
  if (type === 'json_object') {
    if (!mentionsJson()) throw invalidParam('messages', "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.");
    return { kind: 'json_object' };
  }
  if (type !== 'json_schema') throw invalidParam('response_format.type', `Invalid value: '${String(type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`, 'invalid_value');
  const spec = raw.json_schema;
  if (spec === undefined || spec === null) throw missing('response_format.json_schema');
  if (!isObject(spec)) throw wrongType('response_format.json_schema', 'an object', spec);
  return jsonSchemaFormat(spec, 'response_format.json_schema', 'response_format');
}

function validateStop(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const stops = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(stops) || !stops.every((s) => typeof s === 'string')) throw wrongType('stop', 'one of a string or array of strings', raw);
  if (stops.length > MAX_STOP) {
    throw invalidParam('stop', `Invalid 'stop': array too long. Expected an array with maximum length ${MAX_STOP}, but got an array with length ${stops.length} instead.`, 'array_above_max_length');
  }
  return (stops as string[]).filter((s) => s !== '');
}

/**
 * Checks `tools`, `tool_choice`, `response_format` and `stop`; compiles every schema.
 * `mentionsJson` tells whether some message contains "json" (required by `json_object`; asked only then).
 * @throws {ApiError} 400 `invalid_request_error` naming the parameter (for a schema: the schema's path).
 */
export function validateOutputParams(body: Record<string, unknown>, mentionsJson: () => boolean): OutputParams {
  const tools = validateTools(body.tools);
  const toolChoice = validateToolChoice(body.tool_choice, tools);
  const format = validateFormat(body.response_format, mentionsJson);
  const stop = validateStop(body.stop);
  const schemaChars = (tools.length > 0 ? JSON.stringify(body.tools).length : 0) + (format.kind === 'json_schema' ? JSON.stringify(body.response_format).length : 0);
  return { tools, toolChoice, format, stop, schemaChars };
}
