/** The `POST /v1/responses` endpoint: OpenAI's Responses API, as JSON or as typed SSE events. */
import { signalOf, type ApiRequest } from './api-request.ts';
import type { Engine } from '../engine/engine.ts';
import { readTextRequest, servedJsonResponse } from './text-endpoint.ts';
import type { RequestContext } from './request-context.ts';
import { serve, startService } from './admit-and-serve.ts';
import { validateResponsesRequest } from './responses-request.ts';
import { responseBody, type ResponseBodyInput } from './responses-bodies.ts';
import { responseStream } from './responses-sse.ts';
import { SSE_HEADERS } from './paced-stream.ts';
import { shapingHook } from '../engine/chat-output.ts';

/**
 * `POST /v1/responses`: validation, then the same admission, rate limits, load model,
 * latency plan and faults as chat completions (one output, `max_output_tokens` as the cap),
 * shaped by chat's machinery when it may call a function or follows a schema, then a
 * `response` object or its event stream.
 */
export async function responsesEndpoint(request: ApiRequest, engine: Engine, ctx: RequestContext): Promise<Response> {
  const req = await readTextRequest(request, ctx, validateResponsesRequest, 'v1/responses');
  const hook = req.shape === null ? null : shapingHook(req.shape, 1);
  const ticket = await startService(engine, ctx, {
    endpoint: 'responses', model: req.model, contentKey: req.contentKey, promptTokens: req.promptTokens,
    reservedTokens: req.promptTokens + (req.maxOutputTokens ?? 0), maxTokens: req.maxOutputTokens, choices: 1, stream: req.stream,
    ...(hook === null ? {} : { shapeOutput: hook.shaper }),
  }, signalOf(request));
  if (ticket instanceof Response) return ticket;
  const shaped = hook?.outputs()?.[0];
  const input: ResponseBodyInput = {
    id: ticket.id, model: req.model, createdMs: ticket.start, completedMs: ticket.start + ticket.plan.totalMs, outputTokens: ticket.outputTokens, finishReason: ticket.finishReason,
    format: req.format, promptTokens: req.promptTokens, completionTokens: ticket.completionTokens, echoed: req.echoed,
    ...(shaped === undefined ? {} : { shaped }),
  };
  if (req.stream) return new Response(responseStream(ticket, input, signalOf(request)), { status: 200, headers: { ...ctx.headers(), ...SSE_HEADERS } });
  await serve(ticket, signalOf(request));
  return servedJsonResponse(ticket, responseBody(input, true), ctx);
}
