/**
 * Option checks shared by the provider's configuration: every failure is a `TypeError`
 * that names the option, states the allowed range and repeats the value received.
 */

/** Constraints for {@link checkNumber}. */
export interface NumberRange {
  /** Smallest allowed value. @default -Infinity */
  min?: number;
  /** When true, `min` itself is not allowed. @default false */
  minExclusive?: boolean;
  /** Largest allowed value. @default Infinity */
  max?: number;
  /** Require a whole number. @default false */
  integer?: boolean;
}

/** Shows a received value the way error messages quote it: `` `value` (type) ``. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  } catch {
    text = String(value);
  }
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return `\`${text}\` (${value === null ? 'null' : typeof value})`;
}

/** Describes a range in words, e.g. "a whole number from 1 and up". */
export function describeRange(range: NumberRange): string {
  const { min, max, minExclusive = false, integer = false } = range;
  const noun = integer ? 'a whole number' : 'a finite number';
  if (min !== undefined && max !== undefined) return `${noun} from ${min}${minExclusive ? ' (exclusive)' : ''} to ${max}`;
  if (min !== undefined) return minExclusive ? `${noun} above ${min}` : `${noun} from ${min} and up`;
  if (max !== undefined) return `${noun} up to ${max}`;
  return noun;
}

/** Returns `value` if it is a number within `range`, else throws a `TypeError` naming `name`. */
export function checkNumber(name: string, value: unknown, range: NumberRange = {}): number {
  const { min, max, minExclusive = false, integer = false } = range;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || (minExclusive ? value > min : value >= min)) &&
    (max === undefined || value <= max);
  if (!ok) throw new TypeError(`Expected \`${name}\` to be ${describeRange(range)}, got ${describeValue(value)}`);
  return value;
}

/** Like {@link checkNumber} but also accepts `null` (meaning "off"). */
export function checkNumberOrNull(name: string, value: unknown, range: NumberRange = {}): number | null {
  if (value === null) return null;
  try {
    return checkNumber(name, value, range);
  } catch {
    throw new TypeError(`Expected \`${name}\` to be ${describeRange(range)} or null, got ${describeValue(value)}`);
  }
}

/** Returns `value` if it is one of `allowed`, else throws a `TypeError` naming `name`. */
export function checkOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new TypeError(`Expected \`${name}\` to be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`);
}

/** Throws a `TypeError` for keys of `object` that are not in `known` (catches typos such as `rmp`). */
export function checkKnownKeys(name: string, object: object, known: readonly string[]): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      throw new TypeError(`Expected \`${name}\` to have only the keys ${known.map((k) => `\`${k}\``).join(', ')}, got unknown key \`${key}\``);
    }
  }
}

/** Returns `value` if it is a plain object, else throws a `TypeError` naming `name`. */
export function checkObject(name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`Expected \`${name}\` to be an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}
