import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider } from '../../mocks/index.ts';
import { chatBody, post } from './helpers.ts';

/** The same request `i` on each text endpoint, as JSON and as a stream. */
const REQUESTS: Record<string, (i: number) => [string, object]> = {
  chat: (i) => ['/chat/completions', chatBody(`request ${i}`)],
  'chat stream': (i) => ['/chat/completions', chatBody(`request ${i}`, { stream: true })],
  responses: (i) => ['/responses', { model: 'gpt-4o-mini', input: `request ${i}` }],
  'responses stream': (i) => ['/responses', { model: 'gpt-4o-mini', input: `request ${i}`, stream: true }],
  completions: (i) => ['/completions', { model: 'gpt-4o-mini', prompt: `request ${i}`, max_tokens: 50 }],
  'completions stream': (i) => ['/completions', { model: 'gpt-4o-mini', prompt: `request ${i}`, max_tokens: 50, stream: true }],
};

const HEADERS = ['x-ratelimit-limit-requests', 'x-ratelimit-remaining-requests', 'x-ratelimit-reset-requests', 'retry-after-ms', 'retry-after'];

/**
 * A fixed 2 s latency, 10 output tokens, 60 RPM with a burst of 4 and a load model of
 * capacity 2 (factor 2), on the virtual clock: 10 requests at 0 s and 5 more at 3 s, each
 * read to its end. Returns the makespan, each answer's status and rate-limit headers, and
 * the provider's timeline.
 */
async function scenario(kind: string) {
  const clock = new VirtualClock();
  const provider = createMockProvider({ latency: '2s', outputTokens: 10, rpm: 60, burstRequests: 4, load: { capacity: 2, factor: 2 }, clock });
  const answers: Array<{ status: number; headers: Record<string, string | null> }> = [];
  const send = async (i: number): Promise<void> => {
    const [path, body] = REQUESTS[kind]!(i);
    const response = await post(provider, path, body);
    await response.text();
    answers[i] = { status: response.status, headers: Object.fromEntries(HEADERS.map((h) => [h, response.headers.get(h)])) };
  };
  const wave = (from: number, count: number) => Promise.all(Array.from({ length: count }, (_, k) => send(from + k)));
  await clock.run(() => Promise.all([wave(0, 10), clock.sleep(3000).then(() => wave(10, 5))]));
  const timeline = provider.log.map((e) => [e.status, e.arrival, e.start, e.end, e.loadMultiplier, e.inFlightAtArrival]);
  return { makespan: clock.now(), answers, timeline, endpoint: provider.log[0]?.endpoint };
}

describe('the latency, rate-limit and load models apply to every text endpoint exactly as to chat (VirtualClock)', () => {
  it('chat: the reference scenario', async () => {
    const chat = await scenario('chat');
    // Wave 1: 4 admitted (burst), 6 rejected; 2 served at once at 2× (4 s), 2 queued behind them.
    // Wave 2 at 3 s: 3 admitted (refill 1/s), 2 rejected; they wait for the server until 8 s.
    expect(chat.answers.filter((a) => a.status === 429)).toHaveLength(8);
    expect(chat.answers.filter((a) => a.status === 200)).toHaveLength(7);
    expect(chat.answers[4]?.headers).toEqual({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '4s', 'retry-after-ms': '1000', 'retry-after': '1' });
    expect(chat.makespan).toBe(14_000);
  });

  it.each(Object.keys(REQUESTS).filter((k) => k !== 'chat'))('%s: the same makespan, statuses, headers and timeline as chat', async (kind) => {
    const chat = await scenario('chat');
    const other = await scenario(kind);
    expect(other.endpoint).toBe(kind.split(' ')[0]);
    expect(other.makespan).toBe(chat.makespan);
    expect(other.answers).toEqual(chat.answers);
    expect(other.timeline).toEqual(chat.timeline);
  });
});

describe('cancelling a stream of the text endpoints (VirtualClock)', () => {
  it.each([
    ['responses', { model: 'gpt-4o-mini', input: 'long', stream: true }, '/responses'],
    ['completions', { model: 'gpt-4o-mini', prompt: 'long', max_tokens: 100, stream: true }, '/completions'],
  ] as const)('%s: a reader that stops early ends the request as 499 with no sleeper left; an abort does too', async (_name, body, path) => {
    const clock = new VirtualClock();
    const provider = createMockProvider({ latency: 'ttft=100ms,tpot=100ms', outputTokens: 50, clock });
    await clock.run(async () => {
      const reader = (await post(provider, path, body)).body!.getReader();
      await clock.sleep(250);
      await reader.cancel();
      await clock.sleep(1);
      const controller = new AbortController();
      const response = await post(provider, path, body, {}, controller.signal);
      await clock.sleep(150);
      controller.abort();
      await expect(response.text()).rejects.toThrow();
      await clock.sleep(1);
    });
    expect(provider.log.map((e) => [e.status, e.errorType, e.start, e.end, e.completionTokens])).toEqual([[499, 'client_closed', 0, 250, 0], [499, 'client_closed', 251, 401, 0]]);
    expect(provider.stats().inFlight).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
