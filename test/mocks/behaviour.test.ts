import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider, type MockProviderOptions } from '../../mocks/index.ts';
import { chatBody, errorOf, pool, post, sdkClient } from './helpers.ts';

/** Sends `prompts` through the SDK on a fresh provider and virtual clock; returns serviceMs per prompt. */
async function drawsFor(options: MockProviderOptions, prompts: string[], concurrency: number): Promise<Map<string, number>> {
  const clock = new VirtualClock();
  const provider = createMockProvider({ ...options, clock });
  const client = sdkClient(provider);
  const byId = new Map<string, string>();
  await clock.run(() =>
    pool(prompts.length, concurrency, async (i) => {
      const completion = await client.chat.completions.create(chatBody(prompts[i]!));
      byId.set(completion.id, prompts[i]!);
    }),
  );
  return new Map(provider.log.map((e) => [byId.get(`chatcmpl-mock-${e.id}`)!, e.serviceMs!]));
}

describe('common random numbers', () => {
  const prompts = Array.from({ length: 30 }, (_, i) => `question number ${i}`);

  it('a request draws the same latency whichever order and concurrency it is sent with', async () => {
    const options = { latency: 'lognormal:median=800ms,p99=3s', seed: 5 };
    const serial = await drawsFor(options, prompts, 1);
    const reversed = await drawsFor(options, [...prompts].reverse(), 7);
    expect(serial.size).toBe(30);
    for (const p of prompts) expect(reversed.get(p), p).toBe(serial.get(p));
    expect(new Set(serial.values()).size).toBe(30);
  });

  it('another seed gives other draws', async () => {
    const a = await drawsFor({ latency: 'uniform:1s..3s', seed: 1 }, prompts.slice(0, 5), 5);
    const b = await drawsFor({ latency: 'uniform:1s..3s', seed: 2 }, prompts.slice(0, 5), 5);
    expect([...a.values()]).not.toEqual([...b.values()]);
  });

  it('repeating a request draws anew; reset() restores the first draw', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'uniform:1s..3s', clock });
    const client = sdkClient(provider);
    await clock.run(async () => {
      await client.chat.completions.create(chatBody('same'));
      await client.chat.completions.create(chatBody('same'));
    });
    const [first, second] = provider.log.map((e) => e.serviceMs);
    expect(second).not.toBe(first);
    provider.reset();
    expect(provider.log).toHaveLength(0);
    await clock.run(() => client.chat.completions.create(chatBody('same')));
    expect(provider.log[0]?.serviceMs).toBe(first);
    expect(provider.log[0]?.id).toBe(1);
  });
});

describe('faults', () => {
  it('errorRate 1 answers only 500/502/503 with OpenAI-shaped server errors', async () => {
    const provider = createMockProvider({ errorRate: 1 });
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const response = await post(provider, '/chat/completions', chatBody(`q${i}`));
      statuses.add(response.status);
      expect((await errorOf(response)).type).toBe('server_error');
    }
    expect([...statuses].sort()).toEqual([500, 502, 503]);
    await expect(sdkClient(provider).chat.completions.create(chatBody('sdk'))).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect(provider.stats().serverErrors).toBe(31);
  });

  it('a hang never answers until the client aborts, and leaves nothing pending', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ faults: { hang: 1 }, latency: '1s', clock });
    const controller = new AbortController();
    await clock.run(async () => {
      const pending = post(provider, '/chat/completions', chatBody('x'), {}, controller.signal);
      await clock.sleep(60_000);
      expect(provider.stats()).toMatchObject({ inFlight: 1, requests: 0 });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    });
    expect(provider.log).toEqual([expect.objectContaining({ status: 499, errorType: 'hang', end: 60_000 })]);
    expect(provider.stats().inFlight).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('malformed answers 200 with a truncated body the SDK cannot parse', async () => {
    const provider = createMockProvider({ faults: { malformed: 1 } });
    const response = await post(provider, '/chat/completions', chatBody('x'));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"id":"chatcmpl-mock-1"')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(provider.log[0]).toMatchObject({ status: 200, errorType: 'malformed' });
    await expect(sdkClient(provider).chat.completions.create(chatBody('y'))).rejects.toThrow(/JSON/);
    const streamed = await (await post(provider, '/chat/completions', chatBody('z', { stream: true }))).text();
    expect(streamed.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(() => streamed.split('\n\n').filter(Boolean).slice(0, -1).map((e) => JSON.parse(e.slice(6)) as unknown)).toThrow();
  });
});

