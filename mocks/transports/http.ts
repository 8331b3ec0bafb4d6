/** The `http` transport: a loopback `node:http` server in front of the router. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { checkNumberOption, realClock, type Clock } from '../../src/core/index.ts';
import { bodyTooLarge, ApiError, serverShuttingDown } from '../api/errors.ts';
import type { Router } from '../api/router.ts';
import type { ApiRequest } from '../api/api-request.ts';
import { ServerShutdownAbort } from '../engine/abort-outcome.ts';

/** Options of the `http` transport. */
export interface HttpListenOptions {
  /** TCP port; 0 picks a free one. Minimum: 0, maximum: 65535. @default 0 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** Largest request body accepted; larger ones get 413. @default 8 MiB */
  maxBodyBytes?: number;
}

/** Options of {@link HttpServerHandle.close}. */
export interface HttpCloseOptions {
  /**
   * How long requests in flight may run on, on the provider's clock, before each still
   * running is cut: answered 503 `server_shutting_down` (or its connection closed, if its
   * headers already went out). `0` cuts at once; `Infinity` waits for every one. @default 0
   */
  drainTimeoutMs?: number;
}

/** What a close did to the requests in flight when it began. */
export interface HttpCloseResult {
  /** Requests in flight that finished on their own during the drain. */
  drained: number;
  /** Requests cut when the drain time was up. */
  cut: number;
  /** Requests that arrived on an open keep-alive connection during the drain, answered 503 at once. */
  refused: number;
}

/** Connection and request counts of a running `http` transport, since it started listening. */
export interface HttpServerStats {
  /** Connections accepted and not yet closed. */
  openConnections: number;
  /** Most connections open at once. */
  peakConnections: number;
  /** Requests being read or answered (every request, 429s and errors included). */
  activeRequests: number;
  /** Most requests being read or answered at once. */
  peakActiveRequests: number;
  /** Connections accepted in all. */
  acceptedConnections: number;
}

/** A running `http` transport. */
export interface HttpServerHandle {
  /** Base URL for clients, e.g. `http://127.0.0.1:8787/v1`. */
  url: string;
  /** How many connections and requests the server holds now and held at most (what a load test reached). */
  stats(): HttpServerStats;
  /**
   * Stops accepting connections, lets requests in flight finish for up to `drainTimeoutMs`
   * (default 0: none), cuts the rest with a 503, then closes every connection. Later calls
   * return the same promise; a shorter `drainTimeoutMs` in a later call cuts sooner.
   * @throws {TypeError} for a `drainTimeoutMs` that is not a number from 0 (or Infinity).
   */
  close(options?: HttpCloseOptions): Promise<HttpCloseResult>;
}

/** Default {@link HttpListenOptions.maxBodyBytes}. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Idle keep-alive timeout. Longer than common clients' own idle timeouts, so a client never
 * reuses a connection the server is closing at that moment (an ECONNRESET race that a
 * busy event loop makes likely with Node's 5 s default).
 */
const KEEP_ALIVE_MS = 65_000;

/**
 * Connections the kernel may hold completed but not yet accepted. A burst of thousands of
 * connects at once overflows a short queue while the event loop is busy; the kernel then
 * drops handshakes and the clients wait for retransmissions. Linux caps it at
 * `net.core.somaxconn` (4096 by default).
 */
const LISTEN_BACKLOG = 65_535;

/**
 * Reads the whole body, or returns `null` as soon as it is known to exceed `limit` bytes (a
 * `content-length` above it, or more bytes than that arriving). Then it stops reading and
 * leaves the request paused, so the caller can answer 413 and close the connection; nothing
 * past `limit` is ever held in memory.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.pause();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        resolve(null);
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** The request as the router reads it; a plain object, not a Fetch `Request` (see {@link ApiRequest}). */
function toApiRequest(req: IncomingMessage, body: Buffer, origin: string, signal: AbortSignal): ApiRequest {
  const text = body.toString('utf8');
  const { headers } = req;
  return {
    url: new URL(req.url ?? '/', origin).href,
    method: req.method ?? 'GET',
    headers: {
      get(name) {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    signal,
    text: () => Promise.resolve(text),
  };
}

function sendError(res: ServerResponse, error: ApiError, close = false): void {
  const payload = JSON.stringify(error.toBody());
  res.writeHead(error.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(close ? { connection: 'close' } : {}) });
  res.end(payload);
}

/**
 * Resolves on the response's next `drain`, `close` or `error`, whichever comes first, and
 * removes all three listeners then — so a long stream adds none per drain.
 */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      res.off('error', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
    res.once('error', done);
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (response.body === null) {
    res.end();
    return;
  }
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    const buffer = Buffer.from(await response.arrayBuffer());
    res.setHeader('content-length', buffer.length);
    res.end(buffer);
    return;
  }
  res.flushHeaders();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  res.end();
}

