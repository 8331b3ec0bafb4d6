/** Scripted stand-ins shared by the adaptive tests: an SDK-shaped 429 and a fixed limit that records its samples. */
import type { Limit, LimitSample } from '../../src/strategies/limiters/limit.ts';

/** An error shaped like the openai SDK's `RateLimitError`. */
export class TooManyRequests extends Error {
  readonly status = 429;
  constructor(readonly headers: Record<string, string> = {}) {
    super('429 Rate limit reached');
  }
}

/** A limit algorithm with a fixed limit that records its samples. */
export class FixedLimit implements Limit {
  readonly reason = 'fixed';
  readonly samples: LimitSample[] = [];
  constructor(readonly limit: number) {}
  onSample(sample: LimitSample): void {
    this.samples.push(sample);
  }
}
