/** The buffer between the pool and a consumer iterating its results in completion order. */
import { Fifo } from './fifo.ts';

type Waiter<T> = { resolve(result: IteratorResult<T>): void; reject(error: unknown): void };

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The consumer side of a completion-order stream: values pushed by a producer are handed to
 * waiting `next()` calls or buffered; the stream ends with `close()` or with one error from
 * `fail()`. Lets the pool be iterated with `for await` without a generator per result.
 */
export class ResultChannel<T> {
  readonly #buffer = new Fifo<T>();
  readonly #waiters = new Fifo<Waiter<T>>();
  #error: { reason: unknown } | undefined;
  #closed = false;

  /** Values waiting for the consumer. */
  get size(): number {
    return this.#buffer.size;
  }

  /** Delivers a value to the oldest waiting `next()`, or buffers it. */
  push(value: T): void {
    const waiter = this.#waiters.shift();
    if (waiter === undefined) this.#buffer.push(value);
    else waiter.resolve({ done: false, value });
  }

  /** Ends the stream after the buffered values. */
  close(): void {
    this.#closed = true;
    this.#drainWaiters();
  }

  /** Ends the stream with `reason`: after the buffered values, or at once when `dropBuffered`. */
  fail(reason: unknown, dropBuffered: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    if (dropBuffered) this.#buffer.clear();
    const waiter = this.#waiters.shift();
    if (waiter === undefined) this.#error = { reason };
    else waiter.reject(reason);
    this.#drainWaiters();
  }

  /** Ends the stream at once, dropping buffered values and any pending error. */
  cancel(): void {
    this.#closed = true;
    this.#buffer.clear();
    this.#error = undefined;
    this.#drainWaiters();
  }

  /** The next value, the stream's error (once), or done. */
  next(): Promise<IteratorResult<T>> {
    if (this.#buffer.size > 0) return Promise.resolve({ done: false, value: this.#buffer.shift() as T });
    if (this.#error !== undefined) {
      const { reason } = this.#error;
      this.#error = undefined;
      return Promise.reject(reason);
    }
    if (this.#closed) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  #drainWaiters(): void {
    for (let w = this.#waiters.shift(); w !== undefined; w = this.#waiters.shift()) w.resolve(DONE);
  }
}
