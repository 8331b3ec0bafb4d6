/**
 * The JSON bodies of successful answers, in the shapes OpenAI returns (chat completion,
 * embeddings, models).
 */
import { createRng, hashString } from '../../src/core/index.ts';
import { choiceOffset, completionText } from '../engine/completion-text.ts';
import { choiceLogprobs, shapedMessage, type ShapedChoices } from './chat-choice-bodies.ts';
import type { FinishReason } from '../engine/request-in-service.ts';

/** Fixed base for `created` timestamps (seconds), plus clock seconds: bodies stay deterministic. */
export const CREATED_EPOCH = 1_700_000_000;

/** Token counts as OpenAI's `usage` object reports them. */
export function usageBody(promptTokens: number, completionTokens: number) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** What a chat response body is built from. */
export interface ChatBodyInput {
  id: number;
  model: string;
  createdMs: number;
  choices: number;
  outputTokens: number;
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
  /** Tool calls, JSON, stop sequences or logprobs: each choice as shaped (else filler text of `outputTokens`). */
  shaped?: ShapedChoices;
}

/** `chatcmpl-…` id and `created` seconds shared by the JSON body and every stream chunk. */
export function chatIdentity(input: Pick<ChatBodyInput, 'id' | 'createdMs'>): { id: string; created: number } {
  return { id: `chatcmpl-mock-${input.id}`, created: CREATED_EPOCH + Math.floor(input.createdMs / 1000) };
}

/** A `chat.completion` object as OpenAI returns it for a non-streamed request. */
export function chatCompletionBody(input: ChatBodyInput) {
  const { shaped } = input;
  const choices = [];
  for (let index = 0; index < input.choices; index++) {
    if (shaped !== undefined) {
      const out = shaped.outputs[index]!;
      choices.push({ index, message: shapedMessage(out), logprobs: choiceLogprobs(shaped, index, input.id), finish_reason: out.finishReason });
      continue;
    }
    const content = completionText(input.outputTokens, choiceOffset(input.id, index));
    choices.push({ index, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: input.finishReason });
  }
  return {
    ...chatIdentity(input),
    object: 'chat.completion',
    model: input.model,
    choices,
    usage: usageBody(input.promptTokens, input.completionTokens),
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  };
}

/** The first bytes of a chat completion, cut off: the `malformed` fault's body. */
export function malformedBody(input: ChatBodyInput): string {
  const full = JSON.stringify(chatCompletionBody(input));
  return full.slice(0, Math.floor(full.length / 2));
}

/** A deterministic unit vector for an input (same input, same vector). */
export function embeddingVector(input: string | number[], dimensions: number, seed: number): Float32Array {
  const rng = createRng(seed, hashString(typeof input === 'string' ? input : input.join(',')));
  const v = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    const x = rng.next() * 2 - 1;
    v[i] = x;
    norm += x * x;
  }
  const scale = 1 / Math.sqrt(norm || 1);
  for (let i = 0; i < dimensions; i++) v[i] = v[i]! * scale;
  return v;
}

/** An embeddings `list` body; `base64` packs little-endian float32s as the SDK expects by default. */
export function embeddingsBody(model: string, vectors: Float32Array[], encoding: 'float' | 'base64', promptTokens: number) {
  return {
    object: 'list',
    data: vectors.map((v, index) => ({
      object: 'embedding',
      index,
      embedding: encoding === 'base64' ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : Array.from(v),
    })),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

/** One entry of `GET /v1/models`. */
export function modelBody(id: string) {
  return { id, object: 'model', created: CREATED_EPOCH, owned_by: id.startsWith('gpt-') || id.startsWith('text-') ? 'system' : 'mock' };
}

/** The `GET /v1/models` list. */
export function modelsBody(ids: readonly string[]) {
  return { object: 'list', data: ids.map(modelBody) };
}
