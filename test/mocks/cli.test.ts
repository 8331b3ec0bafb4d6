import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
}

function start(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'mock', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { child, stdout: () => out, stderr: () => err };
}

async function exitCode(run: Run): Promise<number | null> {
  if (run.child.exitCode !== null) return run.child.exitCode;
  const [code] = (await once(run.child, 'exit')) as [number | null];
  return code;
}

/** Waits (real time, up to 15 s) for the listening line and returns the base URL. */
async function listening(run: Run): Promise<string> {
  for (let i = 0; i < 300 && !run.stdout().includes('\n'); i++) await new Promise((r) => setTimeout(r, 50));
  const line = run.stdout();
  expect(line).toMatch(/^Mock LLM provider listening on http:\/\/127\.0\.0\.1:\d+\/v1\n$/);
  return line.trim().split(' ').at(-1)!;
}

interface Sent {
  /** Resolves when every request body has gone out. */
  sent: Promise<void>;
  /** Status and body of each answer, or the error code of a request that got none. */
  answers: Promise<Array<{ status: number; body: string } | { error: string }>>;
}

/** Opens `count` chat requests at once, one connection each. */
function sendMany(url: string, count: number): Sent {
  const agent = new Agent({ keepAlive: false, maxSockets: count });
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'drain me' }] });
  const sent: Array<Promise<void>> = [];
  const answers = Array.from({ length: count }, () => new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    const req = request(`${url}/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    sent.push(new Promise((done) => req.on('finish', done)));
    req.end(body);
  }));
  return { sent: Promise.all(sent).then(() => undefined), answers: Promise.all(answers).finally(() => agent.destroy()) };
}

/** True when `port` on 127.0.0.1 can be bound again. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

const running: Run[] = [];
afterEach(() => {
  for (const run of running.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

describe('llm-concurrency-bench mock', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints one listening line, serves requests, and on %s prints one stopped line and exits 0', async (signal) => {
    const run = start(['--port', '0', '--rpm', '60', '--latency', '10ms', '--seed', '3', '--api-key', 'sk-cli']);
    running.push(run);
    const url = await listening(run);
    const response = await fetch(`${url}/models`, { headers: { authorization: 'Bearer sk-cli' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('60');
    expect((await fetch(`${url}/models`)).status).toBe(401);
    run.child.kill(signal);
    expect(await exitCode(run)).toBe(0);
    expect(run.stdout()).toBe(`Mock LLM provider listening on ${url}\nMock LLM provider stopped: 0 in-flight requests drained, 0 cut with 503.\n`);
    expect(run.stderr()).toBe('');
  }, 30_000);

  it('--models replaces, extends (+) or opens (*) the model list', async () => {
    for (const [models, listed, served] of [['+llama3.1:8b,qwen2.5', 'qwen2.5', 'gpt-4o-mini'], ['llama3.1:8b', 'llama3.1:8b', 'llama3.1:8b'], ['*', 'gpt-4o-mini', 'any/model']] as const) {
      const run = start(['--port', '0', '--models', models]);
      running.push(run);
      const url = await listening(run);
      const ids = ((await (await fetch(`${url}/models`)).json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
      expect(ids).toContain(listed);
      if (models === 'llama3.1:8b') expect(ids).toEqual(['llama3.1:8b']);
      const answer = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: served, messages: [{ role: 'user', content: 'x' }] }) });
      expect(answer.status).toBe(200);
      if (models === 'llama3.1:8b') expect((await fetch(`${url}/models/gpt-4o-mini`)).status).toBe(404);
      run.child.kill('SIGTERM');
      expect(await exitCode(run)).toBe(0);
    }
  }, 60_000);

  it.each([
    [['--models', ''], /^mock: option '--models <list>' argument '' is invalid\. Expected `--models` to be a comma-separated list of model ids \(a leading \+ adds them to the defaults, \* accepts any id\), got ``\.\n$/],
    [['--models', '+'], /Expected `--models` to be a comma-separated list of model ids .*, got `\+`\./],
    [['--models', 'gpt-4o,,llama'], /Expected `--models` to be a comma-separated list of model ids .*, got `gpt-4o,,llama`\./],
    [['--rpm', 'abc'], /^mock: option '--rpm <n>' argument 'abc' is invalid\. Expected `--rpm` to be an integer from 1 to 1000000000, got `abc`\.\n$/],
    [['--latency', '800'], /^mock: option '--latency <spec>' argument '800' is invalid\. Failed to parse `latency` spec "800": missing unit/],
    [['--profile', 'premium'], /^mock: option '--profile <name>' argument 'premium' is invalid/],
    [['--error-rate', '2'], /Expected `--error-rate` to be a number from 0 to 1, got `2`/],
    [['--port', '70000'], /Expected `--port` to be an integer from 0 to 65535, got `70000`/],
    [['--bogus'], /^mock: unknown option '--bogus'\n$/],
    [['--drain-timeout', '5'], /--drain-timeout must be a duration such as 500ms, 30s or 0: missing unit in "5"/],
    [['--host', ''], /^mock: option '--host <host>' argument '' is invalid\. --host must name an interface such as 127\.0\.0\.1 \(0\.0\.0\.0 for all\), got an empty string\.\n$/],
    [['--api-key', ''], /--api-key must name the key clients must send, got an empty string\./],
    [['--log-file', ''], /--log-file must name a file, got an empty string\./],
    [['--log-file', join(tmpdir(), 'no-such-folder-llm-bench', 'log.jsonl')], /^mock: Failed to open --log-file ".*log\.jsonl": its folder does not exist\. Please give a writable file path\.\n$/],
  ])('rejects %j with one line on stderr and exit code 2', async (args, message) => {
    const run = start(args);
    running.push(run);
    expect(await exitCode(run)).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stdout()).toBe('');
  }, 30_000);
});

describe('llm-concurrency-bench mock: shutdown', () => {
  // Real processes on a real clock: 200 requests of 3 s each, the signal about 1 s after the
  // last body went out, so every request is still in service when it arrives (2 s of margin).
  const inFlightThenSignal = async (args: string[]) => {
    const run = start(['--port', '0', '--latency', '3s', ...args]);
    running.push(run);
    const url = await listening(run);
    const port = Number(new URL(url).port);
    const load = sendMany(url, 200);
    await load.sent;
    await new Promise((r) => setTimeout(r, 1000));
    const signalledAt = performance.now();
    run.child.kill('SIGTERM');
    const [answers, code] = await Promise.all([load.answers, exitCode(run)]);
    return { run, answers, code, port, exitedAfterMs: performance.now() - signalledAt };
  };

  it('SIGTERM with 200 requests in flight: all 200 finish with 200 OK, one line says so, exit code 0 and the port is free', async () => {
    const { run, answers, code, port } = await inFlightThenSignal([]);
    expect(answers.map((a) => ('status' in a ? a.status : a.error))).toEqual(Array(200).fill(200));
    expect(code).toBe(0);
    expect(run.stdout().split('\n')[1]).toBe('Mock LLM provider stopped: 200 in-flight requests drained, 0 cut with 503.');
    expect(run.stderr()).toBe('');
    expect(await portIsFree(port)).toBe(true);
  }, 60_000);

  it('--drain-timeout 500ms: the requests still running then get an OpenAI-style 503 and the process exits 0', async () => {
    const { run, answers, code, port, exitedAfterMs } = await inFlightThenSignal(['--drain-timeout', '500ms']);
    expect(answers.map((a) => ('status' in a ? a.status : a.error))).toEqual(Array(200).fill(503));
    const first = answers[0] as { body: string };
    expect(JSON.parse(first.body)).toEqual({ error: { message: expect.stringMatching(/shutting down/), type: 'server_error', param: null, code: 'server_shutting_down' } });
    expect(code).toBe(0);
    expect(exitedAfterMs).toBeLessThan(1900); // well before the 3 s requests would have ended
    expect(run.stdout().split('\n')[1]).toBe('Mock LLM provider stopped: 0 in-flight requests drained, 200 cut with 503.');
    expect(await portIsFree(port)).toBe(true);
  }, 60_000);

  it('a second signal during the drain exits at once with code 130', async () => {
    const run = start(['--port', '0', '--latency', '20s']);
    running.push(run);
    const url = await listening(run);
    const load = sendMany(url, 5);
    await load.sent;
    await new Promise((r) => setTimeout(r, 500));
    run.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    const signalledAt = performance.now();
    run.child.kill('SIGINT');
    expect(await exitCode(run)).toBe(130);
    expect(performance.now() - signalledAt).toBeLessThan(5000);
    expect(run.stderr()).toBe('Mock LLM provider: second signal during the drain, exiting at once.\n');
    expect((await load.answers).every((a) => 'error' in a)).toBe(true);
  }, 60_000);

  it('--log-file appends every request as one JSON line, flushed by the time the process exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-log-'));
    try {
      const file = join(dir, 'requests.jsonl');
      const run = start(['--port', '0', '--latency', '0', '--log-file', file, '--rpm', '60', '--seed', '2']);
      running.push(run);
      const url = await listening(run);
      const answers = await sendMany(url, 50).answers;
      await fetch(`${url}/models`);
      run.child.kill('SIGTERM');
      expect(await exitCode(run)).toBe(0);
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: number; endpoint: string; status: number });
      expect(lines).toHaveLength(51);
      expect(lines.map((l) => l.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
      expect(lines.filter((l) => l.endpoint === 'chat').map((l) => l.status).sort()).toEqual(answers.map((a) => ('status' in a ? a.status : 0)).sort());
      expect(lines.at(-1)).toMatchObject({ endpoint: 'models', status: 200 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
