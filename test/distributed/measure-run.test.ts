import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createMockProvider } from '../../mocks/index.ts';
import { measureRun } from '../../src/distributed/measure-run.ts';
import type { JobRecord } from '../../src/distributed/worker-core.ts';

describe('measureRun()', () => {
  it('counts a request served for a job that ran twice as wasted, since only one answer per input is used', async () => {
    const provider = createMockProvider({ latency: '0ms' });
    const client = new OpenAI({ apiKey: 'sk-mock', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 0 });
    // Three answers served: input 0, input 1, and input 1 again (a stalled job run by a second worker).
    for (let i = 0; i < 3; i++) await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `doc ${i}` }] });
    const records: JobRecord[] = [0, 1].map((index) => ({ index, start: 0, end: 1, ok: true, retries: 0 }));
    const metrics = measureRun({ records, enqueuedAt: 0, endedAt: 1, peakInFlight: 2, slots: 2, rpm: 60, burst: 5 }, provider);
    expect(metrics.requests).toBe(3);
    expect(metrics.requests - metrics.ok, 'wasted').toBe(1);
  });
});
