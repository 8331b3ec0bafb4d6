/** The typed server-sent events of a streamed Responses API answer, paced by the latency plan. */
import type { Ticket } from '../engine/request-in-service.ts';
import { encodeText, pacedStream } from './paced-stream.ts';
import { messageItem, outputTextPart, responseBody, responseIds, responseText, responseTokenText, type ResponseBodyInput } from './responses-bodies.ts';

/**
 * A `text/event-stream` body in OpenAI's event order, each event with an `event:` line and
 * a `sequence_number` from 0: `response.created`, `response.in_progress`,
 * `response.output_item.added` and `response.content_part.added` as service starts; one
 * `response.output_text.delta` per output token at its planned time; then
 * `response.output_text.done`, `response.content_part.done`, `response.output_item.done` and
 * `response.completed` with usage (`response.incomplete` when `max_output_tokens` cut the
 * answer). The `malformed` fault ends the stream after the deltas with an unparseable event.
 */
export function responseStream(ticket: Ticket, input: ResponseBodyInput, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const { messageId } = responseIds(input);
  const at = { item_id: messageId, output_index: 0, content_index: 0 };
  return pacedStream(ticket, async (send, stop) => {
    let sequence = 0;
    const event = (type: string, fields: object): void => {
      send(encodeText(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...fields })}\n\n`));
    };
    event('response.created', { response: responseBody(input, false) });
    event('response.in_progress', { response: responseBody(input, false) });
    event('response.output_item.added', { output_index: 0, item: messageItem(input, false) });
    event('response.content_part.added', { ...at, part: outputTextPart('') });
    for (let t = 0; t < input.outputTokens; t++) {
      await ticket.waitForToken(t, stop);
      event('response.output_text.delta', { ...at, delta: responseTokenText(input, t), logprobs: [] });
    }
    if (ticket.fault === 'malformed') {
      send(encodeText(`event: response.output_text.done\ndata: {"type":"response.output_text.done","item_id":"${messageId}","text":\n\n`));
      return;
    }
    const text = responseText(input);
    event('response.output_text.done', { ...at, text, logprobs: [] });
    event('response.content_part.done', { ...at, part: outputTextPart(text) });
    event('response.output_item.done', { output_index: 0, item: messageItem(input, true) });
    const response = responseBody(input, true);
    event(response.status === 'completed' ? 'response.completed' : 'response.incomplete', { response });
  }, signal);
}
