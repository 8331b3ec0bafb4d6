import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider, type RequestLogEntry } from '../../mocks/index.ts';
import { RequestLog } from '../../mocks/engine/request-log.ts';
import { chatBody, post } from './helpers.ts';

const entry = (id: number, status = 200, endpoint: RequestLogEntry['endpoint'] = 'chat'): RequestLogEntry => ({
  id, endpoint, model: 'gpt-4o-mini', stream: false, arrival: id, start: id, end: id + 1, status, errorType: status === 200 ? null : 'x',
  promptTokens: 3, completionTokens: status === 200 ? 5 : 0, inFlightAtArrival: 0, serviceMs: 1, loadMultiplier: 1,
});

describe('RequestLog', () => {
  it('a ring keeps the most recent entries, oldest first, while the totals count every entry', () => {
    const log = new RequestLog('ring', 10_000);
    for (let id = 1; id <= 25_003; id++) log.push(entry(id, id % 10 === 0 ? 429 : 200));
    const kept = log.entries();
    expect(kept).toHaveLength(10_000);
    expect(kept[0]!.id).toBe(15_004);
    expect(kept.at(-1)!.id).toBe(25_003);
    expect(kept.every((e, i) => i === 0 || e.id === kept[i - 1]!.id + 1)).toBe(true);
    const stats = log.stats(0, 0);
    expect(stats).toMatchObject({ requests: 25_003, ok: 22_503, rateLimited: 2500, promptTokens: 3 * 25_003, okPromptTokens: 3 * 22_503, okCompletionTokens: 5 * 22_503, firstArrival: 1, lastEnd: 25_004 });
    expect(stats.endpoints.chat).toEqual({ ...stats.endpoints.chat, requests: 25_003, byStatus: { 200: 22_503, 429: 2500 } });
  });

  it('`full` keeps every entry; clear() empties it and zeroes the totals', () => {
    const log = new RequestLog('full');
    for (let id = 1; id <= 12_000; id++) log.push(entry(id));
    expect(log.entries()).toHaveLength(12_000);
    log.clear();
    expect(log.entries()).toEqual([]);
    expect(log.stats(0, 0)).toMatchObject({ requests: 0, byStatus: {}, okPromptTokens: 0, firstArrival: null, lastEnd: null, endpoints: { chat: { requests: 0 } } });
  });

  it('stats() returns copies: changing them does not change the totals', () => {
    const log = new RequestLog('ring', 2);
    log.push(entry(1));
    const stats = log.stats(0, 0);
    stats.byStatus['200'] = 99;
    stats.endpoints.chat.byStatus['200'] = 99;
    expect(log.stats(0, 0).byStatus).toEqual({ 200: 1 });
    expect(log.stats(0, 0).endpoints.chat.byStatus).toEqual({ 200: 1 });
  });
});

describe('provider log options', () => {
  it('logLimit bounds provider.log; stats() and its per-endpoint totals still cover every request', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ clock, outputTokens: 4, rpm: 60, burstRequests: 20, logLimit: 5 });
    await clock.run(async () => {
      await (await post(provider, '/embeddings', { model: 'text-embedding-3-small', input: 'hello world!' })).text();
      for (let i = 0; i < 30; i++) await (await post(provider, '/chat/completions', chatBody(`q${i}`))).text();
      await (await provider.fetch(`${provider.baseURL}/models`)).text();
      await (await provider.fetch('http://mock-llm.local/nowhere')).text();
    });
    expect(provider.log.map((e) => e.endpoint)).toEqual(['chat', 'chat', 'chat', 'models', 'other']);
    const stats = provider.stats();
    expect(stats.requests).toBe(33);
    // The bucket holds 20 requests and the clock does not move: the embeddings request and 19 chat requests get 200.
    expect(stats.endpoints.chat).toMatchObject({ requests: 30, ok: 19, rateLimited: 11, okCompletionTokens: 19 * 4, completionTokens: 19 * 4 });
    expect(stats.endpoints.chat.okPromptTokens).toBe(stats.endpoints.chat.promptTokens * 19 / 30);
    expect(stats.endpoints.models).toMatchObject({ requests: 1, ok: 1 });
    expect(stats.endpoints.embeddings).toMatchObject({ requests: 1, ok: 1, okPromptTokens: 3 });
    expect(stats.endpoints.other).toMatchObject({ requests: 1, clientErrors: 1, byStatus: { 404: 1 } });
  });

  it("log: 'full' keeps more than 10,000 entries", async () => {
    const provider = createMockProvider({ log: 'full', outputTokens: 1 });
    for (let i = 0; i < 10_050; i++) await post(provider, '/chat/completions', '{bad');
    expect(provider.log).toHaveLength(10_050);
    expect(provider.log[0]!.id).toBe(1);
  }, 60_000);

  it('onRequestLogged sees every entry in logging order, whatever the ring keeps; a throwing callback leaves the provider whole', async () => {
    const seen: number[] = [];
    const clock = new VirtualClock();
    const provider = createMockProvider({ clock, latency: '1s', outputTokens: 2, logLimit: 1, onRequestLogged: (e) => seen.push(e.id) });
    await clock.run(() => Promise.all([0, 1, 2].map(async (i) => (await post(provider, '/chat/completions', chatBody(`q${i}`))).text())));
    expect(seen.sort()).toEqual([1, 2, 3]);
    expect(provider.log).toHaveLength(1);

    const errors: unknown[] = [];
    const onError = (error: unknown): void => void errors.push(error);
    process.prependListener('uncaughtException', onError);
    try {
      const throwing = createMockProvider({ onRequestLogged: () => { throw new Error('consumer failed'); } });
      expect((await post(throwing, '/chat/completions', chatBody('x'))).status).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
      expect(throwing.stats()).toMatchObject({ requests: 1, ok: 1, inFlight: 0 });
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors).toEqual([expect.objectContaining({ message: 'consumer failed' })]);
  });
});
