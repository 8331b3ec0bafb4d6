import { describe, expect, it } from 'vitest';
import { runHttpLoad, toOutput, unmetTargets, type HttpLoadResult } from '../../benchmarks/http-load.ts';

type Checked = Parameters<typeof unmetTargets>[0];

function result(overrides: Partial<Checked> = {}): Checked {
  return {
    scenario: { requests: 100, latency: '1s', rpm: 60, burstRequests: 60, timeoutMs: 60_000, transport: 'http', client: 'test' },
    client: { requests: 100, byStatus: { 200: 60, 429: 40 }, errors: {}, timedOut: 0, peakOpen: 100, connectMs: 100, elapsedMs: 1000 },
    ok: 60, rateLimited: 40, otherStatuses: 0, lost: 0,
    server: {} as HttpLoadResult['server'],
    transport: { openConnections: 0, peakConnections: 100, activeRequests: 0, peakActiveRequests: 60, acceptedConnections: 100 },
    concurrency: { clientOpenSockets: 100, serverConnections: 100, serverRequests: 60, providerInFlight: 60 },
    start: { clientConnected: 100, serverOpen: 100, waitedMs: 5 },
    listenOverflows: 0,
    afterwards: { status: 200, answered: true },
    ...overrides,
  };
}

describe('http-load targets', () => {
  it('a run that meets every target has no failures', () => {
    expect(unmetTargets(result())).toEqual([]);
  });

  it('lost requests, a missing answer afterwards and concurrency below N are each a failure', () => {
    const failures = unmetTargets(result({
      ok: 60, rateLimited: 37, lost: 3, client: { requests: 100, byStatus: { 200: 60, 429: 37 }, errors: { ECONNRESET: 3 }, timedOut: 0, peakOpen: 97, connectMs: 100, elapsedMs: 1000 },
      concurrency: { clientOpenSockets: 97, serverConnections: 90, serverRequests: 60, providerInFlight: 60 },
      afterwards: { status: null, answered: false, error: 'fetch failed' },
    }));
    expect(failures).toEqual([
      '97 of 100 requests answered 200 or 429 (0 other statuses)',
      '3 of 100 requests lost without an answer: {"ECONNRESET":3}',
      'the server did not answer properly after the burst (fetch failed)',
      'the client had at most 97 of 100 sockets open at once',
      'the server had at most 90 of 100 connections open at once',
    ]);
  });

  it('the output says plainly when the concurrency reached is below N and passes the failures on', () => {
    const checked = result({ concurrency: { clientOpenSockets: 100, serverConnections: 80, serverRequests: 60, providerInFlight: 60 } });
    const output = toOutput({ ...checked, environment: { node: 'v20', cpus: 2 } as HttpLoadResult['environment'], failures: unmetTargets(checked) });
    expect(output.failures).toEqual(['the server had at most 80 of 100 connections open at once']);
    expect(output.notes[0]).toBe('concurrency reached is below 100: at most 100 sockets open at once at the client and 80 connections at the server');
    expect(output.notes.at(-1)).toBe('targets not met: 1 (listed below)');
  });
});

describe('runHttpLoad', () => {
  it('200 requests of 2 s opened at once: every one answered, 200 open at once at both ends, no failures', async () => {
    // Every request is admitted and held for 2 s, so all 200 connections overlap even on a slow machine.
    const r = await runHttpLoad({ requests: 200, latency: '2s', burstRequests: 200 });
    expect(r.ok).toBe(200);
    expect(r.concurrency.clientOpenSockets).toBe(200);
    expect(r.concurrency.serverConnections).toBe(200);
    expect(r.transport).toMatchObject({ acceptedConnections: 200 });
    expect(r.start).toMatchObject({ clientConnected: 200, serverOpen: 200 });
    expect(r.failures).toEqual([]);
  }, 60_000);
});
