/** The server-sent-event stream of a streamed chat completion, paced by the latency plan. */
import { choiceOffset, tokenText } from '../engine/completion-text.ts';
import { chatIdentity, usageBody, type ChatBodyInput } from './openai-bodies.ts';
import { choiceLogprobs, firstDelta, pieceDelta } from './chat-choice-bodies.ts';
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

/** One choice as the stream sends it: its length, its first delta, the delta of each token, its finish. */
interface StreamedChoice {
  tokens: number;
  first: object;
  delta(t: number): object;
  logprobs(t: number): object | null;
  finish: string;
}

const ROLE_DELTA = { role: 'assistant', content: '', refusal: null };

function streamedChoices(input: ChatStreamInput): StreamedChoice[] {
  const choices: StreamedChoice[] = [];
  for (let index = 0; index < input.choices; index++) {
    const { shaped } = input;
    if (shaped === undefined) {
      const offset = choiceOffset(input.id, index);
      choices.push({ tokens: input.outputTokens, first: ROLE_DELTA, delta: (t) => ({ content: tokenText(t, offset) }), logprobs: () => null, finish: input.finishReason });
      continue;
    }
    const out = shaped.outputs[index]!;
    choices.push({
      tokens: out.pieces.length, first: firstDelta(out), delta: (t) => pieceDelta(out, t),
      logprobs: (t) => choiceLogprobs(shaped, index, input.id, t, t + 1), finish: out.finishReason,
    });
  }
  return choices;
}

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
 * order. A shaped choice (tool call, JSON, stop sequence, logprobs) streams its own
 * pieces on the same schedule: a tool call's first delta names it with empty arguments,
 * then each token carries one argument fragment; choices end after their own last piece.
 * Chunks are pushed on the clock's schedule whether or not they are read. The
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
      const choices = streamedChoices(input);
      const send = (index: number, delta: object, logprobs: object | null = null, finish: string | null = null): void => {
        controller.enqueue(chunk([{ index, delta, logprobs, finish_reason: finish }]));
      };
      const length = Math.max(0, ...choices.map((c) => c.tokens));
      const run = async (): Promise<void> => {
        for (let t = 0; t < length; t++) {
          await ticket.waitForToken(t, stop);
          if (t === 0) choices.forEach((c, index) => send(index, c.first));
          choices.forEach((c, index) => {
            if (t < c.tokens) send(index, c.delta(t), c.logprobs(t));
          });
        }
        if (length === 0) {
          await ticket.waitForCompletion(stop);
          choices.forEach((c, index) => send(index, c.first));
        }
        if (input.malformed) {
          controller.enqueue(sseEvent(`{"id":"${id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":`));
        } else {
          choices.forEach((c, index) => send(index, {}, null, c.finish));
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
