/** Reading OpenAI-style `x-ratelimit-*` response headers into numbers. */
import { parseDurationMs } from '../../core/duration.ts';
import { headersOf, readHeader } from './response-headers.ts';

/** What OpenAI-style `x-ratelimit-*` headers say; absent or unparsable headers are `undefined`. */
export interface RateLimitHeaders {
  /** `x-ratelimit-limit-requests`: the RPM limit. */
  limitRequests?: number;
  /** `x-ratelimit-limit-tokens`: the TPM limit. */
  limitTokens?: number;
  /** `x-ratelimit-remaining-requests`: requests left in the bucket when the server saw the request. */
  remainingRequests?: number;
  /** `x-ratelimit-remaining-tokens`: tokens left in the bucket when the server saw the request. */
  remainingTokens?: number;
  /** `x-ratelimit-reset-requests` in ms: time until the request bucket is full again. */
  resetRequestsMs?: number;
  /** `x-ratelimit-reset-tokens` in ms: time until the token bucket is full again. */
  resetTokensMs?: number;
}

function count(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

function duration(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseDurationMs(text);
}

/** Reads the `x-ratelimit-*` headers carried by `source` (a response, output or error). */
export function readRateLimitHeaders(source: unknown): RateLimitHeaders {
  const headers = headersOf(source);
  const result: RateLimitHeaders = {};
  if (headers === undefined) return result;
  const set = <K extends keyof RateLimitHeaders>(key: K, value: number | undefined): void => {
    if (value !== undefined) result[key] = value;
  };
  set('limitRequests', count(readHeader(headers, 'x-ratelimit-limit-requests')));
  set('limitTokens', count(readHeader(headers, 'x-ratelimit-limit-tokens')));
  set('remainingRequests', count(readHeader(headers, 'x-ratelimit-remaining-requests')));
  set('remainingTokens', count(readHeader(headers, 'x-ratelimit-remaining-tokens')));
  set('resetRequestsMs', duration(readHeader(headers, 'x-ratelimit-reset-requests')));
  set('resetTokensMs', duration(readHeader(headers, 'x-ratelimit-reset-tokens')));
  return result;
}
