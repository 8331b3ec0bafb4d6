/**
 * Seeded sample values for JSON Schema's scalar types (strings with `format`, numbers,
 * integers), each within the schema's bounds. The JSON Schema sampler builds on these.
 */
import type { Rng } from '../../src/core/index.ts';

const WORDS = ['alpha', 'bravo', 'cedar', 'delta', 'ember', 'fjord', 'grove', 'harbor', 'iris', 'juniper', 'kestrel', 'lumen', 'maple', 'nova', 'onyx', 'pixel'];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(0, items.length - 1)]!;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const hex = (rng: Rng, length: number): string => Array.from({ length }, () => rng.int(0, 15).toString(16)).join('');

/**
 * Fixed-length samples per `format` (so a length bound is met by every draw or by none).
 * Formats not listed are annotations the sampler does not try to honour.
 */
export const FORMAT_SAMPLES: Readonly<Record<string, (rng: Rng) => string>> = {
  'date-time': (rng) => `20${rng.int(10, 29)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}T${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}Z`,
  date: (rng) => `20${rng.int(10, 29)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`,
  time: (rng) => `${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}Z`,
  duration: (rng) => `P${rng.int(1, 9)}D`,
  email: (rng) => `user${rng.int(1000, 9999)}@example.com`,
  hostname: (rng) => `host${rng.int(1000, 9999)}.example.com`,
  ipv4: (rng) => `10.${rng.int(100, 199)}.${rng.int(100, 199)}.${rng.int(100, 199)}`,
  ipv6: (rng) => `2001:db8::${hex(rng, 4)}`,
  uuid: (rng) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`,
  uri: (rng) => `https://example.com/${pick(rng, WORDS)}/${rng.int(1000, 9999)}`,
};

/** A string of words whose length is drawn in `[min, max]` (at most `min + 24` when unbounded). */
export function sampleString(rng: Rng, min: number, max: number): string {
  const length = rng.int(min, Math.min(max, min + 24));
  let text = '';
  while (text.length < length) text += (text === '' ? '' : ' ') + pick(rng, WORDS);
  text = text.slice(0, length);
  // A cut word may leave a trailing space: swap it for a letter so the text reads as words.
  return text.endsWith(' ') ? `${text.slice(0, -1)}x` : text;
}

/** Inclusive/exclusive numeric bounds of a schema, already checked for type. */
export interface NumericBounds {
  min: number | null;
  max: number | null;
  exclusiveMin: boolean;
  exclusiveMax: boolean;
  multipleOf: number | null;
}

/** Samples are drawn from a window of this width inside the bounds (schemas often allow ±2^53). */
const WINDOW = 100;

/** The integer range `[lo, hi]` allowed by `b`, narrowed to a window near 0; `null` if empty. */
function integerRange(b: NumericBounds): [number, number] | null {
  let lo = b.min === null ? -Infinity : b.exclusiveMin ? Math.floor(b.min) + 1 : Math.ceil(b.min);
  let hi = b.max === null ? Infinity : b.exclusiveMax ? Math.ceil(b.max) - 1 : Math.floor(b.max);
  if (lo > hi) return null;
  if (lo === -Infinity && hi === Infinity) return [0, WINDOW];
  if (lo === -Infinity) lo = hi - WINDOW;
  if (hi === Infinity) hi = lo + WINDOW;
  if (lo <= 0 && hi >= 0) return [Math.max(lo, 0), Math.min(hi, WINDOW)];
  return lo > 0 ? [lo, Math.min(hi, lo + WINDOW)] : [Math.max(lo, hi - WINDOW), hi];
}

const decimals = (x: number): number => (String(x).split('.')[1] ?? '').length;

/** An integer (or, with `integer` false, a number) within `b`, or `null` if none exists. */
export function sampleNumber(rng: Rng, b: NumericBounds, integer: boolean): number | null {
  if (b.multipleOf !== null) {
    const m = b.multipleOf;
    const range = integerRange({ ...b, min: b.min === null ? null : b.min / m, max: b.max === null ? null : b.max / m, multipleOf: null });
    if (range === null) return null;
    const places = decimals(m);
    const value = Number((rng.int(range[0], range[1]) * m).toFixed(places));
    return inBounds(value, b) && (!integer || Number.isInteger(value)) ? value : null;
  }
  const range = integerRange(b);
  if (range === null) return integer ? null : sampleFraction(b);
  if (integer) return rng.int(range[0], range[1]);
  const value = Number((range[0] + rng.next() * (range[1] - range[0])).toFixed(2));
  return inBounds(value, b) ? value : range[0];
}

/** A number inside bounds too narrow to hold an integer (e.g. `0.1 < x < 0.2`): the midpoint. */
function sampleFraction(b: NumericBounds): number | null {
  if (b.min === null || b.max === null) return null;
  const mid = (b.min + b.max) / 2;
  return inBounds(mid, b) ? mid : null;
}

function inBounds(x: number, b: NumericBounds): boolean {
  if (b.min !== null && (b.exclusiveMin ? x <= b.min : x < b.min)) return false;
  if (b.max !== null && (b.exclusiveMax ? x >= b.max : x > b.max)) return false;
  return true;
}
