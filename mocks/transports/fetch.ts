/**
 * The `fetch` transport: a `fetch` function that answers through MSW without sockets or
 * global patching.
 */
import { getResponse, type RequestHandler } from 'msw';
import { abortReason } from '../../src/core/index.ts';
import { attachSignal } from '../api/api-request.ts';
import { attachBodyText } from '../api/request-body.ts';
import type { Router } from '../api/router.ts';

/** The base URL the `fetch` transport is documented with (any origin works). */
export const DEFAULT_BASE_URL = 'http://mock-llm.local/v1';

/**
 * The `fetch` transport: a `fetch`-compatible function that runs each request through
 * MSW's `getResponse(handlers, request)` — no global patching, no sockets. Pass it to
 * `new OpenAI({ fetch, baseURL })`. Like `fetch`, it rejects with the signal's reason when
 * the request is aborted before the response is complete (every wait in the provider
 * stops on the signal); relative URLs resolve against `baseURL`. Requests no handler
 * matches (paths outside `/v1/`) go to `unmatched` — the provider's router, which answers
 * and logs them as OpenAI's 404 `Invalid URL`.
 */
export function createFetchTransport(handlers: RequestHandler[], unmatched: Router, baseURL: string = DEFAULT_BASE_URL): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const target = typeof input === 'string' && input.startsWith('/') ? new URL(input, baseURL) : input;
    // The caller's signal goes alongside the Request, not into it (see attachSignal).
    // Without one, a fresh never-aborting signal: one shared by every call would collect
    // every request's abort listener for good (and warn past 10 of them).
    const signal = init?.signal ?? (target instanceof Request ? target.signal : undefined) ?? new AbortController().signal;
    if (signal.aborted) throw abortReason(signal);
    const request = target instanceof Request && init === undefined ? target : new Request(target, { ...init, signal: null });
    attachSignal(request, signal);
    if (typeof init?.body === 'string') attachBodyText(request, init.body);
    const response = (await getResponse(handlers, request)) ?? (await unmatched(request));
    if (signal.aborted) {
      await response.body?.cancel().catch(() => undefined);
      throw abortReason(signal);
    }
    return response;
  };
}
