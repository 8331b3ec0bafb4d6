import type { Clock } from '../core/clock.ts';
import type { StrategyEvent, Task } from '../strategies/types.ts';

/** What the harness saw of one input during one iteration. */
export interface InputTrace {
  /** When the strategy wanted to send it (`queued` event, else the iteration start). */
  wantedAt: number;
  /** Start and end of its final attempt, on the run's clock. */
  start: number | null;
  end: number | null;
  ok: boolean;
}

/**
 * Records one iteration: wraps the task to time every attempt and listens to strategy
 * events. Timing happens in the wrapper, so strategies that emit no events (the eager
 * pitfall) are measured the same way as the rest.
 */
export class Recorder {
  readonly traces: InputTrace[];
  readonly events: StrategyEvent[] = [];

  constructor(
    readonly clock: Clock,
    readonly inputs: number,
    readonly startedAt: number,
  ) {
    this.traces = Array.from({ length: inputs }, () => ({ wantedAt: startedAt, start: null, end: null, ok: false }));
  }

  /** Pass to a strategy's `onEvent`. */
  readonly onEvent = (event: StrategyEvent): void => {
    this.events.push(event);
    if (event.type === 'queued') {
      const trace = this.traces[event.index];
      if (trace !== undefined) trace.wantedAt = event.at;
    }
  };

  /** Wraps `task` so every attempt of input `ctx.index` is timed. */
  wrap<I, O>(task: Task<I, O>): Task<I, O> {
    return async (input, ctx) => {
      const trace = this.traces[ctx.index];
      const start = this.clock.now();
      try {
        const output = await task(input, ctx);
        if (trace !== undefined) Object.assign(trace, { start, end: this.clock.now(), ok: true });
        return output;
      } catch (error) {
        if (trace !== undefined) Object.assign(trace, { start, end: this.clock.now(), ok: false });
        throw error;
      }
    };
  }

  /** Number of events of one type. */
  count(type: StrategyEvent['type']): number {
    let n = 0;
    for (const e of this.events) if (e.type === type) n++;
    return n;
  }
}
