import OpenAI from 'openai';
import type { MockProvider } from '../../mocks/index.ts';

/** An openai SDK client on the provider's `fetch` transport (SDK retries off unless given). */
export function sdkClient(provider: MockProvider, options: { maxRetries?: number; apiKey?: string } = {}): OpenAI {
  return new OpenAI({ apiKey: options.apiKey ?? 'sk-test', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: options.maxRetries ?? 0 });
}

/** A one-message chat request body. */
export function chatBody(content: string, extra: Record<string, unknown> = {}) {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }], ...extra };
}

/** POSTs a raw body (JSON-encoded unless a string) to a `/v1` path through the `fetch` transport. */
export function post(provider: MockProvider, path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return provider.fetch(`${provider.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
}

/** The `error` object of an OpenAI-shaped error response (asserting the shape). */
export async function errorOf(response: Response): Promise<{ message: string; type: string; param: string | null; code: string | null }> {
  const body = (await response.json()) as { error: { message: string; type: string; param: string | null; code: string | null } };
  if (typeof body.error?.message !== 'string' || typeof body.error.type !== 'string' || !('param' in body.error) || !('code' in body.error)) {
    throw new Error(`Failed to read an OpenAI error body: got ${JSON.stringify(body)}. Please check the response shape.`);
  }
  return body.error;
}

/** Runs `count` tasks with at most `concurrency` at once (a tiny sliding pool for tests). */
export async function pool(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** The transports the SDK tests of the text endpoints run through. */
export const SDK_TRANSPORTS = ['fetch', 'http'] as const;

/**
 * An openai SDK client on `transport`: `provider.fetch`, or a loopback server (`listen()`)
 * reached through the global fetch; `close` stops the server.
 */
export async function clientOver(provider: MockProvider, transport: (typeof SDK_TRANSPORTS)[number]): Promise<{ client: OpenAI; close: () => Promise<unknown> }> {
  if (transport === 'fetch') return { client: sdkClient(provider), close: () => Promise.resolve() };
  const server = await provider.listen();
  return { client: new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 }), close: () => server.close() };
}

/** The `event:` name and parsed `data:` of each server-sent event in `raw` (`[DONE]` kept as text). */
export function sseEvents(raw: string): Array<{ event: string | null; data: unknown }> {
  return raw.split('\n\n').filter((block) => block.trim() !== '').map((block) => {
    const lines = block.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? null;
    const data = lines.find((l) => l.startsWith('data: '))!.slice(6);
    return { event, data: data === '[DONE]' ? data : (JSON.parse(data) as unknown) };
  });
}
