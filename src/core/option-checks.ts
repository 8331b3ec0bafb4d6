/**
 * The one option checker of the toolkit (strategies, mock provider, benchmarks): every failed
 * check throws a `TypeError` in p-queue's style, ``Expected `name` to be <range>, got `value` (type)``.
 */

/** Constraints for {@link checkNumberOption}. */
export interface NumberRange {
  /** Smallest allowed value (inclusive). @default -Infinity */
  min?: number;
  /** Largest allowed value (inclusive). @default Infinity */
  max?: number;
  /** Require an integer (Infinity passes when `allowInfinity`). @default false */
  integer?: boolean;
  /** Accept `Infinity`. @default false */
  allowInfinity?: boolean;
  /** Require strictly greater than `min`. @default false */
  exclusiveMin?: boolean;
  /** Require strictly less than `max`. @default false */
  exclusiveMax?: boolean;
}

/** Shows a received value the way error messages quote it: `` `value` (type) ``, objects as JSON, cut at 60 characters. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'object' && value !== null ? (JSON.stringify(value) ?? String(value)) : String(value);
  } catch {
    text = String(value);
  }
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return `\`${text}\` (${value === null ? 'null' : typeof value})`;
}

/** Describes a range in words, e.g. "an integer from 1 and up" or "a number above 0 and below 1". */
export function describeRange(range: NumberRange): string {
  const { min, max, exclusiveMin = false, exclusiveMax = false } = range;
  const parts = [range.integer ? 'an integer' : 'a number'];
  if (min !== undefined) parts.push(exclusiveMin ? `above ${min}` : `from ${min}`);
  if (max !== undefined) {
    const upper = exclusiveMax ? `below ${max}` : min === undefined || exclusiveMin ? `at most ${max}` : `to ${max}`;
    parts.push(min !== undefined && (exclusiveMin || exclusiveMax) ? `and ${upper}` : upper);
  } else if (min !== undefined && !exclusiveMin) {
    parts.push('and up');
  }
  if (range.allowInfinity) parts.push('(or Infinity)');
  return parts.join(' ');
}

function inRange(value: unknown, range: NumberRange): value is number {
  return (
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (range.allowInfinity === true && value === Number.POSITIVE_INFINITY)) &&
    (!range.integer || Number.isInteger(value) || value === Number.POSITIVE_INFINITY) &&
    (range.min === undefined || (range.exclusiveMin ? value > range.min : value >= range.min)) &&
    (range.max === undefined || (range.exclusiveMax ? value < range.max : value <= range.max))
  );
}

/** Throws a `TypeError` unless `value` is a number within `range`; returns it otherwise. */
export function checkNumberOption(name: string, value: unknown, range: NumberRange = {}): number {
  if (!inRange(value, range)) throw new TypeError(`Expected \`${name}\` to be ${describeRange(range)}, got ${describeValue(value)}`);
  return value;
}

/** Like {@link checkNumberOption} but also accepts `null` (meaning "off"). */
export function checkNumberOrNullOption(name: string, value: unknown, range: NumberRange = {}): number | null {
  if (value === null) return null;
  if (!inRange(value, range)) throw new TypeError(`Expected \`${name}\` to be ${describeRange(range)} or null, got ${describeValue(value)}`);
  return value;
}

/** Throws a `TypeError` unless `value` is one of `allowed`; returns it otherwise. */
export function checkEnumOption<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new TypeError(`Expected \`${name}\` to be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`);
  }
  return value as T;
}

/** Throws a `TypeError` unless `value` is a function (or `undefined`). */
export function checkFunctionOption(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new TypeError(`Expected \`${name}\` to be a function, got ${describeValue(value)}`);
  }
}

/** Throws a `TypeError` unless `value` is a plain object (not `null`, not an array); returns it otherwise. */
export function checkObjectOption(name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`Expected \`${name}\` to be an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Throws a `TypeError` for keys of `object` that are not in `known` (catches typos such as `rmp`). */
export function checkKnownKeys(name: string, object: object, known: readonly string[]): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      throw new TypeError(`Expected \`${name}\` to have only the keys ${known.map((k) => `\`${k}\``).join(', ')}, got unknown key \`${key}\``);
    }
  }
}
