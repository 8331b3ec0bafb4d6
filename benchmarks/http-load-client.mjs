/**
 * Child-process client of the `http-load` suite (benchmarks/http-load.ts): opens N connections
 * to a loopback URL, one socket each, and once every one is connected prints
 * `{"connected":N}` and waits for a line `go` on stdin (the suite sends it when the server has
 * accepted them all); then it sends one request on each socket at once. At the end it prints
 * one JSON line on stdout with per-status counts, errors, time-outs, the most sockets open at
 * once and the elapsed time. It lives in its own process so that 10,000 client sockets and
 * 10,000 server sockets do not share one process's descriptor limit. A plain .mjs file: the
 * suite loader imports every benchmarks/*.ts.
 *
 * Usage: node benchmarks/http-load-client.mjs <url> <requests> <timeoutMs>
 */
/* global AbortSignal -- a Node global; this plain .mjs file gets no TypeScript globals. */
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { URL } from 'node:url';

const [url, requestsArg, timeoutArg] = process.argv.slice(2);
const requests = Number(requestsArg);
const timeoutMs = Number(timeoutArg);
if (!url || !new URL(url).hostname.match(/^(127\.0\.0\.1|localhost|\[::1\])$/) || !(Number.isInteger(requests) && requests >= 1) || !(timeoutMs > 0)) {
  process.stderr.write(`http-load-client: expected <loopback url> <requests ≥ 1> <timeoutMs > 0>, got ${JSON.stringify(process.argv.slice(2))}\n`);
  process.exit(2);
}

// One socket per request, no keep-alive: every request is its own connection, all open at once.
const agent = new Agent({ keepAlive: false, maxSockets: requests, maxTotalSockets: requests });
const byStatus = {};
const errors = {};
let timedOut = 0;
let open = 0;
let peakOpen = 0;
/** Sockets connected, or requests failed before connecting. */
let ready = 0;
let allReady;
const everyoneReady = new Promise((resolve) => (allReady = resolve));
const markReady = () => {
  if (++ready === requests) allReady();
};

/** Opens one connection; returns a function that sends the request on it, and a promise of its outcome (never rejects). */
function prepare(i) {
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `request ${i}` }] });
  const signal = AbortSignal.timeout(timeoutMs);
  let req;
  const done = new Promise((resolve) => {
    let connected = false;
    let counted = false;
    let settled = false;
    /** Counts the outcome once, whichever of 'end' and 'error' comes first. */
    const settle = (count) => {
      if (settled) return;
      settled = true;
      if (!counted) markReady();
      counted = true;
      count();
      if (connected) open--;
      connected = false;
      resolve();
    };
    req = request(url, { method: 'POST', agent, signal, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => settle(() => {
        const key = String(res.statusCode ?? 0);
        byStatus[key] = (byStatus[key] ?? 0) + 1;
      }));
      res.on('error', (error) => fail(error));
    });
    const fail = (error) => settle(() => {
      if (signal.aborted) timedOut++;
      else {
        const key = error?.code ?? error?.name ?? 'unknown';
        errors[key] = (errors[key] ?? 0) + 1;
      }
    });
    req.on('socket', (socket) => {
      const onConnect = () => {
        if (settled) return;
        connected = true;
        open++;
        if (open > peakOpen) peakOpen = open;
        if (!counted) markReady();
        counted = true;
      };
      if (socket.connecting) socket.once('connect', onConnect);
      else onConnect();
    });
    req.on('error', fail);
  });
  return { send: () => req.end(body), done };
}

const started = performance.now();
const prepared = Array.from({ length: requests }, (_, i) => prepare(i));
await everyoneReady;
process.stdout.write(`${JSON.stringify({ connected: open })}\n`);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();
const sentAt = performance.now();
for (const p of prepared) p.send();
await Promise.all(prepared.map((p) => p.done));
const elapsedMs = Math.round(performance.now() - sentAt);
agent.destroy();
process.stdout.write(`${JSON.stringify({ requests, byStatus, errors, timedOut, peakOpen, connectMs: Math.round(sentAt - started), elapsedMs })}\n`);
