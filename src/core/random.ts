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
  /** A generator that continues from this one's current state, independently of it. */
  clone(): Rng;
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
  const rng = new Sfc32(hashString(key, 1), hashString(key, 2), hashString(key, 3), hashString(key, 4), undefined);
  for (let i = 0; i < 12; i++) rng.next(); // discard the warm-up of a fresh state
  return rng;
}

/** sfc32 with a Box–Muller spare: five numbers of state, so a clone costs a few dozen bytes. */
class Sfc32 implements Rng {
  constructor(
    private a: number,
    private b: number,
    private c: number,
    private d: number,
    private spare: number | undefined,
  ) {}

  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`Expected integers with min <= max, got min=${min}, max=${max}`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  normal(): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  clone(): Rng {
    return new Sfc32(this.a, this.b, this.c, this.d, this.spare);
  }
}
