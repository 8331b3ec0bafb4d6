import type { Clock } from '../core/clock.ts';
import type { StrategyEvent, StrategyEventType, Task } from '../strategies/types.ts';
import { compactFailure } from './request-failure.ts';
import { SignalFanout } from './signal-fanout.ts';

/**
 * Per-input timings of one iteration, as columns: 25 bytes per input, whatever the run's
 * length. `NaN` marks a time that never came (an input that never started).
 */
export class Traces {
  /** When the strategy wanted to send each input (`queued` event, else the iteration start). */
  readonly wantedAt: Float64Array;
  /** Start and end of each input's final attempt, on the run's clock. */
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** 1 when the final attempt succeeded. */
  readonly ok: Uint8Array;

  constructor(readonly length: number, startedAt: number) {
    this.wantedAt = new Float64Array(length).fill(startedAt);
    this.start = new Float64Array(length).fill(Number.NaN);
    this.end = new Float64Array(length).fill(Number.NaN);
    this.ok = new Uint8Array(length);
  }

  /** Columns from rows (tests and small tools); `null` times become `NaN`. */
  static from(rows: ReadonlyArray<{ wantedAt: number; start: number | null; end: number | null; ok: boolean }>): Traces {
    const traces = new Traces(rows.length, 0);
    rows.forEach((r, i) => {
      traces.wantedAt[i] = r.wantedAt;
      traces.start[i] = r.start ?? Number.NaN;
      traces.end[i] = r.end ?? Number.NaN;
      traces.ok[i] = r.ok ? 1 : 0;
    });
    return traces;
  }
}

/**
 * Records one iteration in bounded memory: wraps the task to time every attempt, counts
 * strategy events by type and keeps only the limit changes. Timing happens in the wrapper,
 * so strategies that emit no events (the eager pitfall) are measured the same way.
 */
export class Recorder {
  readonly traces: Traces;
  /** `[at, limit]` of every `limit-changed` event, in order. */
  readonly limitChanges: Array<[number, number]> = [];
  readonly #counts = new Map<StrategyEventType, number>();
  readonly #signals = new SignalFanout();

  constructor(
    readonly clock: Clock,
    inputs: number,
    startedAt: number,
  ) {
    this.traces = new Traces(inputs, startedAt);
  }

  /** Pass to a strategy's `onEvent`. */
  readonly onEvent = (event: StrategyEvent): void => {
    this.#counts.set(event.type, (this.#counts.get(event.type) ?? 0) + 1);
    if (event.type === 'queued' && event.index < this.traces.length) this.traces.wantedAt[event.index] = event.at;
    else if (event.type === 'limit-changed') this.limitChanges.push([event.at, event.limit]);
  };

  /**
   * Wraps `task` so every attempt of input `ctx.index` is timed on a signal of its own, and
   * hands back only what the harness reads — an output's token usage, a failure's compact
   * form ({@link compactFailure}) — so a long run does not hold every response in memory.
   */
  wrap<I>(task: Task<I, unknown>, usageOf: (output: unknown) => number | undefined): Task<I, number | undefined> {
    const { traces, clock } = this;
    return async (input, ctx) => {
      const i = ctx.index;
      const start = clock.now();
      const child = this.#signals.child(ctx.signal);
      let ok = false;
      try {
        const output = await task(input, { ...ctx, signal: child.signal });
        ok = true;
        return usageOf(output);
      } catch (error) {
        throw compactFailure(error);
      } finally {
        child.release();
        if (i < traces.length) {
          traces.start[i] = start;
          traces.end[i] = clock.now();
          traces.ok[i] = ok ? 1 : 0;
        }
      }
    };
  }

  /** Number of events of one type. */
  count(type: StrategyEventType): number {
    return this.#counts.get(type) ?? 0;
  }
}
