/**
 * The checks chat completions and the Responses API share for function tools and schema
 * output: function names, `parameters` and response schemas compiled before admission (a
 * schema the mock cannot satisfy is a 400 naming it and the place inside it), and a
 * `tool_choice` naming a function. Each endpoint passes its own parameter paths.
 */
import { invalidParam } from './errors.ts';
import { isObject, missing, wrongType } from './request-validation.ts';
import { compileJsonSchema, SchemaSampleError, type JsonSchemaSampler } from '../engine/json-schema-sample.ts';
import type { ContentFormat, ToolChoice, ToolSpec } from '../engine/chat-output.ts';

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Compiles `schema`, turning a schema the sampler cannot satisfy into a 400 naming `param`. */
export function compileSchemaParam(schema: unknown, param: string, what: string, code: string): JsonSchemaSampler {
  try {
    return compileJsonSchema(schema);
  } catch (error) {
    if (error instanceof SchemaSampleError) throw invalidParam(param, `Invalid schema for ${what}: ${error.message}.`, code);
    throw error;
  }
}

/** A function or schema name: a string matching OpenAI's pattern. */
export function checkName(value: unknown, param: string): string {
  if (value === undefined || value === null) throw missing(param);
  if (typeof value !== 'string') throw wrongType(param, 'a string', value);
  if (!NAME.test(value)) throw invalidParam(param, `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.`, 'invalid_value');
  return value;
}

/**
 * One function tool from its `name` and `parameters` (an empty object schema when absent),
 * found at `at` (`tools[0].function` for chat, `tools[0]` for Responses); `names` catches duplicates.
 */
export function functionTool(fn: Record<string, unknown>, at: string, names: Set<string>): ToolSpec {
  const name = checkName(fn.name, `${at}.name`);
  if (names.has(name)) throw invalidParam('tools', `Invalid 'tools': duplicate function name '${name}'.`, 'invalid_value');
  names.add(name);
  const params = fn.parameters ?? { type: 'object', properties: {} };
  if (!isObject(params)) throw wrongType(`${at}.parameters`, 'an object', params);
  return { name, parameters: compileSchemaParam(params, `${at}.parameters`, `function '${name}'`, 'invalid_function_parameters') };
}

/**
 * Walks a `tools` array (absent: none): each entry must be an object with a `type`; `each`
 * turns it into function tools (none for a tool type that is accepted and ignored).
 */
export function eachTool(raw: unknown, each: (tool: Record<string, unknown>, at: string, names: Set<string>) => ToolSpec[]): ToolSpec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw wrongType('tools', 'an array of objects', raw);
  const names = new Set<string>();
  return raw.flatMap((tool: unknown, i) => {
    const at = `tools[${i}]`;
    if (!isObject(tool)) throw wrongType(at, 'an object', tool);
    if (tool.type === undefined || tool.type === null) throw missing(`${at}.type`);
    return each(tool, at, names);
  });
}

/** A `tool_choice` mode string (`none`, `auto`, `required`). */
export function toolChoiceMode(raw: string): ToolChoice {
  if (raw === 'none' || raw === 'auto' || raw === 'required') return raw;
  throw invalidParam('tool_choice', `Invalid value: '${raw}'. Supported values are: 'none', 'auto', and 'required'.`, 'invalid_value');
}

/** A `tool_choice` that names a function (at `param`), which must be among `tools`. */
export function namedToolChoice(name: unknown, param: string, tools: readonly ToolSpec[]): ToolChoice {
  const checked = checkName(name, param);
  if (!tools.some((t) => t.name === checked)) {
    throw invalidParam('tool_choice', `Invalid value for 'tool_choice': tool choice names function '${checked}', but no function with that name was provided in 'tools'.`, 'invalid_value');
  }
  return { name: checked };
}

/**
 * A `json_schema` output format `{ name, schema, strict? }` found at `at`
 * (`response_format.json_schema` for chat, `text.format` for Responses), its schema compiled.
 */
export function jsonSchemaFormat(spec: Record<string, unknown>, at: string, label: string): ContentFormat {
  const name = checkName(spec.name, `${at}.name`);
  if (spec.strict !== undefined && spec.strict !== null && typeof spec.strict !== 'boolean') throw wrongType(`${at}.strict`, 'a boolean', spec.strict);
  if (spec.schema === undefined || spec.schema === null) throw missing(`${at}.schema`);
  if (!isObject(spec.schema)) throw wrongType(`${at}.schema`, 'an object', spec.schema);
  return { kind: 'json_schema', schema: compileSchemaParam(spec.schema, `${at}.schema`, `${label} '${name}'`, 'invalid_json_schema') };
}
