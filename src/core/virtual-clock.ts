/** Simulated time: a `Clock` whose sleeps wake when `run` or `advance` moves time forward. */
import { abortableSleep, checkSleepMs, type Clock } from './clock.ts';

/** Thrown by {@link VirtualClock.run} when the work is waiting on nothing the clock can advance. */
export class VirtualClockStallError extends Error {
  override readonly name = 'VirtualClockStallError';
  constructor(
    /** Simulated time at which the work stalled. */
    readonly at: number,
    /** Real milliseconds waited for outside work before giving up. */
    readonly waitedMs: number,
  ) {
    super(
      `Failed to advance virtual time at ${at} ms: no sleeper is pending and the work has not settled after ${waitedMs} ms of real time. ` +
        'Please make sure every wait goes through the clock (or raise `stallTimeoutMs` for real I/O).',
    );
  }
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
  cancelled: boolean;
}

/** Options for {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** Simulated time at construction. @default 0 */
  start?: number;
  /**
   * Event-loop turns (`setImmediate`) with no clock activity required before time is
   * advanced, so promise chains and stream plumbing between two sleeps finish first.
   * @default 3
   */
  settleTicks?: number;
  /**
   * Extra real milliseconds of quiet required before advancing — needed only when work
   * crosses real I/O (the `http` transport). @default 0
   */
  settleRealMs?: number;
  /** Real milliseconds to wait with no sleeper pending before `run` rejects. @default 2000 */
  stallTimeoutMs?: number;
}

const immediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const realDelay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Simulated time: `sleep` parks the caller until {@link run} (or {@link advance}) moves
 * time forward. `run` advances to the next pending wake-up whenever the event loop has
 * gone quiet, so timings are exact and independent of CPU speed and machine load.
 *
 * @example
 * const clock = new VirtualClock();
 * await clock.run(() => clock.sleep(2000)); // returns at once; clock.now() === 2000
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #activity = 0;
  #running = false;
  readonly #heap: Timer[] = [];
  readonly #settleTicks: number;
  readonly #settleRealMs: number;
  readonly #stallTimeoutMs: number;

  constructor(options: VirtualClockOptions = {}) {
    const { start = 0, settleTicks = 3, settleRealMs = 0, stallTimeoutMs = 2000 } = options;
    for (const [name, value] of Object.entries({ start, settleTicks, settleRealMs, stallTimeoutMs })) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new TypeError(`Expected \`${name}\` to be a finite number from 0 and up, got \`${String(value)}\` (${typeof value})`);
      }
    }
    this.#now = start;
    this.#settleTicks = Math.max(1, Math.floor(settleTicks));
    this.#settleRealMs = settleRealMs;
    this.#stallTimeoutMs = stallTimeoutMs;
  }

  now(): number {
    return this.#now;
  }

  /** Number of sleepers waiting for time to advance. */
  get pending(): number {
    return this.#heap.filter((t) => !t.cancelled).length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return abortableSleep(ms, signal, (delay, wake) => {
      this.#activity++;
      const timer: Timer = { at: this.#now + delay, seq: this.#seq++, cancelled: false, resolve: wake };
      this.#push(timer);
      return () => {
        timer.cancelled = true;
        this.#activity++;
      };
    });
  }

  /**
   * Moves time forward by `ms`, waking every sleeper due on the way in time order
   * (letting each wake-up's promise reactions run before the next). For tests that step
   * time by hand; {@link run} is the usual driver.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + checkSleepMs(ms);
    for (;;) {
      await this.#settle();
      const next = this.#peek();
      if (next === undefined || next.at > target) break;
      this.#fireDue(next.at);
    }
    this.#now = target;
  }

  /**
   * Runs `fn` and drives simulated time until the promise it returns settles: whenever
   * the event loop is quiet, time jumps to the earliest pending wake-up.
   * Rejects with {@link VirtualClockStallError} if the work waits on nothing.
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#running) {
      throw new Error('Failed to run on the virtual clock: it is already being driven by another run(). Please await the first run before starting another.');
    }
    this.#running = true;
    let settled = false;
    const work = (async () => fn())().finally(() => {
      settled = true;
    });
    // Keep a rejection from being reported as unhandled while we drive the clock.
    work.catch(() => undefined);
    try {
      let stalledSince: number | undefined;
      while (!settled) {
        await this.#settle();
        if (settled) break;
        const next = this.#peek();
        if (next === undefined) {
          stalledSince ??= performance.now();
          const waited = performance.now() - stalledSince;
          if (waited >= this.#stallTimeoutMs) throw new VirtualClockStallError(this.#now, Math.round(waited));
          await realDelay(Math.min(10, this.#stallTimeoutMs));
          continue;
        }
        stalledSince = undefined;
        this.#fireDue(next.at);
      }
      return await work;
    } finally {
      this.#running = false;
    }
  }

  /** Waits until the event loop has been quiet (no clock activity) for `settleTicks` turns. */
  async #settle(): Promise<void> {
    let seen = this.#activity;
    let quiet = 0;
    while (quiet < this.#settleTicks) {
      await immediate();
      if (this.#activity === seen) {
        quiet++;
      } else {
        seen = this.#activity;
        quiet = 0;
      }
    }
    if (this.#settleRealMs > 0) {
      await realDelay(this.#settleRealMs);
      if (this.#activity !== seen) await this.#settle();
    }
  }

  /** Sets now to `at` and wakes every sleeper due then, in registration order. */
  #fireDue(at: number): void {
    this.#now = Math.max(this.#now, at);
    for (let t = this.#peek(); t !== undefined && t.at <= this.#now; t = this.#peek()) {
      this.#pop();
      this.#activity++;
      t.resolve();
    }
  }

  #peek(): Timer | undefined {
    while (this.#heap.length > 0 && this.#heap[0]!.cancelled) this.#pop();
    return this.#heap[0];
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): Timer | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