/** A request the server is answering. */
interface Exchange {
  controller: AbortController;
  res: ServerResponse;
}

/**
 * The `http` transport: a loopback `node:http` server that turns each request into a
 * Fetch `Request` for the same router the MSW handlers use. Keeps connections alive,
 * aborts a request's signal when its client disconnects, answers bodies over the limit
 * with 413 (then closes the connection) and garbage with OpenAI's 400. `clock` times the
 * shutdown drain.
 */
export async function listenHttp(router: Router, options: HttpListenOptions = {}, clock: Clock = realClock): Promise<HttpServerHandle> {
  const { port = 0, host = '127.0.0.1', maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new TypeError(`Expected \`port\` to be a whole number from 0 to 65535, got \`${String(port)}\` (${typeof port})`);
  }
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes >= 1)) {
    throw new TypeError(`Expected \`maxBodyBytes\` to be a whole number from 1 and up, got \`${String(maxBodyBytes)}\` (${typeof maxBodyBytes})`);
  }
  const active = new Set<Exchange>();
  let origin = '';
  let draining = false;
  let refused = 0;
  const counts = { openConnections: 0, peakConnections: 0, peakActiveRequests: 0, acceptedConnections: 0 };
  /** Called when the last exchange in flight ends during a drain. */
  let onIdle: (() => void) | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (draining) {
      refused++;
      req.pause();
      sendError(res, serverShuttingDown(), true);
      return;
    }
    const exchange: Exchange = { controller: new AbortController(), res };
    const { controller } = exchange;
    active.add(exchange);
    if (active.size > counts.peakActiveRequests) counts.peakActiveRequests = active.size;
    res.on('close', () => {
      active.delete(exchange);
      if (!res.writableFinished) controller.abort(new DOMException('The client closed the connection.', 'AbortError'));
      if (active.size === 0) onIdle?.();
    });
    try {
      const body = await readBody(req, maxBodyBytes);
      if (body === null) {
        sendError(res, bodyTooLarge(maxBodyBytes), true);
        return;
      }
      const response = await router(toApiRequest(req, body, origin, controller.signal));
      if (res.headersSent || res.destroyed) {
        // Cut by a shutdown (answered 503 already) or the client went away.
        await response.body?.cancel().catch(() => undefined);
        return;
      }
      // While draining, tell keep-alive clients not to send another request on this connection.
      if (draining) res.setHeader('connection', 'close');
      await writeResponse(res, response);
    } catch (error) {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      sendError(res, new ApiError(400, `Failed to read the request: ${reason}. Please send a valid HTTP request.`, 'invalid_request_error'));
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    counts.acceptedConnections++;
    if (++counts.openConnections > counts.peakConnections) counts.peakConnections = counts.openConnections;
    socket.once('close', () => counts.openConnections--);
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  server.listen({ port, host, backlog: LISTEN_BACKLOG });
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${shownHost}:${address.port}`;

  /** Aborts every exchange still in flight and answers it 503 (or drops its connection if its headers went out). */
  const cutAll = (): number => {
    const cut = [...active];
    for (const { controller, res } of cut) {
      controller.abort(new ServerShutdownAbort());
      if (!res.headersSent && !res.destroyed) sendError(res, serverShuttingDown(), true);
      else res.destroy();
    }
    return cut.length;
  };

  let closing: Promise<HttpCloseResult> | undefined;
  let cutNow: (() => void) | undefined;
  const deadline = new Promise<void>((resolve) => (cutNow = resolve));
  const stopTimers = new AbortController();

  const drain = async (): Promise<HttpCloseResult> => {
    draining = true;
    const inFlight = active.size;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (active.size > 0) await Promise.race([deadline, new Promise<void>((resolve) => (onIdle = resolve))]);
    stopTimers.abort();
    const cut = cutAll();
    // Let the 503s go out (their connections then close themselves) before dropping the rest.
    if (active.size > 0) await new Promise<void>((resolve) => (onIdle = resolve));
    server.closeAllConnections();
    await closed;
    return { drained: inFlight - cut, cut, refused };
  };

  return {
    url: `${origin}/v1`,
    stats: () => ({ ...counts, activeRequests: active.size }),
    close(closeOptions = {}) {
      const { drainTimeoutMs = 0 } = closeOptions;
      checkNumberOption('drainTimeoutMs', drainTimeoutMs, { min: 0, allowInfinity: true });
      if (drainTimeoutMs === 0) cutNow?.();
      else if (drainTimeoutMs !== Number.POSITIVE_INFINITY) clock.sleep(drainTimeoutMs, stopTimers.signal).then(cutNow, () => undefined);
      closing ??= drain();
      return closing;
    },
  };
}
