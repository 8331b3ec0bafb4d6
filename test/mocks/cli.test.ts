import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
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

const running: Run[] = [];
afterEach(() => {
  for (const run of running.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

describe('llm-concurrency-bench mock', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints one listening line, serves requests and stops cleanly on %s', async (signal) => {
    const run = start(['--port', '0', '--rpm', '60', '--latency', '10ms', '--seed', '3', '--api-key', 'sk-cli']);
    running.push(run);
    for (let i = 0; i < 300 && !run.stdout().includes('\n'); i++) await new Promise((r) => setTimeout(r, 50));
    const line = run.stdout();
    expect(line).toMatch(/^Mock LLM provider listening on http:\/\/127\.0\.0\.1:\d+\/v1\n$/);
    const url = line.trim().split(' ').at(-1)!;
    const response = await fetch(`${url}/models`, { headers: { authorization: 'Bearer sk-cli' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('60');
    expect((await fetch(`${url}/models`)).status).toBe(401);
    run.child.kill(signal);
    expect(await exitCode(run)).toBe(0);
    expect(run.stdout()).toBe(line);
    expect(run.stderr()).toBe('');
  }, 30_000);

  it.each([
    [['--rpm', 'abc'], /^error: option '--rpm <n>' argument 'abc' is invalid\. Expected `--rpm` to be an integer from 1 to 1000000000, got `abc`\.\n$/],
    [['--latency', '800'], /^error: option '--latency <spec>' argument '800' is invalid\. Failed to parse `latency` spec "800": missing unit/],
    [['--profile', 'premium'], /^error: option '--profile <name>' argument 'premium' is invalid/],
    [['--error-rate', '2'], /Expected `--error-rate` to be a number from 0 to 1, got `2`/],
    [['--port', '70000'], /Expected `--port` to be an integer from 0 to 65535, got `70000`/],
    [['--bogus'], /^error: unknown option '--bogus'\n$/],
  ])('rejects %j with one line on stderr and exit code 2', async (args, message) => {
    const run = start(args);
    running.push(run);
    expect(await exitCode(run)).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stdout()).toBe('');
  }, 30_000);
});
