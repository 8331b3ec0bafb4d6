/**
 * Per-request overhead of the mock provider's transports next to the bare openai SDK.
 * One non-streamed chat completion per iteration, zero latency, no limits; tinybench with
 * fixed iteration counts (`time: 0`), several interleaved rounds.
 *
 * Run: `npm run bench -- mock-overhead [--iterations N]` (prints the table, writes
 * `results/mock-overhead.json` and `.md`).
 */
import { cpus, loadavg } from 'node:os';
import OpenAI from 'openai';
import { Bench } from 'tinybench';
import {
  abortCheckpoint, checkNumberOption, defineSuite, linkedSignal, mean, median, percentile, sortSamples, type CustomSuiteOutput,
} from '../src/bench/index.ts';
import { VirtualClock } from '../src/index.ts';
import { createMockProvider, type HttpServerHandle, type InterceptHandle } from '../mocks/index.ts';

/** Options of {@link runMockOverhead}. */
export interface MockOverheadOptions {
  /** Measured requests per transport in each round. Minimum: 1. @default 500 */
  iterations?: number;
  /** Unmeasured warm-up requests per transport in each round. Minimum: 0. @default 100 */
  warmupIterations?: number;
  /**
   * Rounds, each a tinybench run of all four subjects; interleaving them spreads a busy
   * machine's load over every subject instead of one. Minimum: 1. @default 5
   */
  rounds?: number;
  /** Also time 1,000 requests of 2 s at concurrency 100 on the virtual clock (real ms it takes). @default true */
  virtualRun?: boolean;
  /** Stops the measurement within a second: between rounds, between iterations and between virtual-clock requests. */
  signal?: AbortSignal;
}

/** The virtual-clock figure: simulated makespan and the real time it took. */
export interface VirtualRunResult {
  requests: number;
  concurrency: number;
  latency: string;
  /** Simulated makespan in ms (exactly 20,000 expected). */
  simulatedMs: number;
  /** Real (wall-clock) ms the run took on this machine. */
  realMs: number;
}

/** The four things measured. */
export type OverheadSubject = 'bare-sdk' | 'fetch' | 'intercept' | 'http';

/** One measured subject over all rounds; times are per request, in microseconds. */
export interface MockOverheadRow {
  subject: OverheadSubject;
  description: string;
  meanUs: number;
  p50Us: number;
  p99Us: number;
  /** Measured requests (iterations × rounds). */
  samples: number;
  /** Mean time added on top of the bare SDK. */
  addedUs: number;
  /** Mean relative to the bare SDK (1 = no overhead). */
  vsBare: number;
  /** This subject's mean in each round. */
  roundMeansUs: number[];
}

/** The figures of one run, as written to `results/mock-overhead.json`. */
export interface MockOverheadResult {
  schemaVersion: 1;
  suite: 'mock-overhead';
  createdAt: string;
  environment: { node: string; platform: string; cpus: number; loadAverage: number[] };
  scenario: { iterations: number; warmupIterations: number; rounds: number; request: string; provider: Record<string, string | number | null> };
  rows: MockOverheadRow[];
  /** 1,000 × 2 s at concurrency 100 through `fetch` + openai SDK on a VirtualClock; `null` when skipped. */
  virtualRun: VirtualRunResult | null;
  targets: {
    /** Median over rounds of fetch mean / bare mean; target ≤ 2. */
    fetchVsBare: number;
    /** Median over rounds of intercept mean / fetch mean; target ≥ 1.5. */
    interceptVsFetch: number;
    fetchWithin2xBare: boolean;
    fetch1_5xFasterThanIntercept: boolean;
  };
  /** The targets not met, one line each (see {@link mockOverheadFailures}); empty when all are met. */
  failures: string[];
}

/**
 * What a run is checked against. The virtual-clock run's real time is a figure for this
 * machine, reported only; its simulated makespan is exact and checked.
 */
export const MOCK_OVERHEAD_TARGETS = {
  /** `fetch` costs at most this many times the bare SDK (median of the per-round ratios). */
  maxFetchVsBare: 2,
  /** `intercept` costs at least this many times `fetch` (median of the per-round ratios). */
  minInterceptVsFetch: 1.5,
  /** 1,000 requests of 2 s at concurrency 100 take exactly this long on the virtual clock. */
  virtualMakespanMs: 20_000,
} as const;

