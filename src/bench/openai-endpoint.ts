import OpenAI from 'openai';
import { readRateLimitHeaders } from '../strategies/http/ratelimit-headers.ts';
import { RequestGauge } from './connect.ts';
import type { Endpoint } from './endpoint.ts';
import { answerFailure, connectionCode, connectionFailure, notAnApiAnswer, type EndpointError } from './endpoint-error.ts';
import { FailureTally, type FailureKind } from './failure-tally.ts';
import type { RequestCounts } from './metrics.ts';
import type { RateLimitsSeen } from './results.ts';
import type { OpenAITarget } from './target.ts';

/**
 * What the client saw of one iteration's answers: statuses, `usage` tokens of the
 * successful ones, and the `x-ratelimit-*` headers (limits as last stated, the lowest
 * remaining). A real endpoint tells nothing else, so this is all a row records of it.
 */
export class ClientCounts {
  #counts: RequestCounts = ClientCounts.#zero();
  #seen: RateLimitsSeen = {};

  static #zero(): RequestCounts {
    return { requests: 0, ok: 0, rateLimited: 0, promptTokens: 0, completionTokens: 0 };
  }

  reset(): void {
    this.#counts = ClientCounts.#zero();
    this.#seen = {};
  }

  counts(): RequestCounts {
    return { ...this.#counts };
  }

  seen(): RateLimitsSeen | undefined {
    return Object.keys(this.#seen).length > 0 ? { ...this.#seen } : undefined;
  }

  /** Counts one answer; `usage` is the body's, for a successful one. */
  answered(response: Response, usage: { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined): void {
    const c = this.#counts;
    c.requests++;
    if (response.ok) c.ok++;
    if (response.status === 429) c.rateLimited++;
    if (typeof usage?.prompt_tokens === 'number') c.promptTokens += usage.prompt_tokens;
    if (typeof usage?.completion_tokens === 'number') c.completionTokens += usage.completion_tokens;
    const h = readRateLimitHeaders(response);
    const s = this.#seen;
    if (h.limitRequests !== undefined) s.limitRequests = h.limitRequests;
    if (h.limitTokens !== undefined) s.limitTokens = h.limitTokens;
    if (h.remainingRequests !== undefined) s.minRemainingRequests = Math.min(s.minRemainingRequests ?? Infinity, h.remainingRequests);
    if (h.remainingTokens !== undefined) s.minRemainingTokens = Math.min(s.minRemainingTokens ?? Infinity, h.remainingTokens);
  }
}

type Json = Record<string, unknown>;

/** The path `fetch` was asked for. */
function requestPath(input: Parameters<typeof fetch>[0]): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * The JSON body of a copy of `response` (undefined for a stream, another content type, or
 * JSON that is not an object), or `unreadable` when a JSON body could not be read whole —
 * cut off by a reset, say: a transient failure, not a sign of the wrong server.
 */
async function bodyOf(response: Response): Promise<Json | undefined | 'unreadable'> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return undefined;
  try {
    const value: unknown = await response.clone().json();
    return typeof value === 'object' && value !== null ? (value as Json) : undefined;
  } catch {
    return 'unreadable';
  }
}

/** A string field of the body's `error` object (`code`, `message`), if any. */
const errorField = (body: Json | undefined, field: 'code' | 'message'): string | undefined => {
  const error = body?.error;
  const value = typeof error === 'object' && error !== null ? (error as Json)[field] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** A real endpoint, with the failed answers of the whole run by kind. */
export interface OpenAIEndpoint extends Endpoint {
  failures(): FailureKind[];
}

/**
 * A real OpenAI-compatible endpoint through the openai SDK (retries off: retrying is a
 * row's job). Every answer is counted on the client; the first one that makes the rest
 * pointless (see {@link answerFailure}, {@link connectionFailure}) goes to `onFatal`, which
 * stops the run. The key goes to the SDK and nowhere else.
 */
export function openaiEndpoint(target: OpenAITarget, onFatal: (error: EndpointError) => void): OpenAIEndpoint {
  const gauge = new RequestGauge();
  const counts = new ClientCounts();
  const tally = new FailureTally(target.apiKey());
  const watched: typeof fetch = async (input, init) => {
    let response: Response;
    try {
      response = await globalThis.fetch(input, init);
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      const fatal = connectionFailure(error, target.baseUrl);
      if (fatal) onFatal(fatal);
      else tally.add(connectionCode(error) ?? 'connection failed', undefined);
      throw error;
    }
    const read = await bodyOf(response);
    const body = read === 'unreadable' ? undefined : read;
    counts.answered(response, response.ok ? (body?.usage as Json | undefined) : undefined);
    const code = errorField(body, 'code');
    const fatal = answerFailure(response.status, code, target.baseUrl) ?? (read === 'unreadable' ? null : notAnApiAnswer(requestPath(input), response, body, target.baseUrl));
    if (fatal) onFatal(fatal);
    else if (read === 'unreadable') tally.add(`${response.status} unreadable body`, undefined);
    else if (!response.ok) tally.add(code ? `${response.status} ${code}` : String(response.status), errorField(body, 'message'));
    return response;
  };
  const counted = gauge.wrap(watched);
  const client = new OpenAI({ apiKey: target.apiKey(), baseURL: target.baseUrl, maxRetries: 0, timeout: target.requestTimeoutMs, fetch: counted });
  return {
    client,
    fetch: counted,
    gauge,
    provider: null,
    limits: null,
    reset: () => {
      counts.reset();
      gauge.reset();
    },
    counts: () => counts.counts(),
    rateLimitsSeen: () => counts.seen(),
    failures: () => tally.kinds(),
    close: async () => undefined,
  };
}
