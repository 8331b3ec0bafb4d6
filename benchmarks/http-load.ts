/**
 * HTTP load: the `http` transport under a burst of N requests opened at once (by default
 * 10,000, each answered 200 or 429, none lost, none hung, and the server still answers
 * afterwards). The mock provider listens on loopback in this process; a child Node process
 * (benchmarks/http-load-client.mjs) opens every request at once, one socket each, so client and
 * server sockets do not share one process's descriptor limit. It measures the concurrency
 * actually reached on both sides: the client's peak of open sockets, and the server's peaks of
 * open connections and of requests in progress.
 *
 * Run: `npm run bench -- http-load [--requests N]` (writes `results/http-load.json` and `.md`).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkNumberOption, currentEnvironment, defineSuite, type CustomSuiteOutput, type Environment } from '../src/bench/index.ts';
import { realClock } from '../src/index.ts';
import { createMockProvider, type HttpServerHandle, type HttpServerStats, type ProviderStats } from '../mocks/index.ts';

/** Options of {@link runHttpLoad}. */
export interface HttpLoadOptions {
  /** Requests opened at once. Minimum: 1, maximum: 10000 (loopback ports and descriptors). @default 10000 */
  requests?: number;
  /** Fixed latency of every admitted request, real clock, so requests overlap. @default '3s' */
  latency?: string;
  /** Request bucket refill per minute. @default 60 */
  rpm?: number;
  /** Request bucket size: the first this many get 200, the rest mostly 429. @default 6000 */
  burstRequests?: number;
  /** Per-request deadline in the client; a request still open then counts as timed out. @default 60000 */
  timeoutMs?: number;
  /** Kills the client and closes the server. */
  signal?: AbortSignal;
}

/** What the child client reports (one JSON line on its stdout). */
export interface HttpLoadClientReport {
  requests: number;
  byStatus: Record<string, number>;
  /** Requests that ended without a response, per error code. */
  errors: Record<string, number>;
  timedOut: number;
  /** Most sockets connected and not yet answered at once, seen from the client. */
  peakOpen: number;
  /** From the first connect to the moment every request was sent. */
  connectMs: number;
  /** From sending every request to the last answer. */
  elapsedMs: number;
}

/** The moment the client was told to send: every socket connected, and as many accepted by the server as it took in the wait. */
export interface HttpLoadStart {
  /** Sockets the client had connected. */
  clientConnected: number;
  /** Connections the server had accepted and open. */
  serverOpen: number;
  /** How long the suite waited for the server to accept them. */
  waitedMs: number;
}

/** The concurrency a run reached, on each side. */
export interface HttpLoadConcurrency {
  /** The client's peak of sockets connected and not yet answered. A connect completes in the kernel, so it can count connections the server has not accepted yet. */
  clientOpenSockets: number;
  /** The server's peak of accepted connections open at once. */
  serverConnections: number;
  /** The server's peak of requests being read or answered at once (429s included). */
  serverRequests: number;
  /** The provider's peak of admitted requests in flight (429s never enter it). */
  providerInFlight: number;
}

/** The figures of one run, as written to `results/http-load.json`. */
export interface HttpLoadResult {
  environment: Environment;
  scenario: { requests: number; latency: string; rpm: number; burstRequests: number; timeoutMs: number; transport: 'http'; client: string };
  client: HttpLoadClientReport;
  ok: number;
  rateLimited: number;
  otherStatuses: number;
  lost: number;
  /** `provider.stats()` after the burst (before the follow-up request). */
  server: ProviderStats;
  /** The transport's connection and request counts after the burst. */
  transport: HttpServerStats;
  /** The state when the requests were sent. */
  start: HttpLoadStart;
  concurrency: HttpLoadConcurrency;
  /** Handshakes the kernel dropped because the listen queue was full during the run (Linux, whole network namespace); `null` where unknown. */
  listenOverflows: number | null;
  /** The follow-up request's status and whether it was a valid answer (200, or 429 with retry-after). */
  afterwards: { status: number | null; answered: boolean; error?: string };
  /** The targets not met, one line each (empty when all are met). */
  failures: string[];
}

const CLIENT = fileURLToPath(new URL('./http-load-client.mjs', import.meta.url));
const MAX_REQUESTS = 10_000;
/** Longest wait for the server to accept every connection the client has made. */
const ACCEPT_WAIT_MS = 15_000;

/**
 * Waits (real clock, up to {@link ACCEPT_WAIT_MS}) until the server holds `connected`
 * connections, so that every request is sent while all connections are open at both ends.
 */
async function waitForAccepts(server: HttpServerHandle, connected: number): Promise<HttpLoadStart> {
  const started = realClock.now();
  while (server.stats().openConnections < connected && realClock.now() - started < ACCEPT_WAIT_MS) await realClock.sleep(10);
  return { clientConnected: connected, serverOpen: server.stats().openConnections, waitedMs: Math.round(realClock.now() - started) };
}

