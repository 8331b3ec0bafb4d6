/** The legacy `POST /v1/completions` endpoint: a `text_completion` as JSON or as an SSE stream. */
import { signalOf, type ApiRequest } from './api-request.ts';
import type { Engine } from '../engine/engine.ts';
import { readTextRequest, servedJsonResponse } from './text-endpoint.ts';
import type { RequestContext } from './request-context.ts';
import { serve, startService } from './admit-and-serve.ts';
import { validateCompletionsRequest } from './completions-request.ts';
import { completionBody, type CompletionBodyInput } from './completions-bodies.ts';
import { completionStream } from './completions-sse.ts';
import { SSE_HEADERS } from './paced-stream.ts';

/**
 * `POST /v1/completions`: validation, then the same admission, rate limits, load model,
 * latency plan and faults as chat completions (`n` choices per prompt, `max_tokens` 16 unless
 * given, as OpenAI's), then a `text_completion` or its chunk stream. Any model the provider
 * serves except embedding models is accepted (OpenAI itself serves only its instruct models here).
 */
export async function completionsEndpoint(request: ApiRequest, engine: Engine, ctx: RequestContext): Promise<Response> {
  const req = await readTextRequest(request, ctx, validateCompletionsRequest, 'v1/completions');
  const choices = req.prompts.length * req.n;
  const ticket = await startService(engine, ctx, {
    endpoint: 'completions', model: req.model, contentKey: req.contentKey, promptTokens: req.promptTokens,
    reservedTokens: req.promptTokens + req.maxTokens * choices, maxTokens: req.maxTokens, choices, stream: req.stream,
  }, signalOf(request));
  if (ticket instanceof Response) return ticket;
  const input: CompletionBodyInput = {
    id: ticket.id, model: req.model, createdMs: ticket.start, prompts: req.prompts, n: req.n, echo: req.echo,
    outputTokens: ticket.outputTokens, finishReason: ticket.finishReason, promptTokens: req.promptTokens, completionTokens: ticket.completionTokens,
  };
  if (req.stream) {
    const stream = completionStream(ticket, { ...input, includeUsage: req.includeUsage }, signalOf(request));
    return new Response(stream, { status: 200, headers: { ...ctx.headers(), ...SSE_HEADERS } });
  }
  await serve(ticket, signalOf(request));
  return servedJsonResponse(ticket, completionBody(input), ctx);
}
