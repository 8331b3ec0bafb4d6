/**
 * Decides whether a validated chat request needs shaped output (tools, `response_format`,
 * `stop`, `logprobs`) and builds the engine hook that shapes it. Plain requests take none,
 * so their path and cost stay what they were.
 */
import { CHARS_PER_TOKEN } from '../engine/tokens.ts';
import { shapingHook, type ChatOutputSpec } from '../engine/chat-output.ts';
import type { OutputShaper } from '../engine/output-shape.ts';
import type { ChatRequest } from './request-validation.ts';
import type { ShapedChoices } from './chat-choice-bodies.ts';
import { validateSamplingParams } from './chat-sampling-params.ts';
import { validateOutputParams } from './chat-output-params.ts';
import { checkToolMessages, mentionsJson } from './chat-tool-messages.ts';

/** The shaping of one request: the hook to pass the engine (or `null`) and, after admission, its result. */
export interface ChatShaping {
  shaper: OutputShaper | null;
  /** Prompt tokens of the tool definitions and response schema. */
  extraPromptTokens: number;
  /** The shaped choices once the engine has called the hook (`undefined` for plain requests). */
  result(): ShapedChoices | undefined;
}

/**
 * Validates the chat parameters beyond the basics and returns the request's shaping.
 * @throws {ApiError} 400 naming the parameter at fault.
 */
export function chatShaping(body: Record<string, unknown>, chat: ChatRequest): ChatShaping {
  const messages = chat.messages as unknown as ReadonlyArray<Record<string, unknown>>;
  const afterToolResult = checkToolMessages(messages);
  const sampling = validateSamplingParams(body);
  const output = validateOutputParams(body, () => mentionsJson(messages));
  const extraPromptTokens = Math.ceil(output.schemaChars / CHARS_PER_TOKEN);
  const plain = output.tools.length === 0 && output.format.kind === 'text' && output.stop.length === 0 && !sampling.logprobs;
  if (plain) return { shaper: null, extraPromptTokens, result: () => undefined };
  const spec: ChatOutputSpec = {
    tools: output.tools, toolChoice: output.toolChoice, afterToolResult,
    format: output.format, stop: output.stop, maxTokens: chat.maxTokens,
  };
  const hook = shapingHook(spec, chat.n);
  const topLogprobs = sampling.logprobs ? sampling.topLogprobs : null;
  return {
    shaper: hook.shaper,
    extraPromptTokens,
    result: () => {
      const outputs = hook.outputs();
      return outputs === undefined ? undefined : { outputs, topLogprobs };
    },
  };
}
