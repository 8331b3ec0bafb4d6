/** The `POST /v1/embeddings` endpoint: deterministic embedding vectors for each input. */
import { signalOf, type ApiRequest } from './api-request.ts';
import type { Engine } from '../engine/engine.ts';
import { invalidJson, invalidParam, notAnEmbeddingModel } from './errors.ts';
import { DEFAULT_EMBEDDING_DIMENSIONS, EMBEDDING_DIMENSIONS } from '../engine/models.ts';
import { embeddingsBody, embeddingVector } from './openai-bodies.ts';
import { validateEmbeddingsRequest } from './request-validation.ts';
import { jsonResponse, readJson, textResponse } from './responses.ts';
import type { RequestContext } from './request-context.ts';
import { serve, startService } from './admit-and-serve.ts';

/**
 * `POST /v1/embeddings`: one request however many inputs (each input's tokens count
 * against TPM), deterministic unit vectors per input, float or base64 encoding. Only
 * embedding models are served here; a chat model gets a 404 `model_not_found`.
 */
export async function embeddingsEndpoint(request: ApiRequest, engine: Engine, ctx: RequestContext): Promise<Response> {
  const { json: body } = await readJson(request);
  if (body === undefined) throw invalidJson();
  const req = validateEmbeddingsRequest(body);
  ctx.model = req.model;
  ctx.promptTokens = req.promptTokens;
  ctx.checkModel(req.model);
  if (!ctx.isEmbeddingModel(req.model)) throw notAnEmbeddingModel(req.model);
  checkDimensions(req.model, req.dimensions);
  const ticket = await startService(engine, ctx, {
    endpoint: 'embeddings', model: req.model, contentKey: req.contentKey, promptTokens: req.promptTokens,
    reservedTokens: req.promptTokens, maxTokens: null, choices: 1, stream: false,
  }, signalOf(request));
  if (ticket instanceof Response) return ticket;
  await serve(ticket, signalOf(request));
  const dimensions = req.dimensions ?? EMBEDDING_DIMENSIONS[req.model] ?? DEFAULT_EMBEDDING_DIMENSIONS;
  const vectors = req.inputs.map((input) => embeddingVector(input, dimensions, engine.config.seed));
  const json = embeddingsBody(req.model, vectors, req.encoding, req.promptTokens);
  if (ticket.fault === 'malformed') return textResponse(JSON.stringify(json).slice(0, 64), 200, ctx.headers());
  return jsonResponse(json, 200, ctx.headers());
}

/**
 * `dimensions` as OpenAI takes it: `text-embedding-ada-002` has a fixed length and refuses
 * it; the `text-embedding-3` models shorten, never lengthen, their vectors. Other models
 * (a configured local one) take any length up to 3072.
 * @throws {ApiError} 400 with `param: "dimensions"`.
 */
function checkDimensions(model: string, dimensions: number | null): void {
  if (dimensions === null) return;
  if (model === 'text-embedding-ada-002') throw invalidParam('dimensions', 'This model does not support specifying dimensions.');
  const native = model.startsWith('text-embedding-3-') ? EMBEDDING_DIMENSIONS[model] : undefined;
  if (native !== undefined && dimensions > native) {
    throw invalidParam('dimensions', `Invalid value for 'dimensions' = ${dimensions}. Must be less than or equal to ${native}.`, 'invalid_value');
  }
}
