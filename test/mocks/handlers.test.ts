import { getResponse, http, type RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { Engine } from '../../mocks/engine/engine.ts';
import { OpenAIApiHandler } from '../../mocks/api/handlers.ts';
import { resolveProviderOptions } from '../../mocks/resolve-options.ts';
import { createRouter } from '../../mocks/api/router.ts';
import { chatBody } from './helpers.ts';

/**
 * Handlers over a fresh engine and router: the provider's own handler, or MSW's stock
 * `http.all()` delegating to the same kind of router. A 3-request bucket refilled at 1/s makes
 * the fourth admitted request a 429; the virtual clock is never advanced, so time stays 0.
 */
function handlersOf(kind: 'OpenAIApiHandler' | 'http.all'): RequestHandler[] {
  const engine = new Engine(resolveProviderOptions({ latency: 0, outputTokens: 3, rpm: 60, burstRequests: 3 }), new VirtualClock());
  const router = createRouter(engine);
  return kind === 'OpenAIApiHandler' ? [new OpenAIApiHandler(router)] : [http.all('*/v1/*', ({ request }) => router(request))];
}

const BASE = 'http://mock-llm.local/v1';
const json = (path: string, body: unknown): [string, RequestInit] => [`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }];

/** The same requests, in order, for both handler sets (chat, stream, embeddings, models, 400, 404s, 429). */
const REQUESTS: Array<[name: string, url: string, init?: RequestInit]> = [
  ['chat JSON', ...json('/chat/completions', chatBody('hello'))],
  ['chat stream', ...json('/chat/completions', chatBody('stream', { stream: true, stream_options: { include_usage: true } }))],
  ['embeddings', ...json('/embeddings', { model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 4, encoding_format: 'float' })],
  ['models', `${BASE}/models`],
  ['model', `${BASE}/models/gpt-4o`],
  ['400 bad JSON', ...json('/chat/completions', '{"model":')],
  ['404 unknown model', ...json('/chat/completions', chatBody('x', { model: 'gpt-9' }))],
  ['404 unknown route', ...json('/images/generations', {})],
  ['429 rate limit', ...json('/chat/completions', chatBody('one too many'))],
];

interface Answer {
  name: string;
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

async function answers(handlers: RequestHandler[]): Promise<Answer[]> {
  const out: Answer[] = [];
  for (const [name, url, init] of REQUESTS) {
    const response = await getResponse(handlers, new Request(url, init));
    if (response === undefined) throw new Error(`Failed to get a response for ${name}: no handler matched. Please check the handler's predicate.`);
    const headers: Array<[string, string]> = [];
    response.headers.forEach((value, key) => headers.push([key, value]));
    out.push({ name, status: response.status, headers: headers.sort(([a], [b]) => a.localeCompare(b)), body: await response.text() });
  }
  return out;
}

describe('OpenAIApiHandler', () => {
  it('OpenAIApiHandler.run answers every request exactly as http.all() delegating to the router does (status, headers, body)', async () => {
    const custom = await answers(handlersOf('OpenAIApiHandler'));
    const stock = await answers(handlersOf('http.all'));
    expect(custom.map((a) => [a.name, a.status])).toEqual([
      ['chat JSON', 200], ['chat stream', 200], ['embeddings', 200], ['models', 200], ['model', 200],
      ['400 bad JSON', 400], ['404 unknown model', 404], ['404 unknown route', 404], ['429 rate limit', 429],
    ]);
    expect(custom.find((a) => a.name === 'chat stream')?.body).toMatch(/data: \[DONE\]\n\n$/);
    expect(custom.find((a) => a.name === '429 rate limit')?.headers).toContainEqual(['retry-after-ms', '1000']);
    expect(custom).toEqual(stock);
  });

  it('OpenAIApiHandler.predicate matches /v1/ paths on any origin and nothing else', () => {
    const handler = new OpenAIApiHandler(() => Promise.resolve(new Response(null)));
    const matches = (url: string) => handler.predicate({ request: new Request(url) });
    expect([matches('http://a.test/v1/models'), matches('https://api.openai.com/v1/chat/completions'), matches('http://a.test/health'), matches('http://a.test/v2/models')]).toEqual([true, true, false, false]);
  });
});
