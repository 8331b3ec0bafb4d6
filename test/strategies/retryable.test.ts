import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { AttemptTimeoutError } from '../../src/strategies/attempt-timeout.ts';
import { isRateLimitError, isRetryableError, isTimeoutError, statusOf } from '../../src/strategies/retryable.ts';

const apiError = (status: number): APIError => APIError.generate(status, { error: { message: 'x' } }, undefined, new Headers());

describe('retryable', () => {
  it('statusOf() reads error.status, then error.response.status', () => {
    expect(statusOf(apiError(503))).toBe(503);
    expect(statusOf({ response: { status: 404 } })).toBe(404);
    expect(statusOf(new Error('plain'))).toBeUndefined();
    expect(statusOf({ status: '500' }), 'only integer statuses').toBeUndefined();
  });

  it('isRateLimitError() is true for 429 only', () => {
    expect(isRateLimitError(apiError(429))).toBe(true);
    expect(isRateLimitError(apiError(503))).toBe(false);
  });

  it('isTimeoutError() recognises AttemptTimeoutError, AbortSignal.timeout reasons and openai timeouts, not aborts', () => {
    expect(isTimeoutError(new AttemptTimeoutError(10, 0, 1))).toBe(true);
    expect(isTimeoutError(new DOMException('t', 'TimeoutError'))).toBe(true);
    expect(isTimeoutError(new APIConnectionTimeoutError())).toBe(true);
    expect(isTimeoutError(new DOMException('a', 'AbortError'))).toBe(false);
    expect(isTimeoutError(new APIUserAbortError())).toBe(false);
  });

  it('isRetryableError() retries 408, 409, 429, 5xx and timeouts, never 400/401/403/404/422 or aborts', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504]) expect(isRetryableError(apiError(status)), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryableError(apiError(status)), String(status)).toBe(false);
    expect(isRetryableError(new AttemptTimeoutError(10, 0, 1))).toBe(true);
    expect(isRetryableError(new APIUserAbortError())).toBe(false);
    expect(isRetryableError(new TypeError('bug'))).toBe(false);
  });
});
