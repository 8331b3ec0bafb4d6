import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockProvider } from '../../mocks/index.ts';
import type { HttpServerHandle } from '../../mocks/index.ts';

interface RawResponse {
  status: number;
  body: string;
}

/** One request over a bounded keep-alive agent; rejects if it takes longer than `timeoutMs` (a hang). */
function send(agent: Agent, url: URL, body: string | Buffer, timeoutMs = 20_000, signal?: AbortSignal): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`request hung for ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

const chat = (i: number) => JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `request ${i}` }] });

let server: HttpServerHandle | undefined;
let agent: Agent | undefined;
afterEach(async () => {
  agent?.destroy();
  await server?.close();
  server = undefined;
  agent = undefined;
});

describe('transport http robustness', () => {
  it('answers 10,000 concurrent requests (200 or 429, none lost, none hung) and still answers afterwards', async () => {
    // A 6,000-request bucket refilled at 100/s: the burst drains it, so both 200s and 429s come back.
    const provider = createMockProvider({ latency: 'uniform:0ms..2ms', outputTokens: 4, rpm: 6000 });
    server = await provider.listen();
    agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const url = new URL(`${server.url}/chat/completions`);
    const results = await Promise.all(Array.from({ length: 10_000 }, (_, i) => send(agent!, url, chat(i))));
    const counts = { 200: 0, 429: 0, other: 0 };
    for (const r of results) {
      if (r.status === 200) counts[200]++;
      else if (r.status === 429) counts[429]++;
      else counts.other++;
    }
    expect(counts.other).toBe(0);
    expect(counts[200] + counts[429]).toBe(10_000);
    expect(counts[200]).toBeGreaterThanOrEqual(6000);
    expect(counts[429]).toBeGreaterThan(0);
    expect(provider.stats()).toMatchObject({ requests: 10_000, inFlight: 0 });
    const after = await send(agent, url, chat(-1));
    expect([200, 429]).toContain(after.status);
  }, 120_000);

  it('answers 1,000 malformed requests with 400, a 1 MB garbage body with 400 and an oversized body with 413', async () => {
    const provider = createMockProvider();
    server = await provider.listen({ maxBodyBytes: 2 * 1024 * 1024 });
    agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const url = new URL(`${server.url}/chat/completions`);
    const malformed = ['{', 'null', '[]', '{"model":', '{"model":"gpt-4o-mini"}', '{"model":"gpt-4o-mini","messages":"x"}', '\u0000\u0001', '{"model":7,"messages":[]}'];
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => send(agent!, url, malformed[i % malformed.length]!)));
    expect(results.every((r) => r.status === 400)).toBe(true);
    expect(JSON.parse(results[0]!.body)).toMatchObject({ error: { type: 'invalid_request_error' } });
    const garbage = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    const big = await send(agent, url, garbage);
    expect(big.status).toBe(400);
    const huge = await send(agent, url, Buffer.alloc(3 * 1024 * 1024, 0x7b));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({ error: { code: 'request_too_large' } });
    expect((await send(agent, url, chat(1))).status).toBe(200);
  }, 60_000);

  it('aborts the request signal when the client disconnects (a hang ends as 499) and close() ends hung requests', async () => {
    const provider = createMockProvider({ faults: { hang: 1 } });
    server = await provider.listen();
    agent = new Agent({ keepAlive: true });
    const url = new URL(`${server.url}/chat/completions`);
    const controller = new AbortController();
    const pending = send(agent, url, chat(1), 20_000, controller.signal);
    for (let i = 0; i < 200 && provider.stats().inFlight === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(provider.stats().inFlight).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    for (let i = 0; i < 200 && provider.log.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(provider.log).toEqual([expect.objectContaining({ status: 499, errorType: 'hang' })]);

    const hung = send(agent, url, chat(2)).catch((error: unknown) => error);
    for (let i = 0; i < 200 && provider.stats().inFlight === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await server.close();
    expect(await hung).toBeInstanceOf(Error);
    expect(provider.stats().inFlight).toBe(0);
  }, 30_000);
});
