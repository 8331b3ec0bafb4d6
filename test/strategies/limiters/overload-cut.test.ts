/** Unit tests of the once-per-episode overload cut. */
import { describe, expect, it } from 'vitest';
import { OverloadCut } from '../../../src/strategies/limiters/overload-cut.ts';

const drop = (inFlight: number, startedAt: number, settledAt: number) => ({ inFlight, startedAt, settledAt, outcome: 'dropped' as const });

describe('OverloadCut', () => {
  it('.apply() cuts to backoffRatio × the lower of the in-flight count at start and the current limit', () => {
    expect(new OverloadCut(0.5).apply(drop(12, 0, 5), 30, 1)).toEqual({ base: 12, limit: 6 });
    expect(new OverloadCut(0.5).apply(drop(40, 0, 5), 30, 1)).toEqual({ base: 30, limit: 15 });
    expect(new OverloadCut(0.5).apply(drop(3, 0, 5), 30, 2)).toEqual({ base: 3, limit: 2 });
  });

  it('.apply() cuts once per episode: drops that started no later than the last cut return undefined', () => {
    const cut = new OverloadCut(0.9);
    expect(cut.apply(drop(10, 100, 200), 10, 1)).toBeDefined();
    expect(cut.apply(drop(10, 150, 210), 9, 1)).toBeUndefined();
    expect(cut.apply(drop(10, 200, 220), 9, 1)).toBeUndefined();
    expect(cut.apply(drop(9, 201, 230), 9, 1)).toBeDefined();
  });

  it('.apply() orders drops by admission number when samples carry seq and latestSeq, even at one clock time', () => {
    const cut = new OverloadCut(0.5);
    const at3000 = (inFlight: number, seq: number, latestSeq: number) => ({ ...drop(inFlight, 3000, 3000), seq, latestSeq });
    expect(cut.apply(at3000(20, 20, 28), 28, 1)).toEqual({ base: 20, limit: 10 });
    expect(cut.apply(at3000(26, 26, 28), 10, 1), 'admitted before the cut: same episode').toBeUndefined();
    expect(cut.apply(at3000(12, 29, 29), 10, 1), 'admitted after the cut: a new episode').toEqual({ base: 10, limit: 5 });
    expect(cut.apply(at3000(9, 29, 30), 5, 1)).toBeUndefined();
  });

  it('new OverloadCut() validates backoffRatio', () => {
    expect(() => new OverloadCut(1)).toThrow(new TypeError('Expected `backoffRatio` to be a number above 0 and below 1, got `1` (number)'));
  });
});
