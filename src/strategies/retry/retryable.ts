/**
 * Classifying task errors the way HTTP clients do, without importing one: status codes
 * come from `error.status` (openai SDK `APIError`, fetch-style errors) or
 * `error.response.status`.
 */

/** HTTP status carried by `error` (`error.status`, else `error.response.status`), if any. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, response } = error as { status?: unknown; response?: unknown };
  if (typeof status === 'number' && Number.isInteger(status)) return status;
  if (typeof response === 'object' && response !== null) {
    const inner = (response as { status?: unknown }).status;
    if (typeof inner === 'number' && Number.isInteger(inner)) return inner;
  }
  return undefined;
}

/** True for a 429 Too Many Requests (`error.status === 429`). */
export function isRateLimitError(error: unknown): boolean {
  return statusOf(error) === 429;
}

/** Reads `code` or `type` off an object, if it is a string. */
function codesOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const { code, type } = value as { code?: unknown; type?: unknown };
  return [code, type].filter((v): v is string => typeof v === 'string');
}

/**
 * True for OpenAI's permanent 429 `insufficient_quota` (the account is out of credit): the
 * code or type on the error itself (openai SDK `APIError.code` / `.type`) or in the
 * response body's `error` object (`APIError.error`). Retrying it cannot succeed.
 */
export function isQuotaExhaustedError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const body = (error as { error?: unknown }).error;
  return [...codesOf(error), ...codesOf(body)].includes('insufficient_quota');
}

/**
 * True for a client-side timeout: an error named `TimeoutError` (`AbortSignal.timeout`,
 * {@link AttemptTimeoutError}) or openai's `APIConnectionTimeoutError`. A plain abort
 * (`AbortError`) is not a timeout.
 */
export function isTimeoutError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'TimeoutError' || error.constructor.name === 'APIConnectionTimeoutError';
}

/**
 * The default retry policy: 408, 409, 429 and 5xx responses and client-side timeouts are
 * transient; everything else — 400, 401, 403, 404, 422, an `insufficient_quota` 429
 * ({@link isQuotaExhaustedError}), aborts, bugs — is not.
 */
export function isRetryableError(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) {
    if (status === 429) return !isQuotaExhaustedError(error);
    return status === 408 || status === 409 || (status >= 500 && status <= 599);
  }
  return isTimeoutError(error);
}
