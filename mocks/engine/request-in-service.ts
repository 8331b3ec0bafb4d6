/**
 * A request the engine has admitted and is serving: its drawn plan, its waits on the clock
 * and its single finish.
 */
import type { Clock } from '../../src/core/index.ts';
import type { Fault } from './faults.ts';
import { tokenOffset, type LatencyPlan } from './latency-model.ts';

/** Why a choice stopped, as OpenAI reports it. */
export type FinishReason = 'stop' | 'length';

/** What the engine decided when a request's service started. */
export interface TicketInit {
  id: number;
  arrival: number;
  start: number;
  /** The fault that struck this request, if any. */
  fault: Fault | null;
  /** Output tokens per choice. */
  outputTokens: number;
  /** Output tokens over all choices. */
  completionTokens: number;
  promptTokens: number;
  finishReason: FinishReason;
  /** Latency plan with time scale and load slowdown applied. */
  plan: LatencyPlan;
}

/** Called once when a ticket finishes. */
export type FinishHandler = (ticket: Ticket, status: number, errorType: string | null) => void;

/**
 * A request in service. The handler waits on it (whole response or token by token) and
 * must end it exactly once with {@link finish}; every wait goes through the clock and
 * stops when the request's signal aborts.
 */
export class Ticket implements TicketInit {
  readonly id: number;
  readonly arrival: number;
  readonly start: number;
  readonly fault: Fault | null;
  readonly outputTokens: number;
  readonly completionTokens: number;
  readonly promptTokens: number;
  readonly finishReason: FinishReason;
  readonly plan: LatencyPlan;
  readonly #clock: Clock;
  readonly #onFinish: FinishHandler;
  #finished = false;

  constructor(init: TicketInit, clock: Clock, onFinish: FinishHandler) {
    this.id = init.id;
    this.arrival = init.arrival;
    this.start = init.start;
    this.fault = init.fault;
    this.outputTokens = init.outputTokens;
    this.completionTokens = init.completionTokens;
    this.promptTokens = init.promptTokens;
    this.finishReason = init.finishReason;
    this.plan = init.plan;
    this.#clock = clock;
    this.#onFinish = onFinish;
  }

  /** Sleeps until `start + offsetMs` on the clock (not at all if that time has passed). */
  async waitUntil(offsetMs: number, signal?: AbortSignal): Promise<void> {
    const wait = this.start + offsetMs - this.#clock.now();
    if (wait > 0) await this.#clock.sleep(wait, signal);
  }

  /** Sleeps until the whole response is ready. */
  waitForCompletion(signal?: AbortSignal): Promise<void> {
    return this.waitUntil(this.plan.totalMs, signal);
  }

  /** Sleeps until output token `index` (0-based) is produced. */
  waitForToken(index: number, signal?: AbortSignal): Promise<void> {
    return this.waitUntil(tokenOffset(this.plan, index), signal);
  }

  /** The hang fault: settles only when `signal` aborts (rejecting with its reason); no timers. */
  hang(signal?: AbortSignal): Promise<never> {
    return new Promise<never>((_resolve, reject) => {
      if (signal === undefined) return;
      if (signal.aborted) reject(signal.reason);
      else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  /** Ends the request: logs it and frees its slots. Later calls do nothing. */
  finish(status: number, errorType: string | null = null): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#onFinish(this, status, errorType);
  }
}
