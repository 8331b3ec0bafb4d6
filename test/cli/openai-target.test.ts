/**
 * `bench --target openai` end to end: the mock provider serves real HTTP in this process
 * (it counts what reaches it), and the real entry point runs as a child process with the
 * key in its environment.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockProvider, type MockProvider } from '../../mocks/index.ts';
import type { HttpServerHandle } from '../../mocks/transports/http.ts';
import { tempDirs } from './fake-io.ts';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEY = 'sk-test-target-4f1d9c2a7e6b';
const dirs = tempDirs();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `llm-concurrency-bench bench ...args` with `env` added to (or, with undefined, removed from) a clean environment. */
async function bench(args: string[], env: Record<string, string | undefined> = { OPENAI_API_KEY: KEY }, onStart?: (kill: (signal: NodeJS.Signals) => void) => void): Promise<Run> {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete base.OPENAI_API_KEY;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete base[name];
    else base[name] = value;
  }
  const child = spawn(process.execPath, ['--conditions=llm-concurrency-bench-source', '--import', 'tsx', CLI, 'bench', ...args], { cwd: ROOT, env: base, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  onStart?.((signal) => child.kill(signal));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Every file under `dir`, as text. */
async function filesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(names.filter((d) => d.isFile()).map((d) => readFile(join(d.parentPath, d.name), 'utf8')));
}

const outDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-target-'));
  dirs.push(dir);
  return dir;
};

/** The header row of the default table: the column names. */
const header = (table: string): string => table.split('\n').find((line) => line.includes('strategy') && line.includes('makespan'))!;

let provider: MockProvider;
let server: HttpServerHandle;
const SMALL = ['strategies', '--strategies', 'serial,batch-pool', '--requests', '5', '--iterations', '1'];

beforeAll(async () => {
  provider = createMockProvider({ apiKey: KEY, latency: '50ms', rpm: 10_000 });
  server = await provider.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
});