describe('in-flight limit', () => {
  it('maxInFlight in reject mode answers 429 concurrency_limit_exceeded beyond the limit', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: '1s', maxInFlight: 2, clock });
    const statuses = await clock.run(() => Promise.all([1, 2, 3].map(async (i) => (await post(provider, '/chat/completions', chatBody(`q${i}`))).status)));
    expect(statuses).toEqual([200, 200, 429]);
    expect(provider.log.find((e) => e.status === 429)).toMatchObject({ errorType: 'concurrency_limit_exceeded', inFlightAtArrival: 2 });
  });

  it('maxInFlight in queue mode serves the excess in FIFO order', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: '1s', maxInFlight: 2, inFlightMode: 'queue', clock });
    await clock.run(() => Promise.all([0, 1, 2, 3, 4].map((i) => post(provider, '/chat/completions', chatBody(`q${i}`)).then((r) => r.text()))));
    const byId = [...provider.log].sort((a, b) => a.id - b.id);
    expect(byId.map((e) => [e.start, e.end])).toEqual([[0, 1000], [0, 1000], [1000, 2000], [1000, 2000], [2000, 3000]]);
    expect(provider.stats().peakInFlight).toBe(5);
  });
});

describe('abort while queued', () => {
  it.each([
    ['the maxInFlight queue', { maxInFlight: 1, inFlightMode: 'queue' }],
    ['the load-model capacity queue', { load: { capacity: 1, factor: 1 } }],
  ] as const)('Engine.admit logs a request aborted in %s exactly once, as 499', async (_name, options) => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: '1s', clock, ...options });
    const controller = new AbortController();
    await clock.run(async () => {
      const first = post(provider, '/chat/completions', chatBody('first')).then((r) => r.text());
      const queued = post(provider, '/chat/completions', chatBody('queued'), {}, controller.signal);
      await clock.sleep(300);
      controller.abort();
      await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
      await first;
    });
    expect(provider.log).toHaveLength(2);
    expect(provider.log.map((e) => [e.id, e.status, e.errorType, e.start, e.end])).toEqual([[2, 499, 'client_closed', null, 300], [1, 200, null, 0, 1000]]);
    expect(provider.stats()).toMatchObject({ requests: 2, ok: 1, aborted: 1, inFlight: 0 });
  });
});

describe('load model', () => {
  it('slows each request by the number in service when it starts and queues beyond capacity', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: '1s', load: { capacity: 2, factor: 3 }, clock });
    await clock.run(() => Promise.all([0, 1, 2].map((i) => post(provider, '/chat/completions', chatBody(`q${i}`)).then((r) => r.text()))));
    const byId = [...provider.log].sort((a, b) => a.id - b.id);
    // Both first requests start together, so each runs with 2 in service (3×); the third waits for capacity.
    expect(byId.map((e) => [e.start, e.end, e.loadMultiplier])).toEqual([[0, 3000, 3], [0, 3000, 3], [3000, 4000, 1]]);
  });

  it('at running = capacity the latency is F × the base (local profile, token-based)', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ profile: 'local', outputTokens: 101, clock });
    await clock.run(() => Promise.all([0, 1, 2, 3].map((i) => post(provider, '/chat/completions', chatBody(`q${i}`)).then((r) => r.text()))));
    const last = provider.log.find((e) => e.id === 4)!;
    expect(last.serviceMs).toBe(300 + 100 * 20);
    expect(last.end - last.start!).toBe(3 * 2300);
  });
});

