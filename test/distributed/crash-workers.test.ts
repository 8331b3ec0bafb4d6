import { describe, expect, it } from 'vitest';
import { crashWorkers } from '../../src/distributed/distributed-suite.ts';

describe('crashWorkers (K of the crash row)', () => {
  it('needs a second worker to take the killed one’s jobs', () => {
    expect(crashWorkers([1])).toBeNull();
    expect(crashWorkers([])).toBeNull();
  });
  it('is the largest K, at most 4', () => {
    expect(crashWorkers([2])).toBe(2);
    expect(crashWorkers([1, 2, 4, 8])).toBe(4);
    expect(crashWorkers([3, 1])).toBe(3);
  });
});
