/** The provider's pure simulation core: admission, queues, seeded draws and the request log. */
import { createRng, hashString, type Clock } from '../../src/core/index.ts';
import { FifoSlots } from './fifo-slots.ts';
import { hasFaults, pickFault } from './faults.ts';
import { drawLatency, scalePlan } from './latency-model.ts';
import { loadMultiplier } from './load-model.ts';
import type { ResolvedProviderConfig } from '../options.ts';
import { drawOutputTokens } from './output-length.ts';
import { RateLimiter, type RateLimitRejection } from './rate-limiter.ts';
import { RequestLog, type Endpoint, type ProviderStats, type RequestLogEntry } from './request-log.ts';
import { Ticket, type FinishReason } from './request-in-service.ts';
import { abortOutcome } from './abort-outcome.ts';
import type { OutputShaper } from './output-shape.ts';

/** A validated request, as far as the engine needs it. */
export interface EngineCall {
  endpoint: 'chat' | 'responses' | 'completions' | 'embeddings';
  model: string;
  /**
   * The request's content (for chat: the body without stream options). Draws are a
   * function of seed, content and how often the content has been served before.
   */
  contentKey: string;
  promptTokens: number;
  /** Tokens reserved against TPM: prompt estimate + `max_tokens` × `n`. */
  reservedTokens: number;
  /** Output cap per choice (`max_tokens`, `max_output_tokens`), `null` if none. */
  maxTokens: number | null;
  /** Number of choices (`n`). */
  choices: number;
  stream: boolean;
  /** Fixes the output after its length is drawn (structured output, stop sequences); without it every choice has the drawn length. */
  shapeOutput?: OutputShaper;
}

/** Why a request was turned away before service. */
export type Rejection = { reason: 'rate-limit'; detail: RateLimitRejection } | { reason: 'in-flight'; limit: number };

/**
 * The engine's answer to {@link Engine.admit}, with the `x-ratelimit-*` headers as of the
 * admission decision (what OpenAI reports: the state right after this request was counted).
 */
export type Admission =
  | { admitted: false; rejection: Rejection; rateLimitHeaders: Record<string, string> }
  | { admitted: true; ticket: Ticket; rateLimitHeaders: Record<string, string> };

/** A request answered without service (validation errors, unknown routes), for the log. */
export interface ImmediateRecord {
  endpoint: Endpoint;
  model: string | null;
  stream: boolean;
  status: number;
  errorType: string | null;
  promptTokens?: number;
}

/**
 * The provider's pure core: admission (in-flight gate, RPM/TPM buckets), queues (in-flight
 * queue, load-model capacity), the seeded draws (fault, output length, latency), the
 * request log and stats. No I/O; all time comes from the clock.
 */
export class Engine {
  readonly clock: Clock;
  readonly #log: RequestLog;
  readonly #onLogged: ((entry: RequestLogEntry) => void) | undefined;
  #config: ResolvedProviderConfig;
  #limiter!: RateLimiter;
  #gate!: FifoSlots | null;
  #server!: FifoSlots | null;
  #occurrences = new Map<number, number>();
  #nextId = 0;
  #inFlight = 0;
  #peak = 0;
  #generation = 0;

  /**
   * `onLogged` is called with every entry as it is logged. It runs synchronously; what it
   * throws is rethrown on a microtask, outside the provider, so the engine's state stays whole.
   */
  constructor(config: ResolvedProviderConfig, clock: Clock, onLogged?: (entry: RequestLogEntry) => void) {
    this.#config = config;
    this.clock = clock;
    this.#log = new RequestLog(config.log, config.logLimit);
    this.#onLogged = onLogged;
    this.reset();
  }

  /** The entries the log keeps (the most recent `logLimit`, or all with `log: 'full'`), oldest first. */
  get log(): RequestLogEntry[] {
    return this.#log.entries();
  }

  #push(entry: RequestLogEntry): void {
    this.#log.push(entry);
    if (this.#onLogged === undefined) return;
    try {
      this.#onLogged(entry);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  /** The configuration in force. */
  get config(): ResolvedProviderConfig {
    return this.#config;
  }

  /**
   * Clears buckets, log, draw counters, ids and in-flight counts, optionally with a new seed.
   * Requests from before the reset (running or still queued) finish without touching the
   * new state: they draw and charge against the iteration they arrived in.
   */
  reset(seed?: number): void {
    if (seed !== undefined) this.#config = { ...this.#config, seed };
    const { maxInFlight, load } = this.#config;
    this.#generation++;
    this.#limiter = new RateLimiter(this.#config, this.clock.now());
    this.#gate = maxInFlight === null ? null : new FifoSlots(maxInFlight);
    this.#server = load === null ? null : new FifoSlots(load.capacity);
    this.#occurrences = new Map();
    this.#nextId = 0;
    this.#inFlight = 0;
    this.#peak = 0;
    this.#log.clear();
  }

  /** The `x-ratelimit-*` headers as of now. */
  rateLimitHeaders(): Record<string, string> {
    return this.#limiter.headers(this.clock.now());
  }

  /** The running totals since the last reset plus the live in-flight counters. */
  stats(): ProviderStats {
    return this.#log.stats(this.#inFlight, this.#peak);
  }

  /** Logs a request answered at once without service (400, 401, 404, models list, …). */
  record(r: ImmediateRecord): void {
    const now = this.clock.now();
    this.#push({
      id: ++this.#nextId, endpoint: r.endpoint, model: r.model, stream: r.stream, arrival: now, start: null, end: now,
      status: r.status, errorType: r.errorType, promptTokens: r.promptTokens ?? 0, completionTokens: 0,
      inFlightAtArrival: this.#inFlight, serviceMs: null, loadMultiplier: null,
    });
  }

