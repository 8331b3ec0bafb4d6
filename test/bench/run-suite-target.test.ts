/** `runSuite` with a `target`: the mock provider served over real HTTP stands in for an OpenAI-compatible server. */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProvider } from '../../mocks/index.ts';
import type { HttpServerHandle } from '../../mocks/transports/http.ts';
import { EndpointError } from '../../src/bench/endpoint-error.ts';
import { runSuite } from '../../src/bench/run-suite.ts';
import { defineSuite } from '../../src/bench/suite.ts';
import { OpenAITarget } from '../../src/bench/target.ts';
import { UsageError } from '../../src/bench/usage-error.ts';

const KEY = 'sk-run-suite-target-1234';
const suite = defineSuite({
  name: 'tiny',
  description: 'two rows over the default task',
  requests: 6,
  iterations: 2,
  rows: [
    { name: 'serial', strategy: 'serial' },
    { name: 'pool', strategy: 'abatch', options: { maxConcurrency: 3, retry: 'sdk' } },
  ],
});

let provider: MockProvider;
let server: HttpServerHandle;
beforeAll(async () => {
  provider = createMockProvider({ apiKey: KEY, latency: '20ms', rpm: 5000, tpm: 10_000_000 });
  server = await provider.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
});

describe('runSuite() against a real endpoint', () => {
  it('runs every iteration of every row with client-side counts, no warm-up, and records the target', async () => {
    provider.reset();
    const result = await runSuite(suite, { target: new OpenAITarget(server.url, 'gpt-4o-mini', KEY) });
    expect(provider.stats().endpoints.chat.requests).toBe(2 * 2 * 6);
    expect(result.target).toEqual({ kind: 'openai', baseUrl: server.url, model: 'gpt-4o-mini' });
    expect(result.scenario).toMatchObject({ clock: 'real', profile: 'none', provider: {}, transport: 'http' });
    expect(result.calibration).toBeUndefined();
    for (const row of result.rows) {
      expect(row.counts).toMatchObject({ requests: 6, ok: 6, rateLimited: 0, errors: 0 });
      expect(row.tokens.completion).toBeGreaterThan(0);
      expect(row.costUsd).toBeGreaterThan(0);
      expect(row.rateLimitsSeen).toMatchObject({ limitRequests: 5000, limitTokens: 10_000_000 });
      expect(row.rateLimitsSeen!.minRemainingRequests).toBeLessThan(5000);
      expect(row.predictedOverheadShare).toBeUndefined();
    }
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('throws an EndpointError at the first 401, after a handful of requests', async () => {
    provider.reset();
    const run = runSuite(suite, { target: new OpenAITarget(server.url, 'gpt-4o-mini', 'sk-wrong-0000000000') });
    await expect(run).rejects.toBeInstanceOf(EndpointError);
    await expect(run).rejects.toMatchObject({ status: 401, code: 'invalid_api_key', baseUrl: server.url });
    expect(provider.stats().requests).toBeLessThanOrEqual(3);
  });

  it('refuses a run over maxRequests, and the virtual clock, with nothing sent', async () => {
    provider.reset();
    const target = new OpenAITarget(server.url, 'gpt-4o-mini', KEY);
    // serial 2 × 6, pool 2 × 6 × 3 attempts: 48 at worst.
    await expect(runSuite(suite, { target, maxRequests: 47 })).rejects.toThrow(/may send up to 48 requests/);
    await expect(runSuite(suite, { target, clock: 'virtual' })).rejects.toBeInstanceOf(UsageError);
    expect(provider.stats().requests).toBe(0);
  });

  it('fails a request the endpoint never answers after the request timeout, instead of hanging the run', async () => {
    // Accepts connections and never answers.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const one = defineSuite({ name: 'stalled', description: 'one request', requests: 1, iterations: 1, rows: [{ name: 'serial', strategy: 'serial' }] });
      const run = runSuite(one, { target: new OpenAITarget(`http://127.0.0.1:${port}/v1`, 'gpt-4o-mini', KEY, 300) });
      await expect(run).rejects.toThrow(/^every request failed at http:\/\/127\.0\.0\.1:\d+\/v1: no answer arrived \(each request timed out/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

/** A server answering every request with `answer(n)` (n counts from 1); returns its base URL and request count. */
async function fakeEndpoint(answer: (n: number) => { status: number; type: string; body: string }): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const a = answer(++n);
      res.writeHead(a.status, { 'content-type': a.type }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/v1`, requests: () => n, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const completion = JSON.stringify({ id: 'c', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } });
const apiError = (message: string, code: string): string => JSON.stringify({ error: { message, type: 'invalid_request_error', param: 'max_tokens', code } });
const serialOnly = defineSuite({ name: 'one-row', description: 'serial', requests: 6, iterations: 1, rows: [{ name: 'serial', strategy: 'serial' }] });

describe('runSuite() against endpoints that answer wrongly', () => {
  it('stops at the first 200 that is a web page or JSON of another kind, not an API answer', async () => {
    for (const [type, body, said] of [
      ['text/html; charset=utf-8', '<html>welcome</html>', 'with text/html at'],
      ['application/json', '{"foo":1}', 'with JSON that is not an OpenAI API answer'],
    ] as const) {
      const fake = await fakeEndpoint(() => ({ status: 200, type, body }));
      try {
        const run = runSuite(serialOnly, { target: new OpenAITarget(fake.url, 'gpt-4o-mini', KEY) });
        await expect(run).rejects.toBeInstanceOf(EndpointError);
        await expect(run).rejects.toThrow(said);
        expect(fake.requests()).toBe(1);
      } finally {
        await fake.close();
      }
    }
  });

  it('counts a 200 whose JSON body is cut off as a failed answer, not as the wrong server', async () => {
    const fake = await fakeEndpoint((n) => (n % 3 === 0 ? { status: 200, type: 'application/json', body: completion.slice(0, 20) } : { status: 200, type: 'application/json', body: completion }));
    try {
      const result = await runSuite(serialOnly, { target: new OpenAITarget(fake.url, 'gpt-4o-mini', KEY) });
      expect(result.rows[0]!.counts).toMatchObject({ errors: 2 });
      expect(result.notes).toContain('endpoint answers that failed: 200 unreadable body ×2');
    } finally {
      await fake.close();
    }
  });

  it('stops at once when TLS fails: https to a plain HTTP server', async () => {
    const fake = await fakeEndpoint(() => ({ status: 200, type: 'application/json', body: completion }));
    try {
      const url = fake.url.replace('http:', 'https:');
      const run = runSuite(serialOnly, { target: new OpenAITarget(url, 'gpt-4o-mini', KEY) });
      await expect(run).rejects.toBeInstanceOf(EndpointError);
      await expect(run).rejects.toThrow(`TLS failed (an https URL for a plain-HTTP server, or a certificate this machine does not trust) (ERR_SSL_WRONG_VERSION_NUMBER) at ${url}`);
    } finally {
      await fake.close();
    }
  });

  it('fails a run in which every request failed, naming the answer and its message without the key', async () => {
    const fake = await fakeEndpoint(() => ({ status: 400, type: 'application/json', body: apiError(`Unsupported parameter: 'max_tokens' (key ${KEY}).`, 'unsupported_parameter') }));
    try {
      const run = runSuite(serialOnly, { target: new OpenAITarget(fake.url, 'o3-mini', KEY) });
      await expect(run).rejects.toBeInstanceOf(EndpointError);
      await expect(run).rejects.toThrow(`every request failed at ${fake.url}: 400 unsupported_parameter ×6 ("Unsupported parameter: 'max_tokens' (key [redacted]).")`);
    } finally {
      await fake.close();
    }
  });

  it('keeps a run in which some requests failed, with a note naming the failed answers', async () => {
    const fake = await fakeEndpoint((n) => (n % 3 === 0 ? { status: 500, type: 'application/json', body: JSON.stringify({ error: { message: 'boom', type: 'server_error' } }) } : { status: 200, type: 'application/json', body: completion }));
    try {
      const result = await runSuite(serialOnly, { target: new OpenAITarget(fake.url, 'gpt-4o-mini', KEY) });
      expect(result.rows[0]!.counts).toMatchObject({ ok: 4, errors: 2 });
      expect(result.notes).toContain('endpoint answers that failed: 500 ×2 ("boom")');
    } finally {
      await fake.close();
    }
  });
});
