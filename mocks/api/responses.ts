/** Helpers that build Fetch `Response`s (JSON, text, errors) and read a request body as JSON. */
import { readBodyText } from './request-body.ts';
import type { ApiError } from './errors.ts';
import type { ApiRequest } from './api-request.ts';

/** Headers every response carries besides its own (`x-ratelimit-*`, `x-request-id`). */
export type CommonHeaders = Record<string, string>;

/** A response whose body is `text` labelled as JSON (also used for the deliberately broken bodies). */
export function textResponse(text: string, status: number, headers: CommonHeaders): Response {
  return new Response(text, { status, headers: { ...headers, 'content-type': 'application/json' } });
}

/** A JSON response with `content-type` set and the common headers. */
export function jsonResponse(body: unknown, status: number, headers: CommonHeaders): Response {
  return textResponse(JSON.stringify(body), status, headers);
}

/** An OpenAI-shaped error response, with the error's own headers (e.g. `retry-after-ms`). */
export function errorResponse(error: ApiError, headers: CommonHeaders): Response {
  return jsonResponse(error.toBody(), error.status, { ...headers, ...error.headers });
}

/** Reads a request body as JSON: the parsed value (`undefined` when not valid JSON) and the text. */
export async function readJson(request: ApiRequest): Promise<{ json: unknown; text: string }> {
  const text = await readBodyText(request);
  try {
    return { json: JSON.parse(text) as unknown, text };
  } catch {
    return { json: undefined, text };
  }
}