  /**
   * Admits a request: rejects it (in-flight limit in `reject` mode, RPM/TPM), or waits
   * for the in-flight queue and the server capacity, then draws fault, output length
   * and latency and returns a started {@link Ticket}. Rejects with `signal.reason` if the
   * client aborts while queued (the request is logged as 499).
   */
  async admit(call: EngineCall, signal?: AbortSignal): Promise<Admission> {
    const id = ++this.#nextId;
    const arrival = this.clock.now();
    const inFlightAtArrival = this.#inFlight;
    // The per-iteration state as of arrival: a request still queued when reset() runs
    // draws and charges against its own iteration, never the next one.
    const config = this.#config;
    const limiter = this.#limiter;
    const occurrences = this.#occurrences;
    const gate = this.#gate;
    const server = this.#server;
    const generation = this.#generation;
    const entry = (start: number | null, status: number, errorType: string | null, completionTokens = 0, serviceMs: number | null = null, multiplier: number | null = null): RequestLogEntry => ({
      id, endpoint: call.endpoint, model: call.model, stream: call.stream, arrival, start, end: this.clock.now(), status, errorType,
      promptTokens: call.promptTokens, completionTokens, inFlightAtArrival, serviceMs, loadMultiplier: multiplier,
    });
    const reject = (rejection: Rejection, errorType: string): Admission => {
      this.#push(entry(null, 429, errorType));
      return { admitted: false, rejection, rateLimitHeaders: limiter.headers(arrival) };
    };
    if (gate !== null && config.inFlightMode === 'reject' && !gate.tryAcquire()) {
      return reject({ reason: 'in-flight', limit: gate.limit }, 'concurrency_limit_exceeded');
    }
    const limited = limiter.admit(call.reservedTokens, arrival);
    if (limited !== null) {
      if (gate !== null && config.inFlightMode === 'reject') gate.release();
      return reject({ reason: 'rate-limit', detail: limited }, 'rate_limit_exceeded');
    }
    const rateLimitHeaders = limiter.headers(arrival);
    this.#inFlight++;
    this.#peak = Math.max(this.#peak, this.#inFlight);
    const held: FifoSlots[] = [];
    const leave = (): void => {
      for (const slots of held) slots.release();
      if (generation === this.#generation) this.#inFlight--;
    };
    try {
      if (gate !== null && config.inFlightMode === 'queue') await gate.acquire(signal);
      if (gate !== null) held.push(gate);
      if (server !== null) {
        await server.acquire(signal);
        held.push(server);
      }
    } catch (error) {
      leave();
      if (generation === this.#generation) {
        const { status, errorType } = abortOutcome(signal);
        this.#push(entry(null, status, errorType));
      }
      throw error;
    }
    const start = this.clock.now();
    const draw = drawService(call, config, occurrences, id);
    const multiplier = config.load === null || server === null ? 1 : loadMultiplier(server.running, config.load);
    if (call.maxTokens === null) limiter.charge(draw.completionTokens, start);
    const ticket = new Ticket(
      { id, arrival, start, fault: draw.fault, outputTokens: draw.outputTokens, completionTokens: draw.completionTokens,
        promptTokens: call.promptTokens, finishReason: draw.finishReason, plan: scalePlan(draw.plan, multiplier) },
      this.clock,
      (t, status, errorType) => {
        leave();
        if (generation !== this.#generation) return;
        this.#push(entry(start, status, errorType, status === 200 ? t.completionTokens : 0, draw.plan.totalMs, multiplier));
      },
    );
    return { admitted: true, ticket, rateLimitHeaders };
  }
}

/**
 * The seeded draws for one service of `call`: fault, then output length (shaped by
 * `call.shapeOutput` if given), then latency for that length.
 * `occurrences` counts services per content in the request's iteration (updated here).
 */
function drawService(call: EngineCall, config: ResolvedProviderConfig, occurrences: Map<number, number>, id: number) {
  const key = hashString(`${call.endpoint}\n${call.model}\n${call.contentKey}`);
  const occurrence = occurrences.get(key) ?? 0;
  occurrences.set(key, occurrence + 1);
  const rng = createRng(config.seed, key, occurrence);
  const u = rng.next();
  const fault = hasFaults(config.faults) ? pickFault(config.faults, u) : null;
  let outputTokens = 0;
  let finishReason: FinishReason = 'stop';
  if (call.endpoint !== 'embeddings') {
    outputTokens = drawOutputTokens(config.outputTokens, rng);
    if (call.maxTokens !== null && outputTokens >= call.maxTokens) {
      finishReason = outputTokens > call.maxTokens ? 'length' : 'stop';
      outputTokens = call.maxTokens;
    }
  }
  let completionTokens = outputTokens * call.choices;
  if (call.shapeOutput !== undefined) {
    ({ outputTokens, completionTokens } = call.shapeOutput({ id, outputTokens, finishReason, rngFor: (index) => createRng(config.seed, key, occurrence, 'output', index) }));
  }
  const plan = scalePlan(drawLatency(config.latency, rng, outputTokens), config.timeScale);
  return { fault, outputTokens, completionTokens, finishReason, plan };
}
