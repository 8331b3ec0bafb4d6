import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
  it('listen() answers 10,000 requests issued at once over a 64-socket keep-alive agent (200 or 429, none lost, none hung) and still answers afterwards', async () => {
    // All 10,000 are issued at once, but the client's agent carries at most 64 at a time (one
    // process cannot hold 10,000 client plus 10,000 server sockets under a 20,000-descriptor
    // limit). A 6,000-request bucket refilled at 1 request/s: the burst drains it whatever the
    // machine's speed, so 429s are certain, and the 200s are bounded by the refill.
    const provider = createMockProvider({ latency: 'uniform:0ms..2ms', outputTokens: 4, rpm: 60, burstRequests: 6000 });
    server = await provider.listen();
    agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const url = new URL(`${server.url}/chat/completions`);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 10_000 }, (_, i) => send(agent!, url, chat(i))));
    const elapsedSec = (performance.now() - started) / 1000;
    const counts = { 200: 0, 429: 0, other: 0 };
    for (const r of results) {
      if (r.status === 200) counts[200]++;
      else if (r.status === 429) counts[429]++;
      else counts.other++;
    }
    expect(counts.other).toBe(0);
    expect(counts[200] + counts[429]).toBe(10_000);
    expect(counts[200]).toBeGreaterThanOrEqual(6000);
    expect(counts[200]).toBeLessThanOrEqual(6000 + Math.ceil(elapsedSec) + 1);
    expect(counts[429]).toBeGreaterThan(0);
    expect(provider.stats()).toMatchObject({ requests: 10_000, inFlight: 0 });
    const after = await send(agent, url, chat(-1));
    expect([200, 429]).toContain(after.status);
  }, 120_000);

  it('listen() answers 1,000 malformed requests with 400, a 1 MB garbage body with 400 and an oversized body with 413', async () => {
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

  it('listen() streams a long SSE response to a slow reader without piling up listeners (no MaxListenersExceededWarning)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      // 5.1 MB of chunks produced at once while the reader holds off for 200 ms: far more than
      // the socket buffers hold, so the server waits for 'drain' many times.
      const provider = createMockProvider({ latency: 0, outputTokens: 20_000 });
      server = await provider.listen();
      const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'long' }], stream: true });
      const received = await new Promise<string>((resolve, reject) => {
        const req = request(new URL(`${server!.url}/chat/completions`), { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.pause();
          setTimeout(() => res.resume(), 200);
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        });
        req.setTimeout(20_000, () => req.destroy(new Error('stream hung for 20000 ms')));
        req.on('error', reject);
        req.end(body);
      });
      expect(received.length).toBeGreaterThan(4_000_000);
      expect(received.endsWith('data: [DONE]\n\n')).toBe(true);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
      expect(provider.log).toEqual([expect.objectContaining({ status: 200, completionTokens: 20_000 })]);
    } finally {
      process.off('warning', onWarning);
    }
  }, 30_000);

  it('listen() aborts the request signal when the client disconnects (a hang ends as 499) and close() answers hung requests 503 at once', async () => {
    const provider = createMockProvider({ faults: { hang: 1 } });
    server = await provider.listen();
    agent = new Agent({ keepAlive: true });
    const url = new URL(`${server.url}/chat/completions`);
    const controller = new AbortController();
    const pending = send(agent, url, chat(1), 20_000, controller.signal);
    await vi.waitFor(() => expect(provider.stats().inFlight).toBe(1), { timeout: 15_000, interval: 10 });
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(provider.log).toHaveLength(1), { timeout: 15_000, interval: 10 });
    expect(provider.log).toEqual([expect.objectContaining({ status: 499, errorType: 'hang' })]);

    const hung = send(agent, url, chat(2));
    await vi.waitFor(() => expect(provider.stats().inFlight).toBe(1), { timeout: 15_000, interval: 10 });
    expect(await server.close()).toEqual({ drained: 0, cut: 1, refused: 0 });
    const answer = await hung;
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ error: { message: expect.stringMatching(/shutting down/), type: 'server_error', param: null, code: 'server_shutting_down' } });
    expect(provider.stats().inFlight).toBe(0);
    expect(provider.log.at(-1)).toMatchObject({ status: 503, errorType: 'server_shutting_down' });
  }, 60_000);
});