/** The figures {@link mockOverheadFailures} checks. */
export interface MockOverheadFigures {
  fetchVsBare: number;
  interceptVsFetch: number;
  /** Simulated makespan of the virtual-clock run; `null` when it was skipped. */
  virtualSimulatedMs: number | null;
}

/** One line per target in {@link MOCK_OVERHEAD_TARGETS} that `figures` do not meet (a NaN figure never meets one). */
export function mockOverheadFailures(figures: MockOverheadFigures): string[] {
  const t = MOCK_OVERHEAD_TARGETS;
  const failures: string[] = [];
  if (!(figures.fetchVsBare <= t.maxFetchVsBare)) {
    failures.push(`fetch / bare SDK = ${figures.fetchVsBare.toFixed(2)}×, above the target of at most ${t.maxFetchVsBare}× (the fetch transport costs too much per request)`);
  }
  if (!(figures.interceptVsFetch >= t.minInterceptVsFetch)) {
    failures.push(`intercept / fetch = ${figures.interceptVsFetch.toFixed(2)}×, below the target of at least ${t.minInterceptVsFetch}× (the fetch transport is not clearly faster than intercept)`);
  }
  if (figures.virtualSimulatedMs !== null && figures.virtualSimulatedMs !== t.virtualMakespanMs) {
    failures.push(`virtual clock: 1000 requests × 2s at concurrency 100 took ${figures.virtualSimulatedMs} ms of simulated time, expected exactly ${t.virtualMakespanMs} ms`);
  }
  return failures;
}

const SUBJECTS: readonly OverheadSubject[] = ['bare-sdk', 'fetch', 'intercept', 'http'];
const MODEL = 'gpt-4o-mini';
const MESSAGES = [{ role: 'user' as const, content: 'Summarise the benefits of bounded concurrency in one sentence.' }];

const DESCRIPTIONS: Record<OverheadSubject, string> = {
  'bare-sdk': 'openai SDK, fetch returns a prebuilt response',
  fetch: 'openai SDK → provider.fetch (MSW getResponse)',
  intercept: 'openai SDK → global fetch → msw/node setupServer',
  http: 'openai SDK → global fetch → loopback node:http server',
};

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The four SDK clients, the provider behind them and how to shut it all down. */
async function setUp() {
  const provider = createMockProvider({ latency: 0, outputTokens: 16, seed: 1 });
  const realFetch = globalThis.fetch;
  const common = { apiKey: 'sk-mock', maxRetries: 0 } as const;
  // The exact response the provider sends, replayed by a trivial fetch for the baseline.
  const sample = await provider.fetch(`${provider.baseURL}/chat/completions`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: MODEL, messages: MESSAGES }),
  });
  const sampleHeaders: Array<[string, string]> = [];
  sample.headers.forEach((value, name) => sampleHeaders.push([name, value]));
  const sampleBody = await sample.text();
  const server: HttpServerHandle = await provider.listen({ port: 0, host: '127.0.0.1' });
  const clients: Record<OverheadSubject, OpenAI> = {
    'bare-sdk': new OpenAI({ ...common, baseURL: provider.baseURL, fetch: async () => new Response(sampleBody, { status: 200, headers: sampleHeaders }) }),
    fetch: new OpenAI({ ...common, baseURL: provider.baseURL, fetch: provider.fetch }),
    // Resolves the global fetch per call: setupServer replaces it while the intercept task runs.
    intercept: new OpenAI({ ...common, baseURL: provider.baseURL, fetch: (input, init) => globalThis.fetch(input, init) }),
    http: new OpenAI({ ...common, baseURL: server.url, fetch: realFetch }),
  };
  return { provider, server, clients };
}

