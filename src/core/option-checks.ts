/**
 * Option validation shared by withRetry, adaptive and rateLimited: every failed check
 * throws a `TypeError` naming the option, the allowed range and the value received.
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

function describeRange(range: NumberRange): string {
  const kind = range.integer ? 'an integer' : 'a number';
  const parts: string[] = [];
  if (range.min !== undefined) parts.push(range.exclusiveMin ? `above ${range.min}` : `from ${range.min}`);
  if (range.max !== undefined) {
    const upper = range.exclusiveMax ? `below ${range.max}` : range.exclusiveMin ? `at most ${range.max}` : `to ${range.max}`;
    parts.push(range.min !== undefined && (range.exclusiveMin || range.exclusiveMax) ? `and ${upper}` : upper);
  }
  else if (range.min !== undefined && !range.exclusiveMin) parts.push('and up');
  if (range.allowInfinity) parts.push('(or Infinity)');
  return [kind, ...parts].join(' ');
}

/** Throws a `TypeError` unless `value` is a number within `range`; returns it otherwise. */
export function checkNumberOption(name: string, value: unknown, range: NumberRange = {}): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (range.allowInfinity === true && value === Number.POSITIVE_INFINITY)) &&
    (!range.integer || Number.isInteger(value) || value === Number.POSITIVE_INFINITY) &&
    (range.min === undefined || (range.exclusiveMin ? value > range.min : value >= range.min)) &&
    (range.max === undefined || (range.exclusiveMax ? value < range.max : value <= range.max));
  if (!ok) {
    throw new TypeError(`Expected \`${name}\` to be ${describeRange(range)}, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}

/** Throws a `TypeError` unless `value` is one of `allowed`; returns it otherwise. */
export function checkEnumOption<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new TypeError(`Expected \`${name}\` to be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got \`${String(value)}\` (${typeof value})`);
  }
  return value as T;
}

/** Throws a `TypeError` unless `value` is a function (or `undefined`). */
export function checkFunctionOption(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new TypeError(`Expected \`${name}\` to be a function, got \`${String(value)}\` (${typeof value})`);
  }
}
