import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockProvider, type HttpServerHandle } from '../../mocks/index.ts';
import { chatBody } from './helpers.ts';

let server: HttpServerHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (url: string, body: unknown) =>
  fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('http transport: close({ drainTimeoutMs })', () => {
  it('stops accepting at once, lets the requests in flight finish with 200, then resolves with the counts', async () => {
    const provider = createMockProvider({ latency: '400ms', outputTokens: 3 });
    server = await provider.listen();
    const url = server.url;
    const answers = Array.from({ length: 20 }, (_, i) => post(url, chatBody(`q${i}`)).then(async (r) => [r.status, r.headers.get('connection')]));
    await vi.waitFor(() => expect(provider.stats().inFlight).toBe(20), { timeout: 15_000, interval: 5 });
    const closing = server.close({ drainTimeoutMs: 20_000 });
    await expect(fetch(`${url}/models`)).rejects.toThrow(); // the listening socket is closed
    expect(server.stats()).toMatchObject({ peakConnections: expect.any(Number), peakActiveRequests: 20, activeRequests: 20 });
    expect(server.stats().peakConnections).toBeGreaterThanOrEqual(20);
    expect(await closing).toEqual({ drained: 20, cut: 0, refused: 0 });
    await vi.waitFor(() => expect(server!.stats()).toMatchObject({ openConnections: 0, activeRequests: 0 }), { timeout: 5000, interval: 5 });
    // Answered during the drain: each tells its client not to reuse the connection.
    expect(await Promise.all(answers)).toEqual(Array(20).fill([200, 'close']));
    expect(provider.stats()).toMatchObject({ requests: 20, ok: 20, inFlight: 0 });
  }, 30_000);

  it('close() without options cuts at once: a stream already under way loses its connection and is logged 503', async () => {
    const provider = createMockProvider({ latency: 'ttft=10ms,tpot=1s', outputTokens: 50 });
    server = await provider.listen();
    const response = await post(server.url, chatBody('long stream', { stream: true }));
    const reader = response.body!.getReader();
    await reader.read();
    expect(await server.close()).toEqual({ drained: 0, cut: 1, refused: 0 });
    await expect((async () => {
      for (;;) if ((await reader.read()).done) break;
    })()).rejects.toThrow();
    expect(provider.log).toEqual([expect.objectContaining({ status: 503, errorType: 'server_shutting_down', stream: true })]);
  }, 30_000);

  it('a request that arrives on an open connection during the drain is refused with 503 and counted', async () => {
    const provider = createMockProvider({ latency: '500ms', outputTokens: 2 });
    server = await provider.listen();
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const body = JSON.stringify(chatBody('first'));
    const raw = (b: string) => `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(b)}\r\n\r\n${b}`;
    socket.write(raw(body));
    await vi.waitFor(() => expect(provider.stats().inFlight).toBe(1), { timeout: 15_000, interval: 5 });
    const closing = server.close({ drainTimeoutMs: 10_000 });
    socket.write(raw(JSON.stringify(chatBody('second'))));
    const result = await closing;
    await new Promise((resolve) => (socket.destroyed ? resolve(undefined) : socket.once('close', resolve)));
    expect(result).toEqual({ drained: 1, cut: 0, refused: 1 });
    expect(received).toMatch(/^HTTP\/1\.1 200 OK/);
  }, 30_000);

  it.each([-1, Number.NaN, '1s'])('rejects drainTimeoutMs %j with a TypeError', async (value) => {
    server = await createMockProvider().listen();
    expect(() => server!.close({ drainTimeoutMs: value as number })).toThrow(/Expected `drainTimeoutMs` to be a number from 0 and up \(or Infinity\)/);
  });
});
