/** The throwaway redis-server: stopped with its folder, and gone with its parent however the parent dies. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alive } from './alive.ts';
import { findRedisServer, startLocalRedis } from '../../src/distributed/redis-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Polls `check` every 50 ms until it holds or `ms` pass; returns whether it held. */
async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe.skipIf(findRedisServer() === null)('startLocalRedis', () => {
  it('stop() ends the server and removes its folder', async () => {
    const redis = await startLocalRedis();
    expect(alive(redis.pid)).toBe(true);
    expect(existsSync(redis.dir)).toBe(true);
    await redis.stop();
    expect(alive(redis.pid)).toBe(false);
    expect(existsSync(redis.dir)).toBe(false);
  }, 30_000);

  it('a SIGKILLed parent takes its redis-server and folder with it', async () => {
    const script = "import { startLocalRedis } from './src/distributed/redis-server.ts'; const r = await startLocalRedis(); console.log(JSON.stringify({ pid: r.pid, dir: r.dir })); setInterval(() => {}, 1000);";
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const [chunk] = (await once(parent.stdout, 'data')) as [Buffer];
    const { pid, dir } = JSON.parse(chunk.toString()) as { pid: number; dir: string };
    expect(alive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await once(parent, 'exit');
    // Wide margin: the watchdog sees end of file at once; a loaded machine may take a while to run it.
    expect(await eventually(() => !alive(pid), 10_000)).toBe(true);
    expect(await eventually(() => !existsSync(dir), 5_000)).toBe(true);
  }, 60_000);
});