/** One tinybench run of the four subjects; returns the raw latency samples (ms) per subject. */
async function runRound(setup: Awaited<ReturnType<typeof setUp>>, iterations: number, warmupIterations: number, signal?: AbortSignal): Promise<Record<OverheadSubject, number[]>> {
  const { provider, clients } = setup;
  let intercept: InterceptHandle | undefined;
  // tinybench leaves one abort listener per Bench and per task on the signal it is given:
  // a child per round keeps them off the caller's signal.
  const round = linkedSignal(signal);
  const bench = new Bench({ time: 0, iterations, warmup: warmupIterations > 0, warmupIterations, warmupTime: 0, throws: true, retainSamples: true, signal: round.signal });
  // Not timed: lets a Ctrl-C through between iterations.
  const checkpoint = abortCheckpoint(signal);
  for (const subject of SUBJECTS) {
    const client = clients[subject];
    const isIntercept = subject === 'intercept';
    bench.add(subject, () => client.chat.completions.create({ model: MODEL, messages: MESSAGES }).then(() => undefined), {
      async: true,
      beforeEach: checkpoint,
      beforeAll: () => {
        provider.reset();
        if (isIntercept) intercept = provider.intercept();
      },
      afterAll: () => {
        if (isIntercept) intercept?.close();
      },
    });
  }
  try {
    await bench.run();
  } finally {
    intercept?.close();
    round.dispose();
  }
  signal?.throwIfAborted();
  const samples = {} as Record<OverheadSubject, number[]>;
  for (const subject of SUBJECTS) {
    const result = bench.getTask(subject)?.result;
    if (result?.state !== 'completed' || result.latency.samples === undefined) {
      throw new Error(`Failed to measure \`${subject}\`: the task ended as ${result?.state ?? 'missing'}. Please rerun the benchmark.`);
    }
    samples[subject] = [...result.latency.samples];
  }
  return samples;
}

/**
 * 1,000 requests of a fixed 2 s, 100 at a time, through the `fetch` transport and the SDK on a
 * virtual clock; `signal` is checked before each request.
 */
export async function runVirtualMakespan(requests = 1000, concurrency = 100, signal?: AbortSignal): Promise<VirtualRunResult> {
  const clock = new VirtualClock();
  const provider = createMockProvider({ latency: '2s', outputTokens: 20, clock });
  const client = new OpenAI({ apiKey: 'sk-mock', baseURL: provider.baseURL, fetch: provider.fetch, maxRetries: 0 });
  const started = performance.now();
  await clock.run(async () => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests) {
        signal?.throwIfAborted();
        const i = next++;
        await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: `request ${i}` }] });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  });
  return { requests, concurrency, latency: '2s', simulatedMs: clock.now(), realMs: Math.round(performance.now() - started) };
}

/**
 * Measures the per-request cost of the bare openai SDK (trivial fetch) and of the
 * `fetch`, `intercept` and `http` transports in one run (zero latency, no limits). Targets
 * ({@link MOCK_OVERHEAD_TARGETS}): `fetch` ≤ 2× bare, `intercept` ≥ 1.5× `fetch` (medians of the
 * per-round ratios), and the virtual-clock run's simulated makespan exactly 20 s. Unmet ones are
 * listed in `failures`. Aborting `signal` rejects with its reason within a second.
 */
