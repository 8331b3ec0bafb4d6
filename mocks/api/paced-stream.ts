/**
 * The frame of a streamed answer paced by the latency plan: a byte stream that a writer
 * fills on the clock's schedule, and the ticket's single finish whatever happens to it.
 */
import type { Ticket } from '../engine/request-in-service.ts';
import { abortOutcome } from '../engine/abort-outcome.ts';

const encoder = new TextEncoder();

/** Encodes text for a stream. */
export const encodeText = (text: string): Uint8Array => encoder.encode(text);

/** Writes a streamed answer: `send` enqueues bytes, `stop` aborts when the client goes away. */
export type StreamWriter = (send: (bytes: Uint8Array) => void, stop: AbortSignal) => Promise<void>;

/** Headers of a `text/event-stream` answer. */
export const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } as const;

/**
 * A `text/event-stream` body that `write` fills (waiting on the ticket's token times), pushed
 * whether or not it is read. When `write` ends, the ticket is finished 200 (errorType
 * `malformed` for the fault) and the stream closed; when `signal` aborts or the reader
 * cancels, the ticket is finished 499 (503 when a shutdown cuts it) and an abort errors the
 * stream with the signal's reason.
 */
export function pacedStream(ticket: Ticket, write: StreamWriter, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const cancelled = new AbortController();
  const stop = signal === undefined ? cancelled.signal : AbortSignal.any([signal, cancelled.signal]);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      write((bytes) => controller.enqueue(bytes), stop).then(
        () => {
          // The reader may have cancelled after the last write: then the answer was not delivered.
          if (cancelled.signal.aborted) {
            const { status, errorType } = abortOutcome(cancelled.signal);
            ticket.finish(status, errorType);
            return;
          }
          ticket.finish(200, ticket.fault === 'malformed' ? 'malformed' : null);
          controller.close();
        },
        (error: unknown) => {
          const { status, errorType } = abortOutcome(signal);
          ticket.finish(status, errorType);
          if (!cancelled.signal.aborted) controller.error(error);
        },
      );
    },
    cancel() {
      cancelled.abort();
    },
  });
}
