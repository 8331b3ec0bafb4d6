/** The typed server-sent events of a streamed Responses API answer, paced by the latency plan. */
import type { Ticket } from '../engine/request-in-service.ts';
import { encodeText, pacedStream } from './paced-stream.ts';
import { outputItem, outputTextPart, responseBody, responseIds, responseText, responseTokenText, type ResponseBodyInput } from './responses-bodies.ts';

/**
 * A `text/event-stream` body in OpenAI's event order, each event with an `event:` line and
 * a `sequence_number` from 0: `response.created`, `response.in_progress`,
 * `response.output_item.added` (and for a message `response.content_part.added`) as service
 * starts; one `response.output_text.delta` per output token at its planned time (for a
 * function call, `response.function_call_arguments.delta`); then `response.output_text.done`
 * and `response.content_part.done` (for a call, `response.function_call_arguments.done`),
 * `response.output_item.done` and `response.completed` with usage (`response.incomplete`
 * when `max_output_tokens` cut the answer). The `malformed` fault ends the stream after the
 * deltas with an unparseable event.
 */
export function responseStream(ticket: Ticket, input: ResponseBodyInput, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const { itemId } = responseIds(input);
  const call = input.shaped?.toolCall ?? null;
  const at = call === null ? { item_id: itemId, output_index: 0, content_index: 0 } : { item_id: itemId, output_index: 0 };
  const [deltaType, doneType] = call === null ? ['response.output_text.delta', 'response.output_text.done'] : ['response.function_call_arguments.delta', 'response.function_call_arguments.done'];
  const textFields = call === null ? { logprobs: [] } : {};
  return pacedStream(ticket, async (send, stop) => {
    let sequence = 0;
    const event = (type: string, fields: object): void => {
      send(encodeText(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...fields })}\n\n`));
    };
    event('response.created', { response: responseBody(input, false) });
    event('response.in_progress', { response: responseBody(input, false) });
    event('response.output_item.added', { output_index: 0, item: outputItem(input, false) });
    if (call === null) event('response.content_part.added', { ...at, part: outputTextPart('') });
    for (let t = 0; t < input.outputTokens; t++) {
      await ticket.waitForToken(t, stop);
      event(deltaType, { ...at, delta: responseTokenText(input, t), ...textFields });
    }
    if (ticket.fault === 'malformed') {
      send(encodeText(`event: ${doneType}\ndata: {"type":"${doneType}","item_id":"${itemId}","text":\n\n`));
      return;
    }
    const text = responseText(input);
    if (call === null) {
      event(doneType, { ...at, text, logprobs: [] });
      event('response.content_part.done', { ...at, part: outputTextPart(text) });
    } else {
      event(doneType, { ...at, name: call.name, arguments: text });
    }
    event('response.output_item.done', { output_index: 0, item: outputItem(input, true) });
    const response = responseBody(input, true);
    event(response.status === 'completed' ? 'response.completed' : 'response.incomplete', { response });
  }, signal);
}
