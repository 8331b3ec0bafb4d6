import { describe, expect, it } from 'vitest';
import { describeFailures, FailureTally } from '../../src/bench/failure-tally.ts';

describe('FailureTally', () => {
  it('keeps 16 kinds apart, most frequent first, and counts the rest as `other` without a message', () => {
    const tally = new FailureTally('sk-secret-1234');
    for (let i = 0; i < 20; i++) tally.add(`4${String(i).padStart(2, '0')}`, `message ${i} with sk-secret-1234`);
    tally.add('400', 'again');
    const kinds = tally.kinds();
    expect(kinds).toHaveLength(17);
    expect(kinds.slice(0, 2)).toEqual([{ kind: 'other', count: 4 }, { kind: '400', count: 2, message: 'message 0 with [redacted]' }]);
    expect(describeFailures(kinds.slice(0, 2))).toBe('other ×4, 400 ×2 ("message 0 with [redacted]")');
  });
});