/**
 * Runs the client script in a child process: it connects every socket, the suite waits for the
 * server to accept them, then tells it to send. Rejects if it fails, prints no report, outlives
 * `deadlineMs` or `signal` aborts.
 */
async function runClient(server: HttpServerHandle, requests: number, timeoutMs: number, deadlineMs: number, signal?: AbortSignal): Promise<{ report: HttpLoadClientReport; start: HttpLoadStart }> {
  const watchdog = new AbortController();
  const abort = AbortSignal.any([watchdog.signal, ...(signal ? [signal] : [])]);
  const child = spawn(process.execPath, [CLIENT, `${server.url}/chat/completions`, String(requests), String(timeoutMs)], { stdio: ['pipe', 'pipe', 'pipe'], signal: abort, killSignal: 'SIGKILL' });
  let stdout = '';
  let stderr = '';
  let start: Promise<HttpLoadStart> | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    const ready = /^\{"connected":(\d+)\}$/m.exec(stdout);
    if (ready && start === undefined) {
      start = waitForAccepts(server, Number(ready[1]));
      void start.then(() => child.stdin.end('go\n'));
    }
  });
  child.stdin.on('error', () => undefined); // the child may be gone already; its exit code tells
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const stopWatchdog = new AbortController();
  realClock.sleep(deadlineMs, stopWatchdog.signal).then(() => watchdog.abort(), () => undefined);
  try {
    const code = await exited;
    if (code !== 0 || start === undefined) throw new Error(`Failed to run the load client: it exited with ${String(code)}: ${stderr.trim().slice(0, 500)}. Please check the command line above.`);
    return { report: JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as HttpLoadClientReport, start: await start };
  } catch (error) {
    if (watchdog.signal.aborted) throw new Error(`Failed to run the load client: it was still running after ${deadlineMs} ms and was killed. Please rerun with fewer --requests.`, { cause: error });
    throw error;
  } finally {
    stopWatchdog.abort();
  }
}

