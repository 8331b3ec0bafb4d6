/**
 * The message, stream deltas and `logprobs` of shaped choices (tool calls, JSON content,
 * text cut at a stop sequence, log probabilities), in OpenAI's shapes.
 */
import type { ChoiceOutput } from '../engine/chat-output.ts';
import { tokenLogprob, type TokenLogprob } from '../engine/token-logprobs.ts';

/** Shaped choices and how to report their log probabilities. */
export interface ShapedChoices {
  outputs: readonly ChoiceOutput[];
  /** `top_logprobs` when `logprobs: true`, else `null`. */
  topLogprobs: number | null;
}

/** The `logprobs` object of a whole choice (`null` unless requested, and for tool calls). */
export function choiceLogprobs(shaped: ShapedChoices, index: number, id: number, from = 0, to?: number): { content: TokenLogprob[]; refusal: null } | null {
  const out = shaped.outputs[index]!;
  if (shaped.topLogprobs === null || out.toolCall !== null) return null;
  const end = to ?? out.pieces.length;
  const content: TokenLogprob[] = [];
  for (let t = from; t < end; t++) content.push(tokenLogprob(out.pieces[t]!, t, `${id}/${index}`, shaped.topLogprobs));
  return { content, refusal: null };
}

/** The assistant `message` of a non-streamed shaped choice. */
export function shapedMessage(out: ChoiceOutput) {
  const text = out.pieces.join('');
  if (out.toolCall === null) return { role: 'assistant', content: text, refusal: null, annotations: [] };
  return {
    role: 'assistant', content: null, refusal: null, annotations: [],
    tool_calls: [{ id: out.toolCall.id, type: 'function', function: { name: out.toolCall.name, arguments: text } }],
  };
}

/** The first delta of a streamed shaped choice: the role, and for a tool call its id and name with empty arguments. */
export function firstDelta(out: ChoiceOutput): object {
  if (out.toolCall === null) return { role: 'assistant', content: '', refusal: null };
  return { role: 'assistant', content: null, refusal: null, tool_calls: [{ index: 0, id: out.toolCall.id, type: 'function', function: { name: out.toolCall.name, arguments: '' } }] };
}

/** The delta carrying piece `t`: content text, or a fragment of the tool call's arguments. */
export function pieceDelta(out: ChoiceOutput, t: number): object {
  const piece = out.pieces[t]!;
  return out.toolCall === null ? { content: piece } : { tool_calls: [{ index: 0, function: { arguments: piece } }] };
}
