import { request } from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockProvider, type HttpServerHandle } from '../../mocks/index.ts';

let server: HttpServerHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MB = 1024 * 1024;

/** A body of `total` bytes made on demand, 64 KiB at a time (never `total` bytes in memory). */
function streamedBody(total: number): Readable & { sent: () => number } {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const body = new Readable({
    read() {
      if (sent >= total) this.push(null);
      else {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      }
    },
  });
  return Object.assign(body, { sent: () => sent });
}

/**
 * POSTs a streamed body; resolves with the answer once it is complete. An error on the upload
 * after the answer arrived (the server closed the connection) is expected and ignored.
 */
function postStream(url: string, total: number, declareLength: boolean) {
  const body = streamedBody(total);
  return new Promise<{ status: number; connection: string | undefined; json: unknown; sentBytes: number }>((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (declareLength) headers['content-length'] = total;
    let answered = false;
    const req = request(`${url}/chat/completions`, { method: 'POST', headers }, (res) => {
      answered = true;
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, json: JSON.parse(text) as unknown, sentBytes: body.sent() }));
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    body.pipe(req);
  });
}

describe('http transport: body limit and content validation', () => {
  it.each([
    ['with content-length', true],
    ['chunked, no content-length', false],
  ])('a streamed 100 MB body (%s) gets 413 in OpenAI\'s error shape, and the connection is closed', async (_name, declareLength) => {
    const provider = createMockProvider();
    server = await provider.listen({ maxBodyBytes: 1 * MB });
    const answer = await postStream(server.url, 100 * MB, declareLength);
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
    expect(answer.json).toEqual({ error: { message: `Request body too large: the limit is ${MB} bytes. Please send a smaller request.`, type: 'invalid_request_error', param: null, code: 'request_too_large' } });
    // The server stopped reading: far less than the whole body went out.
    expect(answer.sentBytes).toBeLessThan(50 * MB);
    const after = await fetch(`${server.url}/models`);
    expect(after.status).toBe(200);
  }, 60_000);

  it('fetch (undici, the SDK\'s transport) streaming 100 MB gets the 413 too', async () => {
    server = await createMockProvider().listen({ maxBodyBytes: 1 * MB });
    const body = Readable.toWeb(streamedBody(100 * MB)) as ReadableStream<Uint8Array>;
    const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'request_too_large', type: 'invalid_request_error' } });
  }, 60_000);

  it('over http, content nested 100,000 arrays deep gets 400 naming messages[0].content[0]', async () => {
    server = await createMockProvider().listen();
    const body = `{"model":"gpt-4o-mini","messages":[{"role":"user","content":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
    const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: "Invalid type for 'messages[0].content[0]': expected an object, but got an array instead.", type: 'invalid_request_error', param: 'messages[0].content[0]', code: 'invalid_type' } });
  });
});
