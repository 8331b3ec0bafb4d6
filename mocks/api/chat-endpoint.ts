/** The `POST /v1/chat/completions` endpoint: a chat completion as JSON or as an SSE stream. */
import { signalOf, type ApiRequest } from './api-request.ts';
import type { Engine } from '../engine/engine.ts';
import { invalidJson, notAChatModel, withinNesting } from './errors.ts';
import { chatCompletionBody, malformedBody, type ChatBodyInput } from './openai-bodies.ts';
import { validateChatRequest } from './request-validation.ts';
import { jsonResponse, readJson, textResponse } from './responses.ts';
import type { RequestContext } from './request-context.ts';
import { serve, startService } from './admit-and-serve.ts';
import { chatCompletionStream } from './sse.ts';
import { chatShaping } from './chat-shaping.ts';

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

/** `POST /v1/chat/completions`: validation, admission, faults, then JSON or SSE. */
export async function chatEndpoint(request: ApiRequest, engine: Engine, ctx: RequestContext): Promise<Response> {
  const { json: body, text } = await readJson(request);
  if (body === undefined) throw invalidJson();
  const chat = validateChatRequest(body, text);
  ctx.model = chat.model;
  ctx.stream = chat.stream;
  ctx.promptTokens = chat.promptTokens;
  // Tool and response-format schemas are walked recursively: a schema thousands of levels deep is a 400.
  const shaping = withinNesting(() => chatShaping(body as Record<string, unknown>, chat));
  const promptTokens = ctx.promptTokens = chat.promptTokens + shaping.extraPromptTokens;
  ctx.checkModel(chat.model);
  if (ctx.isEmbeddingModel(chat.model)) throw notAChatModel(chat.model);
  const ticket = await startService(engine, ctx, {
    endpoint: 'chat', model: chat.model, contentKey: chat.contentKey, promptTokens,
    reservedTokens: promptTokens + (chat.maxTokens ?? 0) * chat.n, maxTokens: chat.maxTokens, choices: chat.n, stream: chat.stream,
    ...(shaping.shaper === null ? {} : { shapeOutput: shaping.shaper }),
  }, signalOf(request));
  if (ticket instanceof Response) return ticket;
  const shaped = shaping.result();
  const input: ChatBodyInput = {
    id: ticket.id, model: chat.model, createdMs: ticket.start, choices: chat.n, outputTokens: ticket.outputTokens,
    finishReason: ticket.finishReason, promptTokens, completionTokens: ticket.completionTokens, ...(shaped === undefined ? {} : { shaped }),
  };
  if (chat.stream) {
    const stream = chatCompletionStream(ticket, { ...input, includeUsage: chat.includeUsage, malformed: ticket.fault === 'malformed' }, signalOf(request));
    return new Response(stream, { status: 200, headers: { ...ctx.headers(), ...SSE_HEADERS } });
  }
  await serve(ticket, signalOf(request));
  if (ticket.fault === 'malformed') return textResponse(malformedBody(input), 200, ctx.headers());
  return jsonResponse(chatCompletionBody(input), 200, { ...ctx.headers(), 'openai-processing-ms': String(Math.round(ticket.plan.totalMs)) });
}
