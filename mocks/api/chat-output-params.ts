/**
 * Validation of the chat parameters that decide what the answer says — `tools`,
 * `tool_choice`, `response_format`, `stop` — with OpenAI's 400s. Schemas are compiled here,
 * before admission, so a schema the mock cannot satisfy is a 400 naming it, never a bad answer.
 */
import { invalidParam } from './errors.ts';
import { isObject, missing, wrongType } from './request-validation.ts';
import { compileJsonSchema, SchemaSampleError, type JsonSchemaSampler } from '../engine/json-schema-sample.ts';
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

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_STOP = 4;

function compile(schema: unknown, param: string, what: string, code: string): JsonSchemaSampler {
  try {
    return compileJsonSchema(schema);
  } catch (error) {
    if (error instanceof SchemaSampleError) throw invalidParam(param, `Invalid schema for ${what}: ${error.message}.`, code);
    throw error;
  }
}

function checkName(value: unknown, param: string): string {
  if (value === undefined || value === null) throw missing(param);
  if (typeof value !== 'string') throw wrongType(param, 'a string', value);
  if (!NAME.test(value)) throw invalidParam(param, `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.`, 'invalid_value');
  return value;
}

function validateTools(raw: unknown): ToolSpec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw wrongType('tools', 'an array of objects', raw);
  const names = new Set<string>();
  return raw.map((tool: unknown, i) => {
    const at = `tools[${i}]`;
    if (!isObject(tool)) throw wrongType(at, 'an object', tool);
    if (tool.type === undefined || tool.type === null) throw missing(`${at}.type`);
    if (tool.type !== 'function') throw invalidParam(`${at}.type`, `Invalid value: '${String(tool.type)}'. Supported values are: 'function'.`, 'invalid_value');
    const fn = tool.function;
    if (fn === undefined || fn === null) throw missing(`${at}.function`);
    if (!isObject(fn)) throw wrongType(`${at}.function`, 'an object', fn);
    const name = checkName(fn.name, `${at}.function.name`);
    if (names.has(name)) throw invalidParam('tools', `Invalid 'tools': duplicate function name '${name}'.`, 'invalid_value');
    names.add(name);
    const params = fn.parameters ?? { type: 'object', properties: {} };
    if (!isObject(params)) throw wrongType(`${at}.function.parameters`, 'an object', params);
    return { name, parameters: compile(params, `${at}.function.parameters`, `function '${name}'`, 'invalid_function_parameters') };
  });
}

function validateToolChoice(raw: unknown, tools: readonly ToolSpec[]): ToolChoice {
  if (raw === undefined || raw === null) return tools.length > 0 ? 'auto' : 'none';
  if (tools.length === 0) throw invalidParam('tool_choice', "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'invalid_value');
  if (typeof raw === 'string') {
    if (raw === 'none' || raw === 'auto' || raw === 'required') return raw;
    throw invalidParam('tool_choice', `Invalid value: '${raw}'. Supported values are: 'none', 'auto', and 'required'.`, 'invalid_value');
  }
  if (!isObject(raw)) throw wrongType('tool_choice', "one of a string or an object", raw);
  if (raw.type !== 'function') throw invalidParam('tool_choice.type', `Invalid value: '${String(raw.type)}'. Supported values are: 'function'.`, 'invalid_value');
  if (!isObject(raw.function)) throw missing('tool_choice.function');
  const name = checkName(raw.function.name, 'tool_choice.function.name');
  if (!tools.some((t) => t.name === name)) {
    throw invalidParam('tool_choice', `Invalid value for 'tool_choice': tool choice names function '${name}', but no function with that name was provided in 'tools'.`, 'invalid_value');
  }
  return { name };
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
  const name = checkName(spec.name, 'response_format.json_schema.name');
  if (spec.strict !== undefined && spec.strict !== null && typeof spec.strict !== 'boolean') throw wrongType('response_format.json_schema.strict', 'a boolean', spec.strict);
  if (spec.schema === undefined || spec.schema === null) throw missing('response_format.json_schema.schema');
  if (!isObject(spec.schema)) throw wrongType('response_format.json_schema.schema', 'an object', spec.schema);
  return { kind: 'json_schema', schema: compile(spec.schema, 'response_format.json_schema.schema', `response_format '${name}'`, 'invalid_json_schema') };
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
