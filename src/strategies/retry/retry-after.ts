/** Reading a server's `retry-after-ms` / `retry-after` hint from an error. */
import { headersOf, readHeader } from '../http/response-headers.ts';

/**
 * How long the server asked the client to wait, from the headers carried by `source`
 * (an error or response): `retry-after-ms` (milliseconds, non-standard but sent by
 * OpenAI), else `retry-after` as seconds or as an HTTP date (relative to `nowEpochMs`).
 * Returns `undefined` when there is no usable hint; never negative. The same precedence
 * as openai-node.
 */
export function retryAfterMs(source: unknown, nowEpochMs: number = Date.now()): number | undefined {
  const headers = headersOf(source);
  const ms = parseNumber(readHeader(headers, 'retry-after-ms'));
  if (ms !== undefined) return Math.max(0, ms);
  const raw = readHeader(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const seconds = parseNumber(raw);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowEpochMs);
}

function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}
