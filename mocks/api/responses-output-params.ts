/**
 * Validation of the Responses API parameters that decide what the answer says — `text.format`,
 * `tools` (flat `{ type: 'function', name, parameters, strict }`) and `tool_choice` — on the
 * checks chat completions use, so schemas are compiled before admission as chat's are.
 */
import { invalidParam } from './errors.ts';
import { isObject, missing, wrongType } from './request-validation.ts';
import { eachTool, functionTool, jsonSchemaFormat, namedToolChoice, toolChoiceMode } from './function-tools.ts';
import type { ContentFormat, ToolChoice, ToolSpec } from '../engine/chat-output.ts';

/** The validated output parameters of a Responses request. */
export interface ResponsesOutputParams {
  format: ContentFormat;
  /** The `text.format` the response repeats back. */
  echoedFormat: Record<string, unknown>;
  /** The function tools (other tool types are accepted and never called). */
  tools: ToolSpec[];
  toolChoice: ToolChoice;
  /** Characters of the function tools' and the schema format's JSON (they count as prompt). */
  schemaChars: number;
}

const CALLS_ONLY_FUNCTIONS = 'The mock provider calls only function tools';

function textFormat(text: unknown): { format: ContentFormat; echoed: Record<string, unknown> } {
  const plain = { format: { kind: 'text' } as const, echoed: { type: 'text' } };
  if (text === undefined || text === null) return plain;
  if (!isObject(text)) throw wrongType('text', 'an object', text);
  const { format } = text;
  if (format === undefined || format === null) return plain;
  if (!isObject(format)) throw wrongType('text.format', 'an object', format);
  if (format.type === undefined || format.type === null) throw missing('text.format.type');
  if (format.type === 'text' || format.type === 'json_object') return { format: { kind: format.type }, echoed: { type: format.type } };
  if (format.type === 'json_schema') return { format: jsonSchemaFormat(format, 'text.format', 'text.format'), echoed: { ...format, strict: format.strict ?? false } };
  throw invalidParam('text.format.type', `Invalid value: '${String(format.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`, 'invalid_value');
}

function functionTools(raw: unknown): ToolSpec[] {
  return eachTool(raw, (tool, at, names) => {
    if (typeof tool.type !== 'string') throw wrongType(`${at}.type`, 'a string', tool.type);
    if (tool.type !== 'function') return [];
    if (tool.strict !== undefined && tool.strict !== null && typeof tool.strict !== 'boolean') throw wrongType(`${at}.strict`, 'a boolean', tool.strict);
    return [functionTool(tool, at, names)];
  });
}

function toolChoice(raw: unknown, tools: readonly ToolSpec[]): ToolChoice {
  if (raw === undefined || raw === null) return tools.length > 0 ? 'auto' : 'none';
  if (typeof raw === 'string') {
    const mode = toolChoiceMode(raw);
    if (mode === 'required' && tools.length === 0) {
      throw invalidParam('tool_choice', `${CALLS_ONLY_FUNCTIONS}, so 'tool_choice' 'required' needs at least one tool of type 'function' in 'tools'.`, 'unsupported_value');
    }
    return mode;
  }
  if (!isObject(raw)) throw wrongType('tool_choice', 'one of a string or an object', raw);
  if (raw.type === undefined || raw.type === null) throw missing('tool_choice.type');
  if (raw.type !== 'function') {
    throw invalidParam('tool_choice.type', `${CALLS_ONLY_FUNCTIONS}: it cannot honour a 'tool_choice' of type '${String(raw.type)}'. Please use 'auto', 'none', 'required' or { type: 'function', name }.`, 'unsupported_value');
  }
  return namedToolChoice(raw.name, 'tool_choice.name', tools);
}

/**
 * Checks `text.format`, `tools` and `tool_choice`, compiling every schema.
 * @throws {ApiError} 400 naming the parameter (for a schema: its path and the place inside it).
 */
export function validateResponsesOutput(body: Record<string, unknown>): ResponsesOutputParams {
  const { format, echoed } = textFormat(body.text);
  const tools = functionTools(body.tools);
  const choice = toolChoice(body.tool_choice, tools);
  const schemaChars = (tools.length > 0 ? JSON.stringify(body.tools).length : 0) + (format.kind === 'json_schema' ? JSON.stringify(echoed).length : 0);
  return { format, echoedFormat: echoed, tools, toolChoice: choice, schemaChars };
}
