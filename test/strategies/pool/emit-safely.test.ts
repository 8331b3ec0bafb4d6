/** Unit tests of emitSafely, the one helper that calls a strategy's onEvent listener. */
import { describe, expect, it } from 'vitest';
import { emitSafely } from '../../../src/strategies/pool/emit-safely.ts';
import type { StrategyEvent } from '../../../src/strategies/types.ts';

describe('emitSafely', () => {
  const event: StrategyEvent = { type: 'queued', index: 0, at: 0 };

  it('emitSafely() hands the event to the listener and ignores a missing one', () => {
    const seen: StrategyEvent[] = [];
    emitSafely((e) => seen.push(e), event);
    expect(seen).toEqual([event]);
    expect(() => emitSafely(undefined, event)).not.toThrow();
  });

  it('emitSafely() swallows what the listener throws', () => {
    expect(() => emitSafely(() => { throw new Error('listener bug'); }, event)).not.toThrow();
  });
});
