import { describe, expect, it } from 'vitest';
import { keepServerHeapSmall } from '../../mocks/server-heap.ts';

describe('keepServerHeapSmall', () => {
  it('sets the growth flag when the user chose nothing', () => {
    expect(keepServerHeapSmall([], '')).toBe(true);
  });

  it('leaves a heap flag the user gave on the command line or in NODE_OPTIONS alone', () => {
    expect(keepServerHeapSmall(['--max-old-space-size=512'], '')).toBe(false);
    expect(keepServerHeapSmall(['--conditions=x'], '--trace-warnings --heap-growing-percent=50')).toBe(false);
    expect(keepServerHeapSmall(['--optimize-for-size'], '')).toBe(false);
  });
});
