/**
 * The per-request state the router hands to an endpoint, in a file of its own so endpoints
 * need not import the router.
 */
import type { Endpoint } from '../engine/request-log.ts';
import type { CommonHeaders } from './responses.ts';

/** What the router and an endpoint know about the request being answered. */
export interface RequestContext {
  endpoint: Endpoint;
  model: string | null;
  stream: boolean;
  promptTokens: number;
  /** True once the engine has logged the request (admitted, rejected, or aborted while queued). */
  logged: boolean;
  /** `x-ratelimit-*` as of admission; `null` before it (then the current state is sent). */
  rateLimitHeaders: Record<string, string> | null;
  /** `x-ratelimit-*` (as of now) and `x-request-id`. */
  headers: () => CommonHeaders;
  /** Throws 404 `model_not_found` for ids the provider does not serve. */
  checkModel: (model: string) => void;
  /** True for embedding-only model ids. */
  isEmbeddingModel: (model: string) => boolean;
}