describe('bench --target openai', () => {
  it('runs every row against the endpoint, prints the columns of a mock run and stores the target without the key', async () => {
    const mockOut = await outDir();
    const mock = await bench([...SMALL, '--clock', 'real', '--time-scale', '0.05', '--out', mockOut], {});
    expect(mock.code, mock.stderr).toBe(0);

    const out = await outDir();
    provider.reset();
    const run = await bench([...SMALL, '--target', 'openai', '--base-url', server.url, '--model', 'gpt-4o-mini', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(header(run.stdout)).toBe(header(mock.stdout));
    expect(provider.stats().endpoints.chat.requests, 'two rows of five requests, no warm-up').toBe(10);
    expect(run.stderr).toMatch(/^bench: target openai at http:\/\/127\.0\.0\.1:\d+\/v1: at most 10 requests with every retry, within --max-requests 1000 \(the default with --target openai\)\.$/m);
    expect(run.stderr).toMatch(/^bench: strategies: estimated cost \$0\.\d{4} \(10 requests × ~\d+ prompt \+ ≤256 completion tokens at gpt-4o-mini list prices\)/m);

    const json = JSON.parse(await readFile(join(out, 'strategies.json'), 'utf8')) as {
      target: unknown; scenario: { provider: object; clock: string };
      rows: Array<{ name: string; counts: { requests: number; ok: number }; tokens: { prompt: number; completion: number }; rateLimitsSeen?: { limitRequests?: number } }>;
    };
    const mockJson = JSON.parse(await readFile(join(mockOut, 'strategies.json'), 'utf8')) as { rows: Array<Record<string, unknown>> };
    expect(json.target).toEqual({ kind: 'openai', baseUrl: server.url, model: 'gpt-4o-mini' });
    expect(json.scenario.provider, "the endpoint's settings are not known").toEqual({});
    expect(json.scenario.clock).toBe('real');
    for (const row of json.rows) {
      expect(row.counts, row.name).toMatchObject({ requests: 5, ok: 5 });
      expect(row.tokens.prompt, 'tokens from usage').toBeGreaterThan(0);
      expect(row.rateLimitsSeen?.limitRequests, 'x-ratelimit-* headers seen').toBe(10_000);
      // Not available from a real endpoint: the harness overhead calibrated against the mock.
      const { predictedOverheadShare: _share, ...mockRow } = mockJson.rows.find((r) => r.name === row.name)!;
      const { rateLimitsSeen: _seen, ...rest } = row;
      expect(Object.keys(rest).sort(), 'the fields of a mock row').toEqual(Object.keys(mockRow).sort());
    }
    for (const text of [run.stdout, run.stderr, ...(await filesUnder(out))]) expect(text).not.toContain(KEY);
  });

  it('stops at the first 401 with one line and exit 1, after a handful of requests', async () => {
    const out = await outDir();
    provider.reset();
    const wrong = 'sk-wrong-key-9b8a7c6d5e';
    const run = await bench(['strategies', '--strategies', 'serial,batch-pool', '--requests', '20', '--iterations', '2', '--target', 'openai', '--base-url', server.url, '--out', out], { OPENAI_API_KEY: wrong });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(`bench: the endpoint rejected the API key (401 invalid_api_key) at ${server.url}`);
    expect(lines.filter((l) => l.includes('rejected'))).toHaveLength(1);
    expect(provider.stats().requests, 'of 80 requests the run would send').toBeLessThanOrEqual(3);
    for (const text of [run.stdout, run.stderr, ...(await filesUnder(out))]) expect(text).not.toContain(wrong);
  });

  it('refuses a run over --max-requests before sending anything', async () => {
    provider.reset();
    const run = await bench([...SMALL, '--iterations', '3', '--target', 'openai', '--base-url', server.url, '--max-requests', '29', '--out', await outDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bench: this run may send up to 30 requests \(strategies: 30; .*\), more than --max-requests 29; nothing was sent\./);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(provider.stats().requests).toBe(0);
  });

  it.each([
    ['--clock virtual', ['--clock', 'virtual'], { OPENAI_API_KEY: KEY }, /^bench: --clock virtual cannot time a real endpoint/],
    ['no OPENAI_API_KEY', [], { OPENAI_API_KEY: undefined }, /^bench: --target openai needs an API key in the environment variable OPENAI_API_KEY, which is not set/],
    ['--api-key-env naming an unset variable', ['--api-key-env', 'MY_KEY'], { OPENAI_API_KEY: KEY, MY_KEY: undefined }, /^bench: --target openai needs an API key in the environment variable MY_KEY/],
  ])('%s: one line, exit 2, nothing sent', async (_label, args, env, message) => {
    provider.reset();
    const run = await bench([...SMALL, '--target', 'openai', '--base-url', server.url, ...args], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(provider.stats().requests).toBe(0);
  });

  it('takes the key from the variable --api-key-env names', async () => {
    provider.reset();
    const run = await bench([...SMALL, '--target', 'openai', '--base-url', server.url, '--api-key-env', 'MY_KEY', '--out', await outDir()], { MY_KEY: KEY });
    expect(run.code, run.stderr).toBe(0);
    expect(provider.stats().endpoints.chat.ok).toBe(10);
  });

  it('a refused connection is one line and exit 1', async () => {
    const closed = createMockProvider({});
    const gone = await closed.listen({ port: 0, host: '127.0.0.1' });
    await gone.close();
    const run = await bench([...SMALL, '--target', 'openai', '--base-url', gone.url, '--out', await outDir()]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toBe(`bench: the connection was refused (ECONNREFUSED) at ${gone.url}`);
  });

  it('SIGINT aborts the request in flight at once and exits 130', async () => {
    const slow = createMockProvider({ apiKey: KEY, latency: '30s' });
    const slowServer = await slow.listen({ port: 0, host: '127.0.0.1' });
    try {
      let interruptedAt = 0;
      const run = await bench([...SMALL, '--target', 'openai', '--base-url', slowServer.url, '--out', await outDir()], { OPENAI_API_KEY: KEY }, (kill) => {
        const poll = setInterval(() => {
          if (slow.stats().inFlight < 1) return;
          clearInterval(poll);
          interruptedAt = performance.now();
          kill('SIGINT');
        }, 50);
      });
      expect(run.code).toBe(130);
      // The request had 30 s to go; a wide margin for a loaded machine.
      expect(performance.now() - interruptedAt).toBeLessThan(10_000);
      expect(slow.stats().endpoints.chat.ok, 'no request finished').toBe(0);
    } finally {
      await slowServer.close({ drainTimeoutMs: 0 });
    }
  });
});
