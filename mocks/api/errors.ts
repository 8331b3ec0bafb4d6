/** The mock API's error answers, each worded and shaped as OpenAI's. */
import { formatGoDuration } from '../../src/core/index.ts';
import type { RateLimitRejection } from '../engine/rate-limiter.ts';

/** OpenAI's error body: `{ "error": { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/**
 * An error answer of the mock API, carrying its HTTP status, OpenAI's error fields and
 * any extra headers. Handlers throw it; the router turns it into a JSON response.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status. */
    readonly status: number,
    message: string,
    /** OpenAI error `type`, e.g. `invalid_request_error`. */
    readonly type: string,
    /** The request parameter at fault, if any. */
    readonly param: string | null = null,
    /** OpenAI error `code`, e.g. `model_not_found`. */
    readonly code: string | null = null,
    /** Extra response headers (e.g. `retry-after-ms`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The JSON body OpenAI would send. */
  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

const INVALID = 'invalid_request_error';

/** 400: the body is not valid JSON. */
export const invalidJson = (): ApiError =>
  new ApiError(400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)", INVALID);

/** 400: a parameter is missing or has the wrong type. */
export const invalidParam = (param: string, message: string, code: string | null = null): ApiError => new ApiError(400, message, INVALID, param, code);

/** 400: a value in the body is nested too deeply to process. */
export const nestedTooDeeply = (): ApiError =>
  new ApiError(400, 'The request body is nested too deeply. Please send a flatter JSON body.', INVALID, null, 'invalid_value');

/** `work()`, with the stack overflow a value nested thousands of levels deep causes turned into {@link nestedTooDeeply}. */
export function withinNesting<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError && error.message.includes('call stack')) throw nestedTooDeeply();
    throw error;
  }
}

/** 413: the body is larger than the server accepts. */
export const bodyTooLarge = (limitBytes: number): ApiError =>
  new ApiError(413, `Request body too large: the limit is ${limitBytes} bytes. Please send a smaller request.`, INVALID, null, 'request_too_large');

/** 503: the `http` transport is shutting down and cut the request (or refused a new one) after its drain. */
export const serverShuttingDown = (): ApiError =>
  new ApiError(503, 'The server is shutting down and could not finish your request. Please retry it.', 'server_error', null, 'server_shutting_down');

/** 404: the model id is not served. */
export const modelNotFound = (model: string): ApiError =>
  new ApiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, INVALID, 'model', 'model_not_found');

/** 404: an embedding model was sent to the chat endpoint. */
export const notAChatModel = (model: string): ApiError =>
  new ApiError(404, `This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions? (model: ${model})`, INVALID, 'model', 'model_not_found');

/** 404: a model that is not an embedding model was sent to the embeddings endpoint (the converse of {@link notAChatModel}). */
export const notAnEmbeddingModel = (model: string): ApiError =>
  new ApiError(404, `This is not an embedding model and thus not supported in the v1/embeddings endpoint. (model: ${model})`, INVALID, 'model', 'model_not_found');

/** 404: an embedding model was sent to a text endpoint other than chat (`v1/responses`, `v1/completions`). */
export const notATextModel = (model: string, endpoint: string): ApiError =>
  new ApiError(404, `This is an embedding model and thus not supported in the ${endpoint} endpoint. Did you mean to use v1/embeddings? (model: ${model})`, INVALID, 'model', 'model_not_found');

/** 404: no such route. */
export const invalidUrl = (method: string, path: string): ApiError => new ApiError(404, `Invalid URL (${method} ${path})`, INVALID);

/** 401: no API key sent while one is required. */
export const missingApiKey = (): ApiError =>
  new ApiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", INVALID);

/** 401: a wrong API key (shown masked, as OpenAI does). */
export const invalidApiKey = (key: string): ApiError => {
  const masked = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(Math.min(20, key.length - 7))}${key.slice(-4)}` : '*'.repeat(key.length);
  return new ApiError(401, `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`, INVALID, null, 'invalid_api_key');
};

const LIMIT_NAMES = { requests: 'requests per min (RPM)', tokens: 'tokens per min (TPM)' } as const;

/**
 * 429 for an RPM/TPM limit, exactly as OpenAI words it, with `retry-after-ms` and
 * `retry-after` (whole seconds, rounded up) equal to the bucket's refill time. A request
 * larger than the bucket gets OpenAI's "Request too large" message and no retry headers.
 */
export function rateLimited(model: string, r: RateLimitRejection): ApiError {
  const where = `Rate limit reached for ${model} in organization org-mock on ${LIMIT_NAMES[r.kind]}`;
  if (r.retryAfterMs === null) {
    return new ApiError(429, `Request too large for ${model} in organization org-mock on ${LIMIT_NAMES[r.kind]}: Limit ${r.limit}, Requested ${r.requested}. The input or output tokens must be reduced in order to run successfully. Visit https://platform.openai.com/account/rate-limits to learn more.`, r.kind, null, 'rate_limit_exceeded');
  }
  const message = `${where}: Limit ${r.limit}, Used ${r.used}, Requested ${r.requested}. Please try again in ${formatGoDuration(r.retryAfterMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  return new ApiError(429, message, r.kind, null, 'rate_limit_exceeded', {
    'retry-after-ms': String(r.retryAfterMs),
    'retry-after': String(Math.ceil(r.retryAfterMs / 1000)),
  });
}

/** 429 when `maxInFlight` requests are already in flight (mode `reject`); no retry hint. */
export const tooManyInFlight = (limit: number): ApiError =>
  new ApiError(429, `Too many concurrent requests: Limit ${limit} in flight. Please try again once a request has finished.`, 'requests', null, 'concurrency_limit_exceeded');

/** The injected 5xx faults, with the messages OpenAI sends for each. */
export function serverFault(status: 500 | 502 | 503): ApiError {
  switch (status) {
    case 500:
      return new ApiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error');
    case 502:
      return new ApiError(502, 'Bad gateway.', 'server_error', null, 'bad_gateway');
    case 503:
      return new ApiError(503, 'The engine is currently overloaded, please try again later.', 'server_error', null, 'engine_overloaded');
  }
}
