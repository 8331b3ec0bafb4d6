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
 * Connects once (no retries) and sends `PING`, all within `timeoutMs` — a port that accepts
 * the connection and never answers counts as unreachable; throws a
 * {@link RedisUnavailableError} naming the URL and the cause when that fails.
 */
export async function probeRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 1, retryStrategy: () => null, enableOfflineQueue: false });
  // The connection's own error says why (ECONNREFUSED, ENOTFOUND); connect() only says "Connection is closed."
  let cause: unknown;
  client.on('error', (error: unknown) => {
    cause ??= error;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to PING within ${timeoutMs / 1000} s (is it a Redis server?)`)), timeoutMs);
  });
  try {
    await Promise.race([(async () => {
      await client.connect();
      await client.ping();
      // A database the server does not have (`/99`) fails here rather than in every worker.
      const db = Number(new URL(url).pathname.slice(1) || 0);
      if (db > 0) await client.select(db);
    })(), deadline]);
  } catch (error) {
    const e = (cause ?? error) as { message?: unknown; code?: unknown };
    const message = typeof e.message === 'string' ? e.message : String(e);
    const code = typeof e.code === 'string' && !message.includes(e.code) ? `${e.code}: ` : '';
    throw new RedisUnavailableError(`cannot reach Redis at ${redactRedisUrl(url)}: ${code}${message}`);
  } finally {
    clearTimeout(timer);
    client.disconnect();
    // disconnect() ends the socket politely; a server that never answers never closes it, which would keep the process alive.
    client.stream?.destroy();
  }
}
