/** The server-sent-event stream of a streamed chat completion, paced by the latency plan. */
import { tokenText } from '../engine/completion-text.ts';
import { chatIdentity, usageBody, type ChatBodyInput } from './openai-bodies.ts';
import type { Ticket } from '../engine/request-in-service.ts';
import { abortOutcome } from '../engine/abort-outcome.ts';

/** What a streamed chat response is built from. */
export interface ChatStreamInput extends ChatBodyInput {
  /** Send the usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean;
  /** The `malformed` fault: end with an unparseable chunk. */
  malformed: boolean;
}

const encoder = new TextEncoder();

/** One SSE event carrying `data`. */
export function sseEvent(data: string): Uint8Array {
  return encoder.encode(`data: ${data}\n\n`);
}

/**
 * A `text/event-stream` body in OpenAI's exact chunk sequence: role chunk → one content
 * chunk per output token at its planned time → finish chunk → usage chunk
 * (`include_usage`) → `data: [DONE]`. The role chunk goes out with the first token, so a
 * client timing the first event measures time to first token. As OpenAI does, each chunk
 * carries a single choice: with `n > 1` every step is sent once per choice, in `index`
 * order. Chunks are pushed on the clock's schedule whether or not they are read. The
 * ticket is finished (200, or 499 when `signal` aborts or the reader cancels; 503 when a shutdown cuts it); an abort
 * errors the stream with the signal's reason.
 */
export function chatCompletionStream(ticket: Ticket, input: ChatStreamInput, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const { id, created } = chatIdentity(input);
  const usage = input.includeUsage ? { usage: null } : {};
  const chunk = (choices: unknown[], extra: object = usage): Uint8Array =>
    sseEvent(JSON.stringify({ id, object: 'chat.completion.chunk', created, model: input.model, service_tier: 'default', system_fingerprint: 'fp_mock', choices, ...extra }));
  const cancelled = new AbortController();
  const stop = signal === undefined ? cancelled.signal : AbortSignal.any([signal, cancelled.signal]);

  return new ReadableStream<Uint8Array>({
    start(controller) {
      /** Sends `delta` for every choice: one chunk per choice, each carrying that choice alone. */
      const each = (delta: object, finish: string | null = null): void => {
        for (let index = 0; index < input.choices; index++) {
          controller.enqueue(chunk([{ index, delta, logprobs: null, finish_reason: finish }]));
        }
      };
      const run = async (): Promise<void> => {
        for (let t = 0; t < input.outputTokens; t++) {
          await ticket.waitForToken(t, stop);
          if (t === 0) each({ role: 'assistant', content: '', refusal: null });
          each({ content: tokenText(t, input.id) });
        }
        if (input.malformed) {
          controller.enqueue(sseEvent(`{"id":"${id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":`));
        } else {
          each({}, input.finishReason);
          if (input.includeUsage) controller.enqueue(chunk([], { usage: usageBody(input.promptTokens, input.completionTokens) }));
        }
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
        ticket.finish(200, input.malformed ? 'malformed' : null);
        controller.close();
      };
      run().catch((error: unknown) => {
        const { status, errorType } = abortOutcome(signal);
        ticket.finish(status, errorType);
        if (!cancelled.signal.aborted) controller.error(error);
      });
    },
    cancel() {
      cancelled.abort();
    },
  });
}