describe('stats() and reset()', () => {
  it('counts by status, tokens, peak in-flight and the time span', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: '1s', outputTokens: 5, rpm: 2, clock });
    await clock.run(() => Promise.all([0, 1, 2].map((i) => post(provider, '/chat/completions', chatBody(`q${i}`)).then((r) => r.text()))));
    await post(provider, '/chat/completions', '{bad');
    const none = { requests: 0, byStatus: {}, ok: 0, rateLimited: 0, clientErrors: 0, serverErrors: 0, aborted: 0, promptTokens: 0, completionTokens: 0, okPromptTokens: 0, okCompletionTokens: 0 };
    // The 400 has no valid body, so it carries no prompt tokens: 3 × 8 from the three chat requests.
    const chat = {
      requests: 4, byStatus: { 200: 2, 429: 1, 400: 1 }, ok: 2, rateLimited: 1, clientErrors: 1, serverErrors: 0, aborted: 0,
      promptTokens: 3 * 8, completionTokens: 10, okPromptTokens: 2 * 8, okCompletionTokens: 10,
    };
    expect(provider.stats()).toEqual({
      ...chat, inFlight: 0, peakInFlight: 2, firstArrival: 0, lastEnd: 1000,
      endpoints: { chat, responses: none, completions: none, embeddings: none, models: none, other: none },
    });
    provider.reset();
    expect(provider.stats()).toEqual({ ...none, inFlight: 0, peakInFlight: 0, firstArrival: null, lastEnd: null, endpoints: { chat: none, responses: none, completions: none, embeddings: none, models: none, other: none } });
    expect(provider.log).toEqual([]);
    const response = await clock.run(() => post(provider, '/chat/completions', chatBody('after reset')));
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
  });

  it('reset() while a request is still queued: it draws and charges against its own iteration', async () => {
    const options = { latency: 'uniform:1s..3s', outputTokens: 100, tpm: 600, maxInFlight: 1, inFlightMode: 'queue' } as const;
    // Reference: a fresh provider's first draw for 'b'.
    const freshClock = new VirtualClock();
    const fresh = createMockProvider({ ...options, clock: freshClock });
    await freshClock.run(() => post(fresh, '/chat/completions', chatBody('b')).then((r) => r.text()));
    const firstDrawOfB = fresh.log[0]!.serviceMs;

    const clock = new VirtualClock();
    const provider = createMockProvider({ ...options, clock });
    let remainingTokens: string | null = null;
    await clock.run(async () => {
      const a = post(provider, '/chat/completions', chatBody('a')).then((r) => r.text());
      const b = post(provider, '/chat/completions', chatBody('b')).then((r) => r.text());
      await clock.sleep(500);
      provider.reset(); // 'b' is still queued behind 'a'; it starts once 'a' ends (≤ 3 s).
      await Promise.all([a, b]);
      await clock.sleep(10_000 - clock.now());
      const again = await post(provider, '/chat/completions', chatBody('b'));
      remainingTokens = again.headers.get('x-ratelimit-remaining-tokens');
      await again.text();
    });
    expect(provider.log).toEqual([expect.objectContaining({ id: 1, status: 200, arrival: 10_000 })]);
    // The queued 'b' used the old iteration's occurrence counter: this one is a first draw again.
    expect(provider.log[0]!.serviceMs).toBe(firstDrawOfB);
    // And charged its 100 output tokens to the old bucket: the new one held all 600, minus this request's 8.
    expect(remainingTokens).toBe('592');
  });

  it('reset() while requests are in flight: they finish without touching the new log or counters', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: '1s', maxInFlight: 1, clock });
    await clock.run(async () => {
      const pending = post(provider, '/chat/completions', chatBody('old'));
      await clock.sleep(500);
      provider.reset();
      expect(provider.stats().inFlight).toBe(0);
      expect((await pending).status).toBe(200);
      expect(provider.log).toHaveLength(0);
      expect(provider.stats().inFlight).toBe(0);
      expect((await post(provider, '/chat/completions', chatBody('new'))).status).toBe(200);
    });
    expect(provider.log).toEqual([expect.objectContaining({ id: 1, status: 200, arrival: 1000, end: 2000 })]);
  });
});

describe('streaming and cancellation', () => {
  it('a consumer that stops reading a stream early ends the request as 499 and leaves no sleeper behind', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'ttft=100ms,tpot=100ms', outputTokens: 50, clock });
    const client = sdkClient(provider);
    let seen = 0;
    await clock.run(async () => {
      const stream = await client.chat.completions.create({ ...chatBody('long'), stream: true });
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) seen++;
        if (seen === 3) break;
      }
      await clock.sleep(1);
    });
    expect(seen).toBe(3);
    expect(provider.log).toEqual([expect.objectContaining({ status: 499, errorType: 'client_closed', completionTokens: 0 })]);
    expect(provider.log[0]!.end).toBeLessThan(400);
    expect(provider.stats().inFlight).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('aborting mid-stream stops the stream on the spot (the SDK ends its iteration quietly on abort)', async () => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'ttft=100ms,tpot=100ms', outputTokens: 50, clock });
    const client = sdkClient(provider);
    const controller = new AbortController();
    let tokens = 0;
    await clock.run(async () => {
      const stream = await client.chat.completions.create({ ...chatBody('long'), stream: true }, { signal: controller.signal });
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) tokens++;
        if (tokens === 2) controller.abort();
      }
    });
    expect(tokens).toBe(2);
    expect(provider.log).toEqual([expect.objectContaining({ status: 499, end: 200 })]);
    expect(clock.pending).toBe(0);
  });
});
