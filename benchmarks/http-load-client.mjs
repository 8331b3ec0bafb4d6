/**
 * Child-process client of the `http-load` suite (benchmarks/http-load.ts): opens N requests at
 * once to a loopback URL, one socket each, and prints one JSON line on stdout with per-status
 * counts, errors, time-outs, the most requests open at once and the elapsed time. It lives in
 * its own process so that 10,000 client sockets and 10,000 server sockets do not share one
 * process's descriptor limit. A plain .mjs file: the suite loader imports every benchmarks/*.ts.
 *
 * Usage: node benchmarks/http-load-client.mjs <url> <requests> <timeoutMs>
 */
/* global AbortSignal -- a Node global; this plain .mjs file gets no TypeScript globals. */
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
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

/** One POST; resolves when it is answered, fails or times out (never rejects). */
function send(i) {
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `request ${i}` }] });
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    /** Counts the outcome once, whichever of 'end' and 'error' comes first. */
    const settle = (count) => {
      if (settled) return;
      settled = true;
      count();
      if (connected) open--;
      connected = false;
      resolve();
    };
    const req = request(url, { method: 'POST', agent, signal, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
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
      };
      if (socket.connecting) socket.once('connect', onConnect);
      else onConnect();
    });
    req.on('error', fail);
    req.end(body);
  });
}

const started = performance.now();
await Promise.all(Array.from({ length: requests }, (_, i) => send(i)));
const elapsedMs = Math.round(performance.now() - started);
agent.destroy();
process.stdout.write(`${JSON.stringify({ requests, byStatus, errors, timedOut, peakOpen, elapsedMs })}\n`);
