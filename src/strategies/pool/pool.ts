/**
 * The sliding-window pool engine behind every pool-like strategy.
 *
 *   runPool(inputs, task, options?)                        → Promise<Array<O | Error>>  (input order)
 *   runPool(inputs, task, { order: 'completion', ... })    → AsyncIterableIterator<[index, O | Error]>
 *   createPool(inputs, task, options?) → Pool: { wake(), inFlight, results(), [Symbol.asyncIterator]() }
 *   (types PoolHooks, PoolOptions, PoolOutcome, PoolEntry live in pool-options.ts, re-exported here)
 *   options: StrategyOptions & {
 *     hooks?: { limit(), beforeStart(index, input, signal), afterSettle(index, input, outcome, startedAt),
 *               retry(index, input, error, attempt) → true / delay in ms to requeue the input for attempt + 1 },
 *     order?, indices? (index reported for the k-th input), gauge? (InFlightGauge), highWaterMark? }
 *
 * Semantics: a slot is taken when an input is read (inputs are read lazily, one per free slot,
 * so a 100k-input iterable never becomes 100k promises); `beforeStart` runs in that slot; then the
 * task starts. Effective limit = min(maxConcurrency, hooks.limit()), re-read whenever work could
 * start; call `wake()` after raising it from outside a settle. Failures: with `returnExceptions`
 * the error sits at its index; otherwise the first failure rejects at once, aborts `ctx.signal`
 * of in-flight tasks with that error and starts nothing new. Outer abort: same, with
 * `signal.reason`. Events queued/start/success/error carry `inFlight` (tasks running). Every task
 * promise is observed, so no strategy leaves an unhandled rejection; non-Error throws are wrapped.
 */
import { setMaxListeners } from 'node:events';
import { abortReason, type Clock } from '../../core/clock.ts';
import { realClock } from '../../core/real-clock.ts';
import type { InFlightGauge } from './in-flight-gauge.ts';
import type { PoolEntry, PoolHooks, PoolInputs, PoolOptions } from './pool-options.ts';
import { Fifo } from './fifo.ts';
import { emitSafely } from './emit-safely.ts';
import { END, InputReader, PENDING } from './input-reader.ts';
import { checkNumberOption } from '../../core/option-checks.ts';
import { ResultChannel } from './result-channel.ts';
import { toError } from './to-error.ts';
import type { StrategyEvent, Task, TaskContext } from '../types.ts';
import { resolveConcurrency } from './concurrency.ts';

export type { PoolEntry, PoolHooks, PoolInputs, PoolOptions, PoolOutcome } from './pool-options.ts';

/** A running (or not yet started) pool; consume it once, with `results()` or by async iteration. */
export class Pool<I, O> implements AsyncIterableIterator<PoolEntry<O>> {
  readonly #task: Task<I, O>;
  readonly #max: number;
  readonly #limit: (() => number) | undefined;
  readonly #beforeStart: PoolHooks<I>['beforeStart'];
  readonly #afterSettle: PoolHooks<I>['afterSettle'];
  readonly #retry: PoolHooks<I>['retry'];
  /** Inputs handed back by the `retry` hook, started before unread inputs. */
  readonly #retries: Fifo<{ index: number; input: I; attempt: number }> | undefined;
  readonly #clock: Clock;
  readonly #onEvent: ((event: StrategyEvent) => void) | undefined;
  readonly #returnExceptions: boolean;
  readonly #gauge: InFlightGauge | undefined;
  readonly #indices: readonly number[] | undefined;
  readonly #highWaterMark: number;
  readonly #outer: AbortSignal | undefined;
  readonly #controller = new AbortController();
  readonly #array: readonly I[] | undefined;
  #reader: InputReader<I> | undefined;
  #pos = 0;
  #exhausted = false;
  #pulling = false;
  #active = 0; // slots taken (beforeStart or running)
  #delayed = 0; // retries waiting out a delay before they rejoin the queue (no slot)
  #running = 0;
  #mode: 'input' | 'completion' | undefined;
  #stopped = false;
  #pumping = false;
  #again = false;
  #results: Array<O | Error> = [];
  #settle: { resolve(v: Array<O | Error>): void; reject(e: unknown): void } | undefined;
  #promise: Promise<Array<O | Error>> | undefined;
  readonly #channel = new ResultChannel<PoolEntry<O>>();

