/** The server-sent-event stream of a streamed legacy completion, paced by the latency plan. */
import type { Ticket } from '../engine/request-in-service.ts';
import { choiceCount, completionChunkText, completionIdentity, completionUsage, type CompletionBodyInput } from './completions-bodies.ts';
import { encodeText, pacedStream } from './paced-stream.ts';

/** What a streamed completion is built from. */
export interface CompletionStreamInput extends CompletionBodyInput {
  /** Send the usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean;
}

/**
 * A `text/event-stream` body in OpenAI's chunk format for `v1/completions`: per output token,
 * one `text_completion` chunk per choice (in `index` order) at the token's planned time; then
 * a chunk per choice with empty text and its `finish_reason`; then the usage chunk
 * (`include_usage`, no choices); then `data: [DONE]`. The `malformed` fault ends the stream
 * with an unparseable chunk before `[DONE]`.
 */
export function completionStream(ticket: Ticket, input: CompletionStreamInput, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const identity = completionIdentity(input);
  const usage = input.includeUsage ? { usage: null } : {};
  const chunk = (choices: unknown[], extra: object = usage): Uint8Array => encodeText(`data: ${JSON.stringify({ ...identity, choices, ...extra })}\n\n`);
  const choices = choiceCount(input);
  return pacedStream(ticket, async (send, stop) => {
    for (let t = 0; t < input.outputTokens; t++) {
      await ticket.waitForToken(t, stop);
      for (let index = 0; index < choices; index++) send(chunk([{ text: completionChunkText(input, index, t), index, logprobs: null, finish_reason: null }]));
    }
    await ticket.waitForCompletion(stop);
    if (ticket.fault === 'malformed') {
      send(encodeText(`data: {"id":"${identity.id}","object":"text_completion","choices":[{"index":0,"text":\n\n`));
    } else {
      for (let index = 0; index < choices; index++) send(chunk([{ text: '', index, logprobs: null, finish_reason: input.finishReason }]));
      if (input.includeUsage) send(chunk([], { usage: completionUsage(input) }));
    }
    send(encodeText('data: [DONE]\n\n'));
  }, signal);
}
