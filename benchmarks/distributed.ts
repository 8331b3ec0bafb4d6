/**
 * Past one machine: K worker processes on BullMQ + Redis against one org-wide rate limit
 * (free tier and hosted), three ways to share it — split per worker, BullMQ's global
 * limiter, an adaptive limiter per worker — next to the in-process reference, each with
 * its virtual-clock simulation; then the simulation alone up to K = 256.
 *
 * Run: `npm run bench -- distributed [--redis-url redis://HOST:PORT]` (without it the suite
 * starts its own redis-server). BullMQ loads only when the suite runs, so `list` works
 * without it.
 */
import { defineSuite, UsageError } from '../src/bench/index.ts';

export default defineSuite({
  kind: 'custom',
  name: 'distributed',
  description: 'K worker processes on BullMQ + Redis sharing one rate limit: split, global limiter, adaptive; simulated up to K = 256',
  async run(ctx) {
    // tsc rewrites the static imports' `.ts` to `.js` when it builds dist/, not this one.
    const entry = import.meta.url.endsWith('.ts') ? '../src/distributed/index.ts' : '../src/distributed/index.js';
    let loaded: typeof import('../src/distributed/index.ts');
    try {
      loaded = (await import(new URL(entry, import.meta.url).href)) as typeof import('../src/distributed/index.ts');
    } catch (error) {
      const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
      const missing = ['bullmq', 'ioredis'].find((name) => code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${name}'`));
      if (missing === undefined) throw error;
      throw new UsageError(`the distributed suite needs ${missing}, an optional peer dependency that is not installed: npm install bullmq@^6 ioredis@^5`);
    }
    return loaded.runDistributedSuite(ctx);
  },
});
