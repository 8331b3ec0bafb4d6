/** Unit tests of the seeded random number generator. */
import { describe, expect, it } from 'vitest';
import { createRng, hashString } from '../../src/core/random.ts';

describe('random', () => {
  it('createRng() is reproducible per seed and differs across seeds', () => {
    const a = createRng(1);
    const b = createRng(1);
    const c = createRng(2);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('.int() stays in range and .normal() has mean ≈ 0, sd ≈ 1', () => {
    const rng = createRng('n');
    const ints = Array.from({ length: 1000 }, () => rng.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    const zs = Array.from({ length: 20_000 }, () => rng.normal());
    const m = zs.reduce((s, z) => s + z, 0) / zs.length;
    const v = zs.reduce((s, z) => s + (z - m) ** 2, 0) / zs.length;
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(v) - 1)).toBeLessThan(0.03);
  });

  it('hashString() is stable', () => {
    expect(hashString('hello')).toBe(hashString('hello'));
    expect(hashString('hello')).not.toBe(hashString('hellp'));
  });
});
