/**
 * A bounded check that a Redis URL answers, made before any BullMQ connection (those retry
 * forever, so a wrong or unreachable URL would otherwise hang the run with no word).
 */
import { Redis } from 'ioredis';
import { RedisUnavailableError } from './redis-server.ts';

/** `url` with its password (if any) replaced by `***`, for messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Connects once (no retries, `timeoutMs` to connect) and sends `PING`; throws a
 * {@link RedisUnavailableError} naming the URL and the cause when that fails.
 */
export async function probeRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 1, retryStrategy: () => null, enableOfflineQueue: false });
  // The connection's own error says why (ECONNREFUSED, ENOTFOUND); connect() only says "Connection is closed."
  let cause: unknown;
  client.on('error', (error: unknown) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const e = (cause ?? error) as { message?: unknown; code?: unknown };
    const message = typeof e.message === 'string' ? e.message : String(e);
    const code = typeof e.code === 'string' && !message.includes(e.code) ? `${e.code}: ` : '';
    throw new RedisUnavailableError(`cannot reach Redis at ${redactRedisUrl(url)}: ${code}${message}`);
  } finally {
    client.disconnect();
  }
}