/** One request after the burst: did the server still answer properly? */
async function followUp(url: string, timeoutMs: number): Promise<HttpLoadResult['afterwards']> {
  try {
    const res = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'afterwards' }] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { choices?: unknown[]; error?: { code?: string } };
    const answered = (res.status === 200 && Array.isArray(body.choices))
      || (res.status === 429 && res.headers.get('retry-after') !== null && body.error?.code === 'rate_limit_exceeded');
    return { status: res.status, answered };
  } catch (error) {
    return { status: null, answered: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The kernel's count of listen-queue overflows (`TcpExt: ListenOverflows`), or `null` where there is no /proc/net/netstat. */
function listenOverflowCount(): number | null {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((line) => line.startsWith('TcpExt:'));
    const names = lines[0]?.split(/\s+/) ?? [];
    const values = lines[1]?.split(/\s+/) ?? [];
    const at = names.indexOf('ListenOverflows');
    return at < 0 ? null : Number(values[at]);
  } catch {
    return null;
  }
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** The targets the suite states, each checked; returns the ones not met. */
export function unmetTargets(r: Omit<HttpLoadResult, 'failures' | 'environment'>): string[] {
  const n = r.scenario.requests;
  const failures: string[] = [];
  if (r.ok + r.rateLimited !== n || r.otherStatuses > 0) failures.push(`${r.ok + r.rateLimited} of ${n} requests answered 200 or 429 (${r.otherStatuses} other statuses)`);
  if (r.lost > 0) failures.push(`${r.lost} of ${n} requests lost without an answer: ${JSON.stringify(r.client.errors)}`);
  if (r.client.timedOut > 0) failures.push(`${r.client.timedOut} of ${n} requests still open after ${r.scenario.timeoutMs} ms`);
  if (!r.afterwards.answered) failures.push(`the server did not answer properly after the burst (${r.afterwards.status ?? r.afterwards.error ?? 'no answer'})`);
  if (r.concurrency.clientOpenSockets < n) failures.push(`the client had at most ${r.concurrency.clientOpenSockets} of ${n} sockets open at once`);
  if (r.concurrency.serverConnections < n) failures.push(`the server had at most ${r.concurrency.serverConnections} of ${n} connections open at once`);
  return failures;
}

/**
 * Starts the mock provider's `http` transport, has a child process open `requests` connections,
 * waits until the server has accepted them, has it send a request on each at once, then checks that the server still answers and closes it. Targets: every request
 * answered 200 or 429, none lost, none timed out, a valid answer afterwards, and `requests`
 * connections open at once at the client and at the server.
 */
export async function runHttpLoad(options: HttpLoadOptions = {}): Promise<HttpLoadResult> {
  const requests = checkNumberOption('requests', options.requests ?? MAX_REQUESTS, { min: 1, max: MAX_REQUESTS, integer: true });
  const latency = options.latency ?? '3s';
  const rpm = options.rpm ?? 60;
  const burstRequests = options.burstRequests ?? 6000;
  const timeoutMs = checkNumberOption('timeoutMs', options.timeoutMs ?? 60_000, { min: 1, max: 600_000, integer: true });
  const provider = createMockProvider({ latency, outputTokens: 4, rpm, burstRequests });
  const server = await provider.listen({ port: 0, host: '127.0.0.1' });
  try {
    const overflowsBefore = listenOverflowCount();
    const { report: client, start } = await runClient(server, requests, timeoutMs, timeoutMs + ACCEPT_WAIT_MS + 60_000, options.signal);
    const overflowsAfter = listenOverflowCount();
    const stats = provider.stats();
    const transport = server.stats();
    const afterwards = await followUp(server.url, timeoutMs);
    const ok = client.byStatus['200'] ?? 0;
    const rateLimited = client.byStatus['429'] ?? 0;
    const result = {
      scenario: { requests, latency, rpm, burstRequests, timeoutMs, transport: 'http' as const, client: 'child process, node:http, one socket per request; every socket connected and accepted, then every request sent at once' },
      client, ok, rateLimited, otherStatuses: sum(client.byStatus) - ok - rateLimited, lost: sum(client.errors), server: stats, transport, start,
      concurrency: { clientOpenSockets: client.peakOpen, serverConnections: transport.peakConnections, serverRequests: transport.peakActiveRequests, providerInFlight: stats.peakInFlight },
      listenOverflows: overflowsBefore === null || overflowsAfter === null ? null : overflowsAfter - overflowsBefore,
      afterwards,
    };
    return { environment: currentEnvironment(), ...result, failures: unmetTargets(result) };
  } finally {
    await server.close();
  }
}

/** The table, notes, failures and JSON the CLI prints and writes. */
export function toOutput(r: HttpLoadResult): CustomSuiteOutput {
  const s = r.scenario;
  const c = r.concurrency;
  const reached = c.serverConnections >= s.requests && c.clientOpenSockets >= s.requests;
  return {
    title: `HTTP load — ${s.requests} requests opened at once against the \`http\` transport (latency ${s.latency}, rpm ${s.rpm}, burst ${s.burstRequests}), ${r.environment.node}, ${r.environment.cpus} CPUs`,
    header: ['requests', '200', '429', 'other', 'lost', 'timed out', 'peak open sockets (client)', 'peak connections (server)', 'peak requests (server)', 'peak in flight (provider)', 'connect s', 'answer s', 'answers afterwards'],
    rows: [[s.requests, r.ok, r.rateLimited, r.otherStatuses, r.lost, r.client.timedOut, c.clientOpenSockets, c.serverConnections, c.serverRequests, c.providerInFlight,
      (r.client.connectMs / 1000).toFixed(1), (r.client.elapsedMs / 1000).toFixed(1), r.afterwards.answered ? `yes (${String(r.afterwards.status)})` : `no (${r.afterwards.status ?? r.afterwards.error ?? 'none'})`]],
    notes: [
      reached
        ? `concurrency reached: ${s.requests} sockets open at once at the client and ${c.serverConnections} connections at the server`
        : `concurrency reached is below ${s.requests}: at most ${c.clientOpenSockets} sockets open at once at the client and ${c.serverConnections} connections at the server`,
      `requests sent once the client had ${r.start.clientConnected} sockets connected and the server ${r.start.serverOpen} connections accepted (waited ${r.start.waitedMs} ms for accepts)`,
      'peak requests (server) counts requests being read or answered, 429s included; peak in flight (provider) counts admitted requests only (429s are answered at once)',
      `listen-queue overflows during the run (kernel, whole network namespace): ${r.listenOverflows ?? 'unknown'}`,
      ...(r.lost > 0 ? [`lost by error: ${JSON.stringify(r.client.errors)}`] : []),
      r.failures.length === 0
        ? `targets (all ${s.requests} answered 200 or 429, none lost, none hung, answers afterwards, ${s.requests} open at once at client and server): all met`
        : `targets not met: ${r.failures.length} (listed below)`,
    ],
    failures: r.failures,
    json: { ...r },
  };
}

/** `npm run bench -- http-load`: 10,000 requests opened at once against the `http` transport. */
export default defineSuite({
  kind: 'custom',
  name: 'http-load',
  description: 'The http transport under 10,000 requests opened at once from a child process: 200 or 429, none lost, none hung, answers afterwards, concurrency reached on both sides',
  run: async (ctx) => toOutput(await runHttpLoad({ requests: ctx.requests, signal: ctx.signal })),
});
