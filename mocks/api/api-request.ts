/**
 * The request the router answers: the part of a Fetch `Request` it reads. MSW and the `fetch`
 * transport hand it real `Request`s; the `http` transport hands it a plain object, because
 * every Fetch `Request` and its signal outlive a young-generation collection, and under load
 * their promotion grows the heap by tens of megabytes between full collections.
 */
export interface ApiRequest {
  /** The absolute URL. */
  readonly url: string;
  /** `GET`, `POST`, … */
  readonly method: string;
  /** Header lookup by name (case-insensitive), `null` if absent. */
  readonly headers: { get(name: string): string | null };
  /** Aborts when the client goes away (or a shutdown cuts the request). */
  readonly signal: AbortSignal;
  /** The body as text. */
  text(): Promise<string>;
}

const callerSignals = new WeakMap<object, AbortSignal>();

/**
 * Records the caller's signal for a `Request` built without one. A Fetch `Request` made
 * with a signal stays registered with the runtime's finalizer until it is collected — a
 * few hundred bytes per request that a long run under the virtual clock piles up — so the
 * `fetch` transport passes the caller's signal on this way instead.
 */
export function attachSignal(request: object, signal: AbortSignal): void {
  callerSignals.set(request, signal);
}

/** The signal that aborts when `request`'s client goes away. */
export function signalOf(request: ApiRequest): AbortSignal {
  return callerSignals.get(request) ?? request.signal;
}
