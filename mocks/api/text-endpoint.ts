/**
 * The steps the text endpoints added beside chat (`v1/responses`, `v1/completions`) share:
 * reading and validating the body into the request context, and the JSON answer once served.
 */
import type { ApiRequest } from './api-request.ts';
import { invalidJson, notATextModel } from './errors.ts';
import { readJson, textResponse } from './responses.ts';
import type { RequestContext } from './request-context.ts';
import type { Ticket } from '../engine/request-in-service.ts';

/** What every validated text request tells the context. */
interface TextRequest {
  model: string;
  stream: boolean;
  promptTokens: number;
}

/**
 * Reads and validates a text endpoint's body, records model, stream and prompt tokens on
 * `ctx` for the log, and checks the model: 404 when it is not served or is an embedding model.
 * @throws {ApiError} 400 for a bad body, 404 for the model.
 */
export async function readTextRequest<T extends TextRequest>(request: ApiRequest, ctx: RequestContext, validate: (body: unknown) => T, endpoint: string): Promise<T> {
  const { json: body } = await readJson(request);
  if (body === undefined) throw invalidJson();
  const req = validate(body);
  ctx.model = req.model;
  ctx.stream = req.stream;
  ctx.promptTokens = req.promptTokens;
  ctx.checkModel(req.model);
  if (ctx.isEmbeddingModel(req.model)) throw notATextModel(req.model, endpoint);
  return req;
}

/** The 200 JSON answer of a served ticket: `body` whole, or cut in half for the `malformed` fault. */
export function servedJsonResponse(ticket: Ticket, body: unknown, ctx: RequestContext): Response {
  const json = JSON.stringify(body);
  if (ticket.fault === 'malformed') return textResponse(json.slice(0, Math.floor(json.length / 2)), 200, ctx.headers());
  return textResponse(json, 200, { ...ctx.headers(), 'openai-processing-ms': String(Math.round(ticket.plan.totalMs)) });
}
