/**
 * Seeded pseudo-random numbers (sfc32), so every draw in a benchmark is reproducible
 * and different strategies can be compared on identical draws.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
}

/** 32-bit hash of a string (cyrb53 folded to 32 bits): stable across runs and platforms. */
export function hashString(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** Creates a generator from an integer seed, or from several (combined by hashing). */
export function createRng(...seeds: Array<number | string>): Rng {
  if (seeds.length === 0) throw new TypeError('Expected at least one seed, got none');
  for (const s of seeds) {
    if (typeof s === 'number' && !Number.isFinite(s)) {
      throw new TypeError(`Expected a seed to be a finite number or a string, got \`${String(s)}\``);
    }
  }
  const key = seeds.map(String).join('\u0000');
  let a = hashString(key, 1);
  let b = hashString(key, 2);
  let c = hashString(key, 3);
  let d = hashString(key, 4);
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // discard the warm-up of a fresh state
  let spare: number | undefined;
  return {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`Expected integers with min <= max, got min=${min}, max=${max}`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    normal() {
      if (spare !== undefined) {
        const z = spare;
        spare = undefined;
        return z;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
