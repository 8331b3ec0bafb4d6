/**
 * The request router behind every transport: authentication, routing to the endpoints and
 * the log entry of every answer.
 */
import { isAbortError } from '../../src/core/index.ts';
import { chatEndpoint } from './chat-endpoint.ts';
import { embeddingsEndpoint } from './embeddings-endpoint.ts';
import { responsesEndpoint } from './responses-endpoint.ts';
import { completionsEndpoint } from './completions-endpoint.ts';
import type { Engine } from '../engine/engine.ts';
import { ApiError, invalidApiKey, invalidUrl, missingApiKey, modelNotFound } from './errors.ts';
import { isEmbeddingModel } from '../engine/models.ts';
import { modelBody, modelsBody } from './openai-bodies.ts';
import type { Endpoint } from '../engine/request-log.ts';
import type { RequestContext } from './request-context.ts';
import { abortOutcome } from '../engine/abort-outcome.ts';
import { signalOf, type ApiRequest } from './api-request.ts';
import { errorResponse, jsonResponse } from './responses.ts';

/** Answers one Fetch `Request` as the OpenAI API would; never rejects. */
export type Router = (request: ApiRequest) => Promise<Response>;

/** The part of the path after `/v1` (e.g. `/chat/completions`), or `null` without `/v1/`. */
export function apiPath(pathname: string): string | null {
  const at = pathname.indexOf('/v1/');
  if (at < 0) return null;
  const rest = pathname.slice(at + 3);
  return rest.length > 1 && rest.endsWith('/') ? rest.slice(0, -1) : rest;
}

function endpointOf(path: string | null): Endpoint {
  if (path === '/chat/completions') return 'chat';
  if (path === '/embeddings') return 'embeddings';
  if (path === '/responses') return 'responses';
  if (path === '/completions') return 'completions';
  if (path !== null && (path === '/models' || path.startsWith('/models/'))) return 'models';
  return 'other';
}

/**
 * The percent-decoded model id from a path; the raw text when it is not valid
 * percent-encoding (`%E0%A4%A`), which then gets a 404 like any unknown id.
 */
function decodeModelId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function checkAuth(request: ApiRequest, apiKey: string | null): void {
  if (apiKey === null) return;
  const header = request.headers.get('authorization');
  const match = header === null ? null : /^Bearer\s+(.*)$/i.exec(header.trim());
  const key = match?.[1]?.trim() ?? '';
  if (key === '') throw missingApiKey();
  if (key !== apiKey) throw invalidApiKey(key);
}

/**
 * Creates the request router behind every transport: API-key check, routing of
 * `POST /v1/chat/completions`, `POST /v1/responses`, `POST /v1/completions`, `POST /v1/embeddings`,
 * `GET /v1/models[/{id}]` on any origin,
 * OpenAI-shaped errors for everything else (a path outside `/v1/` is a 404 `Invalid URL`
 * logged with endpoint `other`), and a log entry for every request it answers.
 */
export function createRouter(engine: Engine): Router {
  const models = new Set(engine.config.models);
  const anyModel = engine.config.anyModel;
  let sequence = 0;
  return async (request) => {
    const url = new URL(request.url);
    const path = apiPath(url.pathname);
    const requestId = `req_mock_${++sequence}`;
    const ctx: RequestContext = {
      endpoint: endpointOf(path),
      model: null,
      stream: false,
      promptTokens: 0,
      logged: false,
      rateLimitHeaders: null,
      headers: () => ({ ...(ctx.rateLimitHeaders ?? engine.rateLimitHeaders()), 'x-request-id': requestId }),
      checkModel: (model) => {
        if (!anyModel && !models.has(model)) throw modelNotFound(model);
      },
      isEmbeddingModel,
    };
    const record = (status: number, errorType: string | null): void => {
      if (!ctx.logged) engine.record({ endpoint: ctx.endpoint, model: ctx.model, stream: ctx.stream, status, errorType, promptTokens: ctx.promptTokens });
    };
    try {
      checkAuth(request, engine.config.apiKey);
      const method = request.method;
      if (method === 'POST' && ctx.endpoint === 'chat') return await chatEndpoint(request, engine, ctx);
      if (method === 'POST' && ctx.endpoint === 'embeddings') return await embeddingsEndpoint(request, engine, ctx);
      if (method === 'POST' && ctx.endpoint === 'responses') return await responsesEndpoint(request, engine, ctx);
      if (method === 'POST' && ctx.endpoint === 'completions') return await completionsEndpoint(request, engine, ctx);
      if (method === 'GET' && path === '/models') {
        record(200, null);
        return jsonResponse(modelsBody([...models]), 200, ctx.headers());
      }
      if (method === 'GET' && ctx.endpoint === 'models' && path !== null) {
        const id = decodeModelId(path.slice('/models/'.length));
        ctx.model = id;
        ctx.checkModel(id);
        record(200, null);
        return jsonResponse(modelBody(id), 200, ctx.headers());
      }
      throw invalidUrl(method, url.pathname);
    } catch (error) {
      if (error instanceof ApiError) {
        record(error.status, error.code ?? error.type);
        return errorResponse(error, ctx.headers());
      }
      if (signalOf(request).aborted || isAbortError(error)) {
        const { status, errorType } = abortOutcome(signalOf(request));
        record(status, errorType);
        return new Response(null, { status });
      }
      const reason = error instanceof Error ? error.message : String(error);
      const bug = new ApiError(500, `Failed to handle ${request.method} ${url.pathname}: ${reason}. Please report this as a mock provider bug.`, 'server_error');
      record(500, 'server_error');
      return errorResponse(bug, ctx.headers());
    }
  };
}
