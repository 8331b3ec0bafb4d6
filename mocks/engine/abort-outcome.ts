/**
 * How a request whose signal aborted is logged: 499 when the client went away, 503 when the
 * `http` transport cut it at the end of a shutdown drain.
 */

/** The abort reason the `http` transport gives requests it cuts when its drain time is up. */
export class ServerShutdownAbort extends DOMException {
  constructor() {
    super('The mock provider is shutting down.', 'AbortError');
  }
}

/** The status and error type to log for a request whose `signal` aborted (`fallback` names a client abort). */
export function abortOutcome(signal: AbortSignal | undefined, fallback = 'client_closed'): { status: number; errorType: string } {
  return signal?.reason instanceof ServerShutdownAbort ? { status: 503, errorType: 'server_shutting_down' } : { status: 499, errorType: fallback };
}
