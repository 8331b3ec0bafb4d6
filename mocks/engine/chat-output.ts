/**
 * What each choice of a chat completion says when the request asks for more than filler
 * text: a tool call whose arguments fit the function's schema, JSON content (any object, or
 * one valid for a schema), or filler text cut at a stop sequence. Every choice is a list of
 * token pieces, so a body, a stream and `usage` all agree on the same tokens.
 */
import type { Rng } from '../../src/core/index.ts';
import { choiceOffset, tokenText } from './completion-text.ts';
import { compileJsonSchema, type JsonSchemaSampler } from './json-schema-sample.ts';
import type { DrawnOutput, OutputShaper, ShapedOutput } from './output-shape.ts';

/** A function the model may call, with the sampler of its `parameters`. */
export interface ToolSpec {
  name: string;
  parameters: JsonSchemaSampler;
}

/** `tool_choice`: a mode, or a named function that must be called. */
export type ToolChoice = 'none' | 'auto' | 'required' | { name: string };

/** `response_format`: plain text, any JSON object, or JSON for a schema. */
export type ContentFormat = { kind: 'text' } | { kind: 'json_object' } | { kind: 'json_schema'; schema: JsonSchemaSampler };

/** Everything about a chat request that decides its choices' content. */
export interface ChatOutputSpec {
  tools: readonly ToolSpec[];
  toolChoice: ToolChoice;
  /** The last message is a tool result: `auto` answers in text. */
  afterToolResult: boolean;
  format: ContentFormat;
  /** Stop sequences (content is cut before the first one). */
  stop: readonly string[];
  /** Output cap per choice (`max_tokens`), `null` if none. */
  maxTokens: number | null;
}

/** Why a shaped choice ended. */
export type ChoiceFinish = 'stop' | 'length' | 'tool_calls';

/** One choice's output: content pieces, or the argument pieces of a single tool call. */
export interface ChoiceOutput {
  /** `null` for content; the call's id and function name for a tool call. */
  toolCall: { id: string; name: string } | null;
  /** One string per output token (content text, or tool-call argument fragments). */
  pieces: string[];
  finishReason: ChoiceFinish;
}

/** Characters per token of generated JSON (the prompt estimate's ratio). */
const JSON_CHARS_PER_TOKEN = 4;
/** The shape of a `json_object` answer. */
export const JSON_OBJECT_SHAPE = {
  type: 'object',
  properties: { answer: { type: 'string', minLength: 8, maxLength: 40 }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
  required: ['answer', 'confidence'],
  additionalProperties: false,
} as const;
const JSON_OBJECT_SAMPLER = compileJsonSchema(JSON_OBJECT_SHAPE);

/** Splits generated JSON into token-sized pieces. */
function jsonPieces(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += JSON_CHARS_PER_TOKEN) pieces.push(text.slice(i, i + JSON_CHARS_PER_TOKEN));
  return pieces;
}

/** Whether this choice calls a tool: forced by `tool_choice`, or (for `auto`) a seeded coin flip. */
function pickTool(spec: ChatOutputSpec, rng: Rng): ToolSpec | null {
  const { tools, toolChoice } = spec;
  if (tools.length === 0 || toolChoice === 'none') return null;
  if (typeof toolChoice === 'object') return tools.find((t) => t.name === toolChoice.name) ?? null;
  if (toolChoice === 'auto' && (spec.afterToolResult || rng.next() < 0.5)) return null;
  return tools[rng.int(0, tools.length - 1)]!;
}

const CALL_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const callId = (rng: Rng): string => `call_${Array.from({ length: 24 }, () => CALL_ID_CHARS[rng.int(0, CALL_ID_CHARS.length - 1)]).join('')}`;

/**
 * Cuts `pieces` before the first occurrence of any stop sequence in their joined text
 * (the sequence itself is not returned); `null` when none occurs.
 */
export function cutAtStop(pieces: readonly string[], stop: readonly string[]): string[] | null {
  const text = pieces.join('');
  let cut = -1;
  for (const s of stop) {
    const at = text.indexOf(s);
    if (at !== -1 && (cut === -1 || at < cut)) cut = at;
  }
  if (cut === -1) return null;
  const kept: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (length >= cut) break;
    kept.push(piece.slice(0, cut - length));
    length += piece.length;
  }
  return kept;
}

/** Content pieces capped at `max_tokens` and cut at a stop sequence. */
function contentOutput(pieces: string[], capped: boolean, spec: ChatOutputSpec): ChoiceOutput {
  let finishReason: ChoiceFinish = capped ? 'length' : 'stop';
  if (spec.maxTokens !== null && pieces.length > spec.maxTokens) {
    pieces = pieces.slice(0, spec.maxTokens);
    finishReason = 'length';
  }
  const cut = cutAtStop(pieces, spec.stop);
  return cut === null ? { toolCall: null, pieces, finishReason } : { toolCall: null, pieces: cut, finishReason: 'stop' };
}

/** The output of choice `index` of a request whose drawn filler length is `drawn.outputTokens`. */
export function choiceOutput(spec: ChatOutputSpec, drawn: DrawnOutput, index: number): ChoiceOutput {
  const rng = drawn.rngFor(index);
  const tool = pickTool(spec, rng);
  if (tool !== null) {
    let pieces = jsonPieces(JSON.stringify(tool.parameters.sample(rng)));
    const capped = spec.maxTokens !== null && pieces.length > spec.maxTokens;
    if (capped) pieces = pieces.slice(0, spec.maxTokens!);
    return { toolCall: { id: callId(rng), name: tool.name }, pieces, finishReason: capped ? 'length' : 'tool_calls' };
  }
  const { format } = spec;
  if (format.kind === 'text') {
    const offset = choiceOffset(drawn.id, index);
    const pieces = Array.from({ length: drawn.outputTokens }, (_, t) => tokenText(t, offset));
    return contentOutput(pieces, drawn.finishReason === 'length', spec);
  }
  const value = format.kind === 'json_schema' ? format.schema.sample(rng) : JSON_OBJECT_SAMPLER.sample(rng);
  return contentOutput(jsonPieces(JSON.stringify(value)), false, spec);
}

/** Every choice's output, and the lengths the engine plans and reports for them. */
export function shapeChoices(spec: ChatOutputSpec, drawn: DrawnOutput, choices: number): { outputs: ChoiceOutput[]; lengths: ShapedOutput } {
  const outputs = Array.from({ length: choices }, (_, i) => choiceOutput(spec, drawn, i));
  const lengths = outputs.map((o) => o.pieces.length);
  return { outputs, lengths: { outputTokens: Math.max(0, ...lengths), completionTokens: lengths.reduce((a, b) => a + b, 0) } };
}

/** The engine hook that shapes a request's `choices` outputs by `spec`, and those outputs once it has run. */
export function shapingHook(spec: ChatOutputSpec, choices: number): { shaper: OutputShaper; outputs(): readonly ChoiceOutput[] | undefined } {
  let outputs: ChoiceOutput[] | undefined;
  return {
    shaper: (drawn) => {
      const shaped = shapeChoices(spec, drawn, choices);
      outputs = shaped.outputs;
      return shaped.lengths;
    },
    outputs: () => outputs,
  };
}
