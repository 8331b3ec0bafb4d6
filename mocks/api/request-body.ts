/**
 * Request bodies the transports already hold as text, so the router can skip reading the
 * `Request`'s body stream again (a measurable share of the per-request overhead).
 */
import type { ApiRequest } from './api-request.ts';

const texts = new WeakMap<ApiRequest, string>();

/** Records that `request`'s body is `text` (call before handing the request on). */
export function attachBodyText(request: ApiRequest, text: string): void {
  texts.set(request, text);
}

/** The request body as text: the attached copy if a transport left one, else the stream read. */
export function readBodyText(request: ApiRequest): Promise<string> {
  const text = texts.get(request);
  return text === undefined ? request.text() : Promise.resolve(text);
}