export async function runMockOverhead(options: MockOverheadOptions = {}): Promise<MockOverheadResult> {
  const iterations = checkNumberOption('iterations', options.iterations ?? 500, { min: 1, integer: true });
  const warmupIterations = checkNumberOption('warmupIterations', options.warmupIterations ?? 100, { min: 0, integer: true });
  const rounds = checkNumberOption('rounds', options.rounds ?? 5, { min: 1, integer: true });
  const { virtualRun = true } = options;

  const setup = await setUp();
  const pooled: Record<OverheadSubject, number[]> = { 'bare-sdk': [], fetch: [], intercept: [], http: [] };
  const roundMeans: Record<OverheadSubject, number[]> = { 'bare-sdk': [], fetch: [], intercept: [], http: [] };
  try {
    for (let r = 0; r < rounds; r++) {
      options.signal?.throwIfAborted();
      const samples = await runRound(setup, iterations, warmupIterations, options.signal);
      for (const subject of SUBJECTS) {
        pooled[subject].push(...samples[subject]);
        roundMeans[subject].push(mean(sortSamples(samples[subject])));
      }
    }
  } finally {
    await setup.server.close();
  }

  const virtual = virtualRun ? await runVirtualMakespan(1000, 100, options.signal) : null;
  const bareMean = mean(sortSamples(pooled['bare-sdk']));
  const rows: MockOverheadRow[] = SUBJECTS.map((subject) => {
    const sorted = sortSamples(pooled[subject]);
    const m = mean(sorted);
    return {
      subject, description: DESCRIPTIONS[subject], meanUs: round1(m * 1000), p50Us: round1(percentile(sorted, 50) * 1000), p99Us: round1(percentile(sorted, 99) * 1000),
      samples: sorted.length, addedUs: round1((m - bareMean) * 1000), vsBare: round2(m / bareMean), roundMeansUs: roundMeans[subject].map((x) => round1(x * 1000)),
    };
  });
  const ratio = (a: OverheadSubject, b: OverheadSubject): number => round2(median(sortSamples(roundMeans[a].map((x, i) => x / roundMeans[b][i]!))));
  const fetchVsBare = ratio('fetch', 'bare-sdk');
  const interceptVsFetch = ratio('intercept', 'fetch');
  const result: MockOverheadResult = {
    schemaVersion: 1,
    suite: 'mock-overhead',
    createdAt: new Date().toISOString(),
    environment: { node: process.version, platform: process.platform, cpus: cpus().length, loadAverage: loadavg().map(round2) },
    scenario: { iterations, warmupIterations, rounds, request: `chat.completions.create (${MODEL}, 1 message, 16 output tokens, not streamed)`, provider: setup.provider.describe() },
    rows,
    virtualRun: virtual,
    targets: {
      fetchVsBare, interceptVsFetch,
      fetchWithin2xBare: fetchVsBare <= MOCK_OVERHEAD_TARGETS.maxFetchVsBare,
      fetch1_5xFasterThanIntercept: interceptVsFetch >= MOCK_OVERHEAD_TARGETS.minInterceptVsFetch,
    },
    failures: mockOverheadFailures({ fetchVsBare, interceptVsFetch, virtualSimulatedMs: virtual?.simulatedMs ?? null }),
  };
  return result;
}

const HEADER = ['transport', 'mean µs', 'p50 µs', 'p99 µs', 'added µs', '× bare', 'what'];

/** The result as a title, table rows, notes and JSON for the bench CLI. */
export function toOutput(result: MockOverheadResult): CustomSuiteOutput {
  const { targets: t, scenario: s, environment: e, virtualRun: v } = result;
  const goal = MOCK_OVERHEAD_TARGETS;
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const notes = [
    `fetch / bare SDK = ${t.fetchVsBare.toFixed(2)}× (median of rounds; target ≤ ${goal.maxFetchVsBare}: ${verdict(t.fetchWithin2xBare)})`,
    `intercept / fetch = ${t.interceptVsFetch.toFixed(2)}× (median of rounds; target ≥ ${goal.minInterceptVsFetch}: ${verdict(t.fetch1_5xFasterThanIntercept)})`,
  ];
  if (v !== null) {
    notes.push(`virtual clock: ${v.requests} requests × ${v.latency} at concurrency ${v.concurrency} through fetch + openai SDK → simulated ${v.simulatedMs} ms ` +
      `(target exactly ${goal.virtualMakespanMs}: ${verdict(v.simulatedMs === goal.virtualMakespanMs)}) in ${v.realMs} ms of real time (reported only, not a target)`);
  }
  notes.push('The µs figures and the http transport are reported only: they depend on the machine.');
  return {
    title: `Mock provider overhead per request: ${s.rounds} rounds × ${s.iterations} requests (+${s.warmupIterations} warm-up) per transport, zero latency; Node ${e.node}, ${e.cpus} CPUs, load average ${e.loadAverage.join(' ')}`,
    header: HEADER,
    rows: result.rows.map((r) => [r.subject, r.meanUs.toFixed(1), r.p50Us.toFixed(1), r.p99Us.toFixed(1), r.addedUs.toFixed(1), r.vsBare.toFixed(2), r.description]),
    notes,
    json: { ...result },
    failures: result.failures,
  };
}

/** `npm run bench -- mock-overhead`: the same measurement; the bench CLI prints and writes the results. */
export default defineSuite({
  kind: 'custom',
  name: 'mock-overhead',
  description: 'Per-request overhead of the mock provider transports (fetch, intercept, http) next to the bare openai SDK',
  run: async (ctx) => toOutput(await runMockOverhead({ iterations: ctx.iterations, signal: ctx.signal })),
});
