/** The `text_completion` bodies of the legacy completions endpoint, whole and as stream chunks. */
import { choiceOffset, completionText, tokenText } from '../engine/completion-text.ts';
import type { FinishReason } from '../engine/request-in-service.ts';
import { CREATED_EPOCH } from './openai-bodies.ts';

/** What a legacy completion is built from. */
export interface CompletionBodyInput {
  id: number;
  model: string;
  createdMs: number;
  prompts: string[];
  /** Choices per prompt. */
  n: number;
  echo: boolean;
  /** Output tokens per choice. */
  outputTokens: number;
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
}

/** The `cmpl-…` id, `created` seconds and `model` shared by the body and every chunk. */
export function completionIdentity(input: CompletionBodyInput) {
  return { id: `cmpl-mock-${input.id}`, object: 'text_completion', created: CREATED_EPOCH + Math.floor(input.createdMs / 1000), model: input.model };
}

/** Number of choices: `n` per prompt, prompt by prompt (choice `i` answers prompt `floor(i / n)`). */
export const choiceCount = (input: CompletionBodyInput): number => input.prompts.length * input.n;

/** What choice `index` starts with: its prompt with `echo`, else nothing. */
export const echoed = (input: CompletionBodyInput, index: number): string => (input.echo ? input.prompts[Math.floor(index / input.n)]! : '');

/** Legacy `usage`: prompt, completion and total tokens. */
export function completionUsage(input: CompletionBodyInput) {
  return { prompt_tokens: input.promptTokens, completion_tokens: input.completionTokens, total_tokens: input.promptTokens + input.completionTokens };
}

/** A `text_completion` object as OpenAI returns it for a non-streamed request. */
export function completionBody(input: CompletionBodyInput) {
  const choices = Array.from({ length: choiceCount(input) }, (_, index) => ({
    text: echoed(input, index) + completionText(input.outputTokens, choiceOffset(input.id, index)),
    index,
    logprobs: null,
    finish_reason: input.finishReason,
  }));
  return { ...completionIdentity(input), choices, usage: completionUsage(input), system_fingerprint: 'fp_mock' };
}

/** Choice `index`'s text for output token `t` in a stream (the echoed prompt rides on the first). */
export const completionChunkText = (input: CompletionBodyInput, index: number, t: number): string => (t === 0 ? echoed(input, index) : '') + tokenText(t, choiceOffset(input.id, index));
