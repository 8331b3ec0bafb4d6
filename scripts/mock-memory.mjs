/**
 * Memory of the standalone mock under a long run: starts `llm-concurrency-bench mock` (the real
 * entry, src/cli.ts, through tsx) with zero latency, sends chat requests over loopback through a
 * keep-alive agent, and prints the server process's resident set size (VmRSS from /proc, so
 * Linux only) at each checkpoint. Extra arguments go to the mock command, e.g. `--log-file PATH`.
 *
 * Usage: node scripts/mock-memory.mjs [--requests 200000] [--concurrency 64] [-- mock options...]
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash < 0 ? argv : argv.slice(0, dash);
const mockArgs = dash < 0 ? [] : argv.slice(dash + 1);
const option = (name, fallback) => {
  const at = own.indexOf(name);
  const value = at < 0 ? fallback : Number(own[at + 1]);
  if (!(Number.isInteger(value) && value >= 1)) {
    process.stderr.write(`mock-memory: ${name} must be a whole number from 1, got ${JSON.stringify(own[at + 1])}\n`);
    process.exit(2);
  }
  return value;
};
const total = option('--requests', 200_000);
const concurrency = option('--concurrency', 64);
const checkpoints = [...new Set([1000, 10_000, 50_000, 100_000, 150_000, 200_000, total].filter((n) => n <= total))].sort((a, b) => a - b);

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', cli, 'mock', '--port', '0', '--latency', '0', ...mockArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk.toString('utf8');
    const match = /listening on (\S+)\n/.exec(out);
    if (match) resolve(match[1]);
  });
  child.on('exit', (code) => reject(new Error(`mock-memory: the mock exited with ${code} before listening`)));
});

/** The mock process's resident set size in MB. */
const rssMb = () => {
  const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
};

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(`${url}/chat/completions`);
const statuses = {};
/** One POST; resolves with its status (0 for a transport error). */
const send = (i) => new Promise((resolve) => {
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `request ${i}` }] });
  const req = request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode ?? 0));
  });
  req.on('error', () => resolve(0));
  req.end(body);
});

process.stdout.write(`mock: ${url} (pid ${child.pid}), ${total} requests at concurrency ${concurrency}, mock options: ${mockArgs.join(' ') || 'none'}\n`);
process.stdout.write(`before any request: RSS ${rssMb().toFixed(1)} MB\n`);
const started = performance.now();
let next = 0;
let done = 0;
for (const checkpoint of checkpoints) {
  const worker = async () => {
    while (next < checkpoint) {
      const status = await send(next++);
      statuses[status] = (statuses[status] ?? 0) + 1;
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await new Promise((resolve) => setTimeout(resolve, 1000)); // let the server go quiet before reading RSS
  process.stdout.write(`after ${String(done).padStart(7)} requests: RSS ${rssMb().toFixed(1).padStart(6)} MB  (${((performance.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(statuses)})\n`);
}
agent.destroy();
child.kill('SIGTERM');
await new Promise((resolve) => child.on('exit', resolve));