  constructor(inputs: PoolInputs<I>, task: Task<I, O>, options: PoolOptions<I> = {}) {
    if (typeof task !== 'function') throw new TypeError(`Expected \`task\` to be a function, got \`${String(task)}\` (${typeof task})`);
    this.#task = task;
    this.#max = resolveConcurrency('maxConcurrency', options.maxConcurrency);
    this.#limit = options.hooks?.limit;
    this.#beforeStart = options.hooks?.beforeStart;
    this.#afterSettle = options.hooks?.afterSettle;
    this.#retry = options.hooks?.retry;
    this.#retries = this.#retry === undefined ? undefined : new Fifo();
    this.#clock = options.clock ?? realClock;
    this.#onEvent = options.onEvent;
    this.#returnExceptions = options.returnExceptions === true;
    this.#gauge = options.gauge;
    this.#indices = options.indices;
    this.#highWaterMark = checkNumberOption('highWaterMark', options.highWaterMark ?? 1024, { min: 1, integer: true });
    this.#outer = options.signal;
    // Every running task may listen on ctx.signal (fetch, the openai SDK, clock.sleep): no cap.
    setMaxListeners(0, this.#controller.signal);
    this.#array = Array.isArray(inputs) ? (inputs as readonly I[]) : undefined;
    if (this.#array === undefined) this.#reader = new InputReader(inputs);
  }

  /** Tasks running now (not counting inputs waiting in `beforeStart`). */
  get inFlight(): number {
    return this.#running;
  }

  /** Re-reads the limit and starts work if it allows, e.g. after raising it from a timer. */
  wake(): void {
    if (this.#mode !== undefined && !this.#stopped) this.#pump();
  }

  /** Starts the pool (once) and resolves with every result in input order. */
  results(): Promise<Array<O | Error>> {
    if (this.#promise === undefined) {
      this.#claim('input');
      if (this.#array !== undefined) this.#results = new Array<O | Error>(this.#array.length);
      this.#promise = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
      this.#start();
    }
    return this.#promise;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Starts the pool on first call; yields `[index, output | Error]` as tasks settle. */
  next(): Promise<IteratorResult<PoolEntry<O>>> {
    if (this.#mode !== 'completion') {
      this.#claim('completion');
      this.#start();
    }
    const result = this.#channel.next();
    if (!this.#stopped) this.#pump(); // a buffered result was taken: there may be room again
    return result;
  }

  /** Called by `break`/`return` in `for await`: stops scheduling and aborts in-flight tasks. */
  return(): Promise<IteratorResult<PoolEntry<O>>> {
    this.#stop(new DOMException('The consumer stopped iterating the results', 'AbortError'));
    this.#channel.cancel();
    return Promise.resolve({ done: true, value: undefined });
  }

  #claim(mode: 'input' | 'completion'): void {
    if (this.#mode !== undefined) {
      throw new Error('Failed to consume the pool: it is already consumed. Please call results() or iterate it, once.');
    }
    this.#mode = mode;
  }

  #start(): void {
    if (this.#stopped) return;
    const outer = this.#outer;
    if (outer?.aborted) return this.#fail(abortReason(outer), true);
    outer?.addEventListener('abort', this.#onAbort, { once: true });
    if (this.#array !== undefined && this.#onEvent !== undefined) {
      // Every input of an array is wanted now: queue them all, so latency includes pool waiting.
      const at = this.#clock.now();
      for (let k = 0; k < this.#array.length; k++) this.#emit({ type: 'queued', index: this.#indices?.[k] ?? k, at });
    }
    this.#pump();
  }

  readonly #onAbort = (): void => this.#fail(abortReason(this.#outer as AbortSignal), true);

  #pump(): void {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    do {
      this.#again = false;
      this.#fill();
    } while (this.#again);
    this.#pumping = false;
    if (this.#exhausted && this.#active === 0 && this.#delayed === 0 && !this.#pulling && !this.#stopped && (this.#retries === undefined || this.#retries.size === 0)) {
      this.#finish();
    }
  }

  /** Reads inputs and launches them while the limit, the buffer and the source allow. */
  #fill(): void {
    const array = this.#array;
    while (!this.#stopped && this.#active < this.#currentLimit()) {
      if (this.#mode === 'completion' && this.#channel.size >= this.#highWaterMark) return;
      const retry = this.#retries?.shift();
      if (retry !== undefined) {
        this.#active++;
        this.#begin(retry.index, retry.input, retry.attempt);
        continue;
      }
      if (this.#exhausted || this.#pulling) return;
      const k = this.#pos;
      if (array !== undefined) {
        if (k >= array.length) this.#exhausted = true;
        else this.#launch(this.#pos++, array[k] as I);
        continue;
      }
      let read: I | typeof END | typeof PENDING;
      try {
        read = (this.#reader as InputReader<I>).read(this.#onRead, this.#onReadError);
      } catch (error) {
        return this.#fail(error, true);
      }
      if (read === PENDING) this.#pulling = true;
      else if (read === END) this.#exhausted = true;
      else this.#launch(this.#pos++, read);
    }
  }

  readonly #onRead = (read: I | typeof END): void => {
    this.#pulling = false;
    if (this.#stopped) return;
    if (read === END) this.#exhausted = true;
    else this.#launch(this.#pos++, read);
    this.#pump();
  };

  readonly #onReadError = (error: Error): void => {
    this.#pulling = false;
    this.#fail(error, true);
  };

  #currentLimit(): number {
    return this.#limit === undefined ? this.#max : Math.min(this.#max, this.#limit());
  }

  #launch(k: number, input: I): void {
    const index = this.#indices === undefined ? k : (this.#indices[k] as number);
    this.#active++;
    if (this.#onEvent !== undefined && this.#array === undefined) this.#emit({ type: 'queued', index, at: this.#clock.now() });
    this.#begin(index, input, 1);
  }

  /** Runs `beforeStart` (if any) in the slot already taken, then the attempt. */
  #begin(index: number, input: I, attempt: number): void {
    const before = this.#beforeStart;
    if (before !== undefined) {
      let waiting: Promise<void> | void;
      try {
        waiting = before(index, input, this.#controller.signal);
      } catch (error) {
        return this.#notStarted(index, error);
      }
      if (waiting !== undefined && waiting !== null && typeof waiting.then === 'function') {
        Promise.resolve(waiting).then(() => this.#run(index, input, attempt), (error: unknown) => this.#notStarted(index, error));
        return;
      }
    }
    this.#run(index, input, attempt);
  }

  #run(index: number, input: I, attempt: number): void {
    if (this.#stopped) {
      this.#active--;
      return;
    }
    this.#running++;
    this.#gauge?.enter();
    const ctx: TaskContext = { signal: this.#controller.signal, attempt, index };
    const startedAt = this.#onEvent !== undefined || this.#afterSettle !== undefined ? this.#clock.now() : 0;
    if (this.#onEvent !== undefined) this.#emit({ type: 'start', index, attempt, at: startedAt, inFlight: this.#running });
    let out: Promise<O>;
    try {
      out = this.#task(input, ctx);
    } catch (error) {
      return this.#settled(index, input, ctx, false, error, startedAt);
    }
    (out instanceof Promise ? out : Promise.resolve(out)).then(
      (value) => this.#settled(index, input, ctx, true, value, startedAt),
      (error: unknown) => this.#settled(index, input, ctx, false, error, startedAt),
    );
  }

  #settled(index: number, input: I, ctx: TaskContext, ok: boolean, value: unknown, startedAt: number): void {
    this.#active--;
    this.#running--;
    this.#gauge?.leave();
    const error = ok ? undefined : toError(value, `the task for input ${index}`);
    if (this.#afterSettle !== undefined && !this.#stopped) {
      try {
        this.#afterSettle(index, input, error === undefined ? { ok: true, value } : { ok: false, error }, startedAt);
      } catch (hookError) {
        return this.#fail(toError(hookError, 'the afterSettle hook'), false);
      }
    }
    if (error !== undefined && this.#retry !== undefined && !this.#stopped) {
      let again: boolean | number;
      try {
        again = this.#retry(index, input, error, ctx.attempt);
        if (typeof again === 'number' && !Number.isFinite(again)) {
          throw new TypeError(`Expected the retry hook to return a boolean or a finite delay in ms, got \`${again}\` (number)`);
        }
      } catch (hookError) {
        return this.#fail(toError(hookError, 'the retry hook'), false);
      }
      if (again !== false) {
        this.#requeue({ index, input, attempt: ctx.attempt + 1 }, again === true ? 0 : again);
        return;
      }
    }
    if (this.#onEvent !== undefined) {
      const at = this.#clock.now();
      const inFlight = this.#running;
      const attempt = ctx.attempt;
      this.#emit(error === undefined ? { type: 'success', index, attempt, at, inFlight } : { type: 'error', index, attempt, at, inFlight, error });
    }
    if (this.#stopped) return;
    if (error !== undefined && !this.#returnExceptions) return this.#fail(error, false);
    this.#store(index, error ?? (value as O));
    this.#pump();
  }

  /** Puts a retried input back in the queue now, or after `delayMs` on the clock without holding a slot. */
  #requeue(retry: { index: number; input: I; attempt: number }, delayMs: number): void {
    const retries = this.#retries as Fifo<{ index: number; input: I; attempt: number }>;
    if (!(delayMs > 0)) {
      retries.push(retry);
      this.#pump();
      return;
    }
    this.#delayed++;
    const rejoin = (): void => {
      this.#delayed--;
      if (this.#stopped) return;
      retries.push(retry);
      this.#pump();
    };
    // Rejects only when the pool's signal aborts: the pool has stopped and `rejoin` drops the input.
    this.#clock.sleep(delayMs, this.#controller.signal).then(rejoin, rejoin);
    this.#pump(); // its slot is free now
  }

  /** `beforeStart` failed: the input fails without an attempt. */
  #notStarted(index: number, cause: unknown): void {
    this.#active--;
    if (this.#stopped) return;
    const error = toError(cause, `beforeStart for input ${index}`);
    if (this.#onEvent !== undefined) this.#emit({ type: 'error', index, attempt: 0, at: this.#clock.now(), inFlight: this.#running, error });
    if (!this.#returnExceptions) return this.#fail(error, false);
    this.#store(index, error);
    this.#pump();
  }

  #store(index: number, result: O | Error): void {
    if (this.#mode === 'input') {
      this.#results[index] = result;
      return;
    }
    this.#channel.push([index, result]);
  }

  #finish(): void {
    this.#stopped = true;
    this.#outer?.removeEventListener('abort', this.#onAbort);
    if (this.#settle !== undefined) this.#settle.resolve(this.#results);
    else this.#channel.close();
  }

  /** Stops the pool with `reason`; `prompt` drops buffered results (abort) instead of delivering them first. */
  #fail(reason: unknown, prompt: boolean): void {
    if (!this.#stop(reason)) return;
    if (this.#settle !== undefined) this.#settle.reject(reason);
    else this.#channel.fail(reason, prompt);
  }

  #stop(reason: unknown): boolean {
    if (this.#stopped) return false;
    this.#stopped = true;
    this.#outer?.removeEventListener('abort', this.#onAbort);
    this.#controller.abort(reason);
    this.#reader?.close();
    return true;
  }

  #emit(event: StrategyEvent): void {
    emitSafely(this.#onEvent, event);
  }
}

/** Creates a pool over `inputs`; nothing runs until `results()` or the first `next()`. */
export function createPool<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: PoolOptions<I>): Pool<I, O> {
  return new Pool(inputs, task, options);
}

/** Runs `task` over `inputs` in a sliding pool; see the module comment for the semantics. */
export function runPool<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options: PoolOptions<I> & { order: 'completion' }): AsyncIterableIterator<PoolEntry<O>>;
export function runPool<I, O>(inputs: PoolInputs<I>, task: Task<I, O>, options?: PoolOptions<I> & { order?: 'input' }): Promise<Array<O | Error>>;
export function runPool<I, O>(
  inputs: PoolInputs<I>,
  task: Task<I, O>,
  options: PoolOptions<I> = {},
): Promise<Array<O | Error>> | AsyncIterableIterator<PoolEntry<O>> {
  const pool = new Pool(inputs, task, options);
  return options.order === 'completion' ? pool : pool.results();
}
