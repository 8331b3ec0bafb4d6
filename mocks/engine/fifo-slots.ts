/** A counting semaphore with a FIFO queue, used for the in-flight gate and the server capacity. */
import { abortReason } from '../../src/core/index.ts';

interface Waiter {
  grant: () => void;
  done: boolean;
}

/**
 * A counting semaphore with a strict FIFO queue: the provider's max-in-flight gate and the
 * load model's server capacity. Waiting is not a clock sleep: a slot frees when a request
 * in service finishes, which is itself driven by the clock.
 */
export class FifoSlots {
  /** Most holders at once (`Infinity` for no limit). */
  readonly limit: number;
  #running = 0;
  #queue: Waiter[] = [];
  #head = 0;
  #waiting = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Slots held now. */
  get running(): number {
    return this.#running;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiting;
  }

  /** Takes a slot if one is free and nobody is queued; returns whether it did. */
  tryAcquire(): boolean {
    if (this.#running >= this.limit || this.#waiting > 0) return false;
    this.#running++;
    return true;
  }

  /**
   * Resolves once the caller holds a slot (at once if one is free). Rejects with
   * `signal.reason` if `signal` aborts first, leaving the queue.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        waiter.done = true;
        this.#waiting--;
        reject(abortReason(signal as AbortSignal));
      };
      const waiter: Waiter = {
        done: false,
        grant: () => {
          waiter.done = true;
          this.#waiting--;
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      this.#waiting++;
    });
  }

  /** Returns a slot, handing it straight to the first live waiter. */
  release(): void {
    while (this.#head < this.#queue.length) {
      const next = this.#queue[this.#head++]!;
      if (!next.done) {
        this.#compact();
        next.grant(); // the slot passes on: `running` stays the same
        return;
      }
    }
    this.#compact();
    this.#running = Math.max(0, this.#running - 1);
  }

  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
