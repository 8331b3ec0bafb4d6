/** Unit tests of the retryable-error classification. */
import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { AttemptTimeoutError } from '../../../src/strategies/retry/attempt-timeout.ts';
import { isQuotaExhaustedError, isRateLimitError, isRetryableError, isTimeoutError, statusOf } from '../../../src/strategies/retry/retryable.ts';

const apiError = (status: number): APIError => APIError.generate(status, { error: { message: 'x' } }, undefined, new Headers());
/** OpenAI's permanent 429, exactly as the openai SDK builds it from the response body. */
const quotaError = (): APIError =>
  APIError.generate(429, { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } }, undefined, new Headers());

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

  it('isQuotaExhaustedError() recognises insufficient_quota on the SDK error, in its body error, or as a plain code', () => {
    const sdk = quotaError();
    expect(sdk.code).toBe('insufficient_quota');
    expect(isQuotaExhaustedError(sdk)).toBe(true);
    expect(isQuotaExhaustedError({ status: 429, error: { code: 'insufficient_quota' } }), 'body error.code').toBe(true);
    expect(isQuotaExhaustedError(Object.assign(new Error('429'), { status: 429, code: 'insufficient_quota' }))).toBe(true);
    expect(isQuotaExhaustedError(APIError.generate(429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, undefined, new Headers()))).toBe(false);
    expect(isQuotaExhaustedError(apiError(429))).toBe(false);
    expect(isQuotaExhaustedError(null)).toBe(false);
  });

  it('isRetryableError() never retries an insufficient_quota 429', () => {
    expect(isRetryableError(quotaError())).toBe(false);
    expect(isRetryableError({ status: 429, error: { code: 'insufficient_quota' } })).toBe(false);
    expect(isRateLimitError(quotaError()), 'still a 429').toBe(true);
  });
});
