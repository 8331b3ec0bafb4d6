/**
 * HTTP load: the `http` transport under N truly concurrent requests (by default
 * 10,000 at once, each answered 200 or 429, none lost, none hung, and the server still answers
 * afterwards). The mock provider listens on loopback in this process; a child Node process
 * (benchmarks/http-load-client.mjs) opens every request at once, one socket each, so client and
 * server sockets do not share one process's descriptor limit.
 *
 * Run: `npm run bench -- http-load [--requests N]` (writes `results/http-load.json` and `.md`).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkNumberOption, currentEnvironment, defineSuite, type CustomSuiteOutput, type Environment } from '../src/bench/index.ts';
import { realClock } from '../src/index.ts';
import { createMockProvider, type ProviderStats } from '../mocks/index.ts';

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
  /** Most requests connected and not yet answered at once, seen from the client. */
  peakOpen: number;
  elapsedMs: number;
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
  /** The follow-up request's status and whether it was a valid answer (200, or 429 with retry-after). */
  afterwards: { status: number | null; answered: boolean; error?: string };
  targetMet: boolean;
}

const CLIENT = fileURLToPath(new URL('./http-load-client.mjs', import.meta.url));
const MAX_REQUESTS = 10_000;

/** Runs the client script in a child process; rejects if it fails, prints no report, outlives `deadlineMs` or `signal` aborts. */
async function runClient(url: string, requests: number, timeoutMs: number, deadlineMs: number, signal?: AbortSignal): Promise<HttpLoadClientReport> {
  const watchdog = new AbortController();
  const abort = AbortSignal.any([watchdog.signal, ...(signal ? [signal] : [])]);
  const child = spawn(process.execPath, [CLIENT, url, String(requests), String(timeoutMs)], { stdio: ['ignore', 'pipe', 'pipe'], signal: abort, killSignal: 'SIGKILL' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const stopWatchdog = new AbortController();
  realClock.sleep(deadlineMs, stopWatchdog.signal).then(() => watchdog.abort(), () => undefined);
  try {
    const code = await exited;
    if (code !== 0) throw new Error(`Failed to run the load client: it exited with ${String(code)}: ${stderr.trim().slice(0, 500)}. Please check the command line above.`);
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as HttpLoadClientReport;
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

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Starts the mock provider's `http` transport, has a child process open `requests` requests at
 * once, then checks that the server still answers and closes it. Target: every request answered
 * 200 or 429, none lost, none timed out, and a valid answer afterwards.
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
    const client = await runClient(`${server.url}/chat/completions`, requests, timeoutMs, timeoutMs + 60_000, options.signal);
    const stats = provider.stats();
    const afterwards = await followUp(server.url, timeoutMs);
    const ok = client.byStatus['200'] ?? 0;
    const rateLimited = client.byStatus['429'] ?? 0;
    const otherStatuses = sum(client.byStatus) - ok - rateLimited;
    const lost = sum(client.errors);
    return {
      environment: currentEnvironment(),
      scenario: { requests, latency, rpm, burstRequests, timeoutMs, transport: 'http', client: 'child process, node:http, one socket per request, all opened at once' },
      client, ok, rateLimited, otherStatuses, lost, server: stats, afterwards,
      targetMet: ok + rateLimited === requests && otherStatuses === 0 && lost === 0 && client.timedOut === 0 && afterwards.answered,
    };
  } finally {
    await server.close();
  }
}

/** The table, notes and JSON the CLI prints and writes. */
function toOutput(r: HttpLoadResult): CustomSuiteOutput {
  const s = r.scenario;
  return {
    title: `HTTP load — ${s.requests} concurrent requests to the \`http\` transport (latency ${s.latency}, rpm ${s.rpm}, burst ${s.burstRequests}), ${r.environment.node}, ${r.environment.cpus} CPUs`,
    header: ['requests', '200', '429', 'other', 'lost', 'timed out', 'peak in flight (server)', 'peak open (client)', 'elapsed s', 'answers afterwards'],
    rows: [[s.requests, r.ok, r.rateLimited, r.otherStatuses, r.lost, r.client.timedOut, r.server.peakInFlight, r.client.peakOpen,
      (r.client.elapsedMs / 1000).toFixed(1), r.afterwards.answered ? `yes (${String(r.afterwards.status)})` : `no (${r.afterwards.status ?? r.afterwards.error ?? 'none'})`]],
    notes: [
      `target (${s.requests} concurrent requests, 200 or 429, none lost, none hung, answers afterwards): ${r.targetMet ? 'met' : 'NOT met'}`,
      'peak in flight (server) counts admitted requests only (provider.stats().peakInFlight); 429s are answered at once and never enter it',
      ...(r.lost > 0 ? [`lost by error: ${JSON.stringify(r.client.errors)}`] : []),
    ],
    json: { ...r },
  };
}

/** `npm run bench -- http-load`: 10,000 concurrent requests against the `http` transport. */
export default defineSuite({
  kind: 'custom',
  name: 'http-load',
  description: 'The http transport under 10,000 concurrent requests from a child process: 200 or 429, none lost, none hung, answers afterwards',
  run: async (ctx) => toOutput(await runHttpLoad({ requests: ctx.requests, signal: ctx.signal })),
});
